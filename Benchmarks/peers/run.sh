#!/usr/bin/env bash
# Runs archsim's engine benchmarks side by side with SimPy and Ciw and writes a Markdown table
# to Benchmarks/results/latest.md (also printed). Works from a fresh clone:
#
#   Benchmarks/peers/run.sh                        # peers at 10^6 customers (a few minutes)
#   Benchmarks/peers/run.sh --customers 10000000   # peers at 10^7 (SimPy and Ciw take long)
#   Benchmarks/peers/run.sh --repeats 5 --hold-repeats 7
#
# What it needs and installs when missing:
#   - swift (6.1+) on the PATH: not installed here.
#   - python3 with venv: Debian's python3-venv when `python3 -m venv` is missing.
#   - GNU time (/usr/bin/time -v, peak RSS): Debian's `time` package.
#   - SimPy and Ciw from PyPI, into Benchmarks/peers/.venv (git-ignored).
# Builds the `MM1` and `archsim` executables in release into Benchmarks/.build.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(dirname "$here")"

source "$here/common.sh"

venv="$here/.venv"
peer_tools "$venv"

say "building MM1 and archsim (release) in $bench/.build"
swift build -c release --package-path "$bench" --product MM1 2>&1 | grep -E 'error|warning: unre|Compiling|Build' >&2 || true
swift build -c release --package-path "$bench" --product archsim 2>&1 | grep -E 'error|Compiling|Build' >&2 || true
bin="$(swift build -c release --package-path "$bench" --show-bin-path)"
[ -x "$bin/MM1" ] && [ -x "$bin/archsim" ] || { echo "the release build failed" >&2; exit 3; }

exec "$venv/bin/python" "$here/bench.py" --bin "$bin" --out "$bench/results/latest.md" "$@"
