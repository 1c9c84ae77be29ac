#!/usr/bin/env bash
# Times archsim's image kernels against libvips and Pillow on the same synthetic 24MP JPEG,
# single-threaded: decode → Lanczos3 to 10, 7 and 5MP → encode at quality 85. Prints a
# Markdown report and writes it to Benchmarks/results/kernels.md. Works from a fresh clone:
#
#   Benchmarks/peers/kernels.sh                 # 3 rounds × 3 runs per contender (≈2 minutes)
#   Benchmarks/peers/kernels.sh --rounds 5      # more rounds
#
# What it needs and installs when missing:
#   - swift (6.1+) on the PATH: not installed here.
#   - libturbojpeg0-dev (archsim's JPEG codec) and libvips42 (libvips, used through pyvips):
#     Debian packages.
#   - python3 with venv (Debian's python3-venv when `python3 -m venv` is missing); Pillow and
#     pyvips from PyPI, into Benchmarks/peers/.venv (git-ignored).
# Builds the main package's `kernels-bench` executable in release (into .build at the root).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"

source "$here/common.sh"

command -v swift >/dev/null || { echo "swift is not on the PATH (Swift 6.1+ is needed)" >&2; exit 2; }
missing=()
for package in libturbojpeg0-dev libvips42 pkg-config; do installed "$package" || missing+=("$package"); done
command -v python3 >/dev/null || missing+=(python3 python3-venv)
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi

venv="$here/.venv"
python_venv "$venv" "PIL, pyvips" Pillow pyvips

say "building kernels-bench (release) in $root/.build"
swift build -c release --package-path "$root" --product kernels-bench 2>&1 | grep -E 'error|Compiling|Build' >&2 || true
bin="$(swift build -c release --package-path "$root" --show-bin-path)"
[ -x "$bin/kernels-bench" ] || { echo "the release build failed" >&2; exit 3; }

exec "$venv/bin/python" "$here/kernels.py" --bench "$bin/kernels-bench" --out "$bench/results/kernels.md" "$@"
