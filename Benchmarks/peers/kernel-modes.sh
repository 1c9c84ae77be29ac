#!/usr/bin/env bash
# The point check of live against calibrated kernel times (moved here from
# Tests/ModelsTests/KernelModeTests, where it failed CI on a loaded machine): the calibrated
# mean kernel time lies within the live replications' 99% CI, and models 25% off do not.
# Builds the main package's `kernel-modes-bench` in release (into .build at the root), runs
# it, prints its Markdown report and writes it to Benchmarks/results/kernel-modes.md.
#
#   Benchmarks/peers/kernel-modes.sh                        # 40 replications of 30 s (≈1 minute)
#   Benchmarks/peers/kernel-modes.sh --replications 80      # passed on to kernel-modes-bench
#
# Exits as the bench does: 0 the check holds, 1 it does not, 2 it could not run. Run it on an
# otherwise idle machine: beside other work, a thread's CPU time changes by tens of percent.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(dirname "$here")"
root="$(dirname "$bench")"

command -v swift >/dev/null || { echo "swift is not on the PATH (Swift 6.1+ is needed)" >&2; exit 2; }
echo "building kernel-modes-bench (release) in $root/.build" >&2
swift build -c release --package-path "$root" --product kernel-modes-bench 2>&1 | grep -E 'error|Build' >&2 || true
bin="$(swift build -c release --package-path "$root" --show-bin-path)"
[ -x "$bin/kernel-modes-bench" ] || { echo "the release build failed" >&2; exit 2; }

status=0
"$bin/kernel-modes-bench" "$@" | tee "$bench/results/kernel-modes.md" || status=$?
exit "$status"
