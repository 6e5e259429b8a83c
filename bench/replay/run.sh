#!/bin/sh
# run.sh BUILD_DIR [DIR] - replay benchmarks on synthetic 1M and 5M captures:
# state-only and print throughput, and peak RSS (which must not grow with the
# capture length). Prints the figures; asserts nothing.
set -eu
build=${1:?usage: run.sh BUILD_DIR [DIR]}
dir=${2:-${TMPDIR:-/tmp}}
bin=$build/bench/replay/bench_replay
for n in 1000000 5000000; do
	f=$dir/saker-bench-replay-$n.sk
	[ -f "$f" ] || "$bin" gen "$f" "$n"
	"$bin" state "$f"
	"$bin" print "$f" >/dev/null
done
