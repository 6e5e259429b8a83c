#!/bin/bash
# bench.sh - `saker index` and `saker browse` on synthetic captures of 1 and
# 5 million events (tests/tui/gen_capture.c in its "varied" mode): time to
# index, database size relative to capture size, and time to the first
# screen of the browser once indexed (and from scratch). Prints figures;
# asserts nothing.
# usage: bench/tui/bench.sh BUILD_DIR [NEVENTS...]   (default: 1000000 5000000)
set -eu
B=$(cd "$1" && pwd)
shift
SAKER=$B/replay/saker GEN=$B/tests/tui/tui_gen_capture
sizes=${*:-1000000 5000000}
T=$(mktemp -d /tmp/saker-bench-tui.XXXXXX)
SOCK="saker-bench-$$"
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$T"' EXIT
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Seconds from starting `saker browse` until its first screen (the Events
# header) is on the tmux pane.
first_screen() { # CAPTURE DB
	local t0 t1
	tmux -L "$SOCK" -f /dev/null kill-server 2>/dev/null || true
	t0=$(now)
	tmux -L "$SOCK" -f /dev/null new-session -d -s b -x 100 -y 30 \
		"env TERM=xterm '$SAKER' browse '$1' --db '$2'; sleep 60"
	until tmux -L "$SOCK" capture-pane -p -t b 2>/dev/null | grep -q 'EVENT .*TIME (UTC)'; do
		sleep 0.01
	done
	t1=$(now)
	tmux -L "$SOCK" send-keys -t b q
	secs "$t0" "$t1"
}

printf '%-10s %10s %10s %9s %10s %9s %11s %12s\n' events capture_MB db_MB db/cap \
	index_s events/s first_s first_cold_s
for n in $sizes; do
	"$GEN" "$T/c.cap" "$n" varied >/dev/null
	t0=$(now)
	"$SAKER" index "$T/c.cap" --db "$T/c.db" >/dev/null
	t1=$(now)
	idx=$(secs "$t0" "$t1")
	cap=$(stat -c %s "$T/c.cap")
	db=$(stat -c %s "$T/c.db")
	warm=$(first_screen "$T/c.cap" "$T/c.db")
	rm -f "$T/cold.db"
	cold=$(first_screen "$T/c.cap" "$T/cold.db")
	awk -v n="$n" -v cap="$cap" -v db="$db" -v idx="$idx" -v warm="$warm" -v cold="$cold" \
		'BEGIN { printf "%-10s %10.1f %10.1f %9.3f %10.2f %9.0f %11.2f %12.2f\n", n,
			 cap / 1048576, db / 1048576, db / cap, idx, n / idx, warm, cold }'
	rm -f "$T/c.cap" "$T/c.db" "$T/cold.db"
done
