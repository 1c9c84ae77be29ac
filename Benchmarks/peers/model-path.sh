#!/usr/bin/env bash
# The model-path benchmarks (Benchmarks/README.md, "Model path"): archsim's product path on
# M/M/1 against the SimKit model, SimPy and Ciw; the ALB → ECS → S3 + Kafka topology on an old
# binary against a new one; events/s against components and requests in flight; peak memory
# against the simulated duration. Prints a Markdown report with PASS/FAIL per goal and writes
# it to Benchmarks/results/model-path.md.
#
#   Benchmarks/peers/model-path.sh --old /work/archsim-9e9e780 --new .build/release/archsim
#   Benchmarks/peers/model-path.sh --old OLD --new NEW --rounds 9 --peer-rounds 5   # more repeats
#   Benchmarks/peers/model-path.sh --old OLD --new NEW --only 2,3                   # some sections
#
# --new defaults to this checkout's archsim, built in release into Benchmarks/.build. Other
# options: peers/model_path.py --help. About 6–8 minutes on 2 cores with the defaults and the
# 9e9e780 binary as both (less with a faster new binary), after the build.
#
# Installs what is missing: GNU time and python3-venv (Debian), SimPy and Ciw (PyPI, into
# Benchmarks/peers/.venv). Builds `MM1` in release into Benchmarks/.build.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(dirname "$here")"
source "$here/common.sh"

export MODEL_PATH_COMMAND="Benchmarks/peers/model-path.sh${*:+ $*}"

new=""
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --new) new="$2"; shift 2 ;;
        --new=*) new="${1#--new=}"; shift ;;
        *) args+=("$1"); shift ;;
    esac
done

venv="$here/.venv"
peer_tools "$venv"

say "building MM1 (release) in $bench/.build"
swift build -c release --package-path "$bench" --product MM1 2>&1 | grep -E 'error|Compiling|Build' >&2 || true
if [ -z "$new" ]; then
    say "building archsim (release) in $bench/.build: the binary under test (--new)"
    swift build -c release --package-path "$bench" --product archsim 2>&1 | grep -E 'error|Compiling|Build' >&2 || true
fi
bin="$(swift build -c release --package-path "$bench" --show-bin-path)"
[ -x "$bin/MM1" ] || { echo "the release build of MM1 failed" >&2; exit 3; }
new="${new:-$bin/archsim}"
[ -x "$new" ] || { echo "not an executable: $new" >&2; exit 3; }

exec "$venv/bin/python" "$here/model_path.py" --mm1 "$bin/MM1" --new "$new" --python "$venv/bin/python" \
    --out "$bench/results/model-path.md" ${args[@]+"${args[@]}"}
