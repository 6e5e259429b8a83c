#!/bin/sh
# run.sh - recorder overhead, measured side by side in one run (needs root).
#   bench/capture/run.sh BUILD_DIR [ROUNDS]
# 1. syscall storm (openat/read/close/getppid loop): bare, then while
#    `saker-record --all` records the whole host; prints the ratio and the
#    records written and dropped.
#    Then the probe alone: a tenth of the rounds while the recorder is
#    stopped (SIGSTOP; its ring buffer holds them), the floor that no
#    userspace change can go below.
# 2. realistic: compile a few C files and untar an archive, bare and while
#    recording the whole host.
set -eu
build=$(cd "$1" && pwd)
rounds=${2:-1000000}
rec=$build/capture/saker-record
storm=$build/bench/capture/storm
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/saker-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# Starts the recorder on the whole host and waits until it records.
start_rec() {
	"$rec" -w "$work/$1.sk" --all -b 256 2>"$work/$1.err" &
	recpid=$!
	while [ ! -s "$work/$1.sk" ]; do
		kill -0 "$recpid" 2>/dev/null || { cat "$work/$1.err"; exit 1; }
		sleep 0.05
	done
	sleep 1
}

stop_rec() {
	kill -INT "$recpid"
	wait "$recpid" || true
	summary=$(grep -o '[0-9]* records' "$work/$1.err" || echo "? records")
	drops=$(grep -o '[0-9]* events dropped' "$work/$1.err" || echo "0 events dropped")
	echo "    recorder: $summary written, $drops"
}

# best of three: the machine may be shared, the minimum is the least disturbed
best() {
	b=
	for i in 1 2 3; do
		t=$("$@")
		b=$(awk -v a="$t" -v b="${b:-$t}" 'BEGIN { print (a < b ? a : b) }')
	done
	echo "$b"
}
storm_time() { "$storm" "${1:-$rounds}" | cut -d' ' -f1; }

echo "storm: $rounds rounds of openat/read/close/getppid (best of 3)"
bare=$(best storm_time)
start_rec storm
recd=$(best storm_time)
stop_rec storm
echo "  bare ${bare}s  recorded ${recd}s  ratio $(ratio "$recd" "$bare")x"

small=$((rounds / 10))
echo "storm, probe alone: $small rounds while the recorder is stopped (best of 3)"
bare=$(best storm_time "$small")
start_rec probe
kill -STOP "$recpid"
recd=$(best storm_time "$small")
kill -CONT "$recpid"
stop_rec probe
echo "  bare ${bare}s  probe only ${recd}s  ratio $(ratio "$recd" "$bare")x"

# realistic: compile the recorder's sources, untar an archive of headers
tar -C /usr/include -cf "$work/inc.tar" linux asm-generic
realistic() {
	mkdir -p "$work/$1" && cd "$work/$1"
	t0=$(now)
	for f in "$src"/capture/*.c "$src"/format/*.c; do
		case $f in *.bpf.c) continue ;; esac
		gcc -O2 -I"$src" -I"$build/capture" -D_GNU_SOURCE -DSAKER_VERSION='"b"' -c "$f" -o "$(basename "$f").o"
	done
	tar -xf "$work/inc.tar"
	t1=$(now)
	cd "$work" && rm -rf "$work/$1"
	awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.3f", a - b }'
}
echo "realistic: gcc -O2 on $(ls "$src"/capture/*.c "$src"/format/*.c | grep -vc bpf) files + untar $(du -h "$work/inc.tar" | cut -f1) of headers (best of 3)"
bare=$(best realistic bare)
start_rec real
recd=$(best realistic recorded)
stop_rec real
echo "  bare ${bare}s  recorded ${recd}s  ratio $(ratio "$recd" "$bare")x"
