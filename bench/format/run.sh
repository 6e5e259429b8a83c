#!/bin/sh
# run.sh - capture format throughput: write and read-and-decode rates, bytes
# per event, at the default zstd level (3) and at 1 for comparison.
# Usage: bench/format/run.sh [BUILD_DIR] [EVENTS]   (default build, 5000000)
set -eu
build=${1:-build}
n=${2:-5000000}
bin=$build/bench/format/bench_format
if [ ! -x "$bin" ]; then
	echo "run.sh: $bin not found; build the bench_format target first" >&2
	exit 2
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/saker-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT
echo "# $(uname -m), $(nproc) cpus, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
for level in 3 1; do
	"$bin" -n "$n" -l "$level" -o "$out/bench.cap"
	echo
done
