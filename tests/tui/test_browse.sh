#!/bin/bash
# test_browse.sh - drives `saker browse` under tmux on the committed sample
# samples/suspicious.sk (a shell reading /etc/shadow, writing below /etc,
# running a binary from /dev/shm) and asserts on the screen text: it opens,
# switches views, drills into a process, jumps from an alert to its event,
# filters (and shows filter errors inline), follows an fd as text and hex,
# searches, goes to an event, survives a resize to 80x24, draws without
# colors under NO_COLOR, answers the mouse, and quits with status 0.
# Then, on the synthetic capture of gen_capture.c: a path holding a terminal
# escape sequence is drawn escaped, and a container drills down to its
# processes' events.
# usage: test_browse.sh SAKER SRCDIR GEN_CAPTURE (SRCDIR = tests/tui)
set -u
SAKER=$1 SRC=$2 GEN=$3
SAMPLE=$SRC/../../samples/suspicious.sk
command -v tmux >/dev/null || { echo "SKIP: tmux is not installed"; exit 77; }
[ -f "$SAMPLE" ] || { echo "FAIL: no sample $SAMPLE"; exit 1; }
T=$(mktemp -d /tmp/saker-tui-browse.XXXXXX)
SOCK="saker-test-$$"
TM() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'TM kill-server 2>/dev/null; rm -rf "$T"' EXIT
fails=0
pass() { echo "ok: $1"; }
fail() {
	echo "FAIL: $1"
	TM capture-pane -p -t s | sed 's/^/  | /'
	fails=$((fails + 1))
}
screen() { TM capture-pane -p -t s; }
# wait_for NAME REGEX: polls the screen until REGEX shows (gives up after
# 100 tries; a slow machine only waits longer, it never fails for speed).
wait_for() {
	for _ in $(seq 100); do
		screen | grep -Eq -- "$2" && { pass "$1"; return 0; }
		sleep 0.1
	done
	fail "$1 (no /$2/ on screen)"
	return 1
}
# scroll_find NAME REGEX: pages down until REGEX shows (at most 30 pages).
scroll_find() {
	for _ in $(seq 30); do
		screen | grep -Eq -- "$2" && { pass "$1"; return 0; }
		keys NPage
		sleep 0.1
	done
	fail "$1 (no /$2/ in 30 pages)"
}
# The line drawn in reverse video (the cursor row), found through the
# escape sequences of capture-pane -e.
selected() {
	TM capture-pane -p -e -t s | sed -n '4,$p' | grep -E $'^\e\\[([0-9]+;)*7m' |
		sed 's/\x1b\[[0-9;]*m//g'
}
# wait_selected NAME REGEX: polls until the cursor row matches REGEX.
wait_selected() {
	for _ in $(seq 100); do
		selected | grep -Eq -- "$2" && { pass "$1"; return 0; }
		sleep 0.1
	done
	fail "$1 (cursor row not /$2/)"
}
# Whether the screen uses colors (SGR 30-37 or 40-47).
colored() { TM capture-pane -p -e -t s | grep -Eq $'\e\\[([0-9]+;)*[34][0-7](;[0-9]+)*m'; }
keys() { TM send-keys -t s "$@"; }

start() { # start EXTRA_ENV [CAPTURE [RULES]]
	TM kill-session -t s 2>/dev/null
	TM new-session -d -s s -x 100 -y 30 \
		"env TERM=xterm $1 '$SAKER' browse '${2:-$SAMPLE}' --db '$T/case.db' -r '${3:-$SRC/sample_rules.yaml}'; echo EXIT=\$?; sleep 60"
}

start "NO_COLOR=1"
wait_for "opens on the Events view" "EVENT +TIME \(UTC\).*TYPE"
wait_for "tabs and event count" "Events +Processes +Alerts +Files +Connections +Containers .*683 events"
wait_for "first events listed" "^ +1 .*snap"
screen | sed -n 2p | grep -q '[.:=#-]' && pass "timeline strip" || fail "timeline strip"
screen | sed -n 2p | grep -q '!' && pass "alert mark on the timeline" || fail "alert mark on the timeline"

keys Tab
wait_for "Tab: Processes view" "PID +USER +START"
keys / "cat /etc/shadow" Enter
wait_for "process tree shows cat" "cat /etc/shadow"
wait_selected "search in the process table" "cat /etc/shadow"
keys Enter
wait_for "process drill-down" "pid 1774: [0-9]+/[0-9]+"
[ "$(screen | sed -n '4,28p' | grep -cv ' cat  *1774 ')" = "$(screen | sed -n '4,28p' | grep -c '^ *$')" ] &&
	pass "only that process's events" || fail "only that process's events"
keys Escape
wait_for "back to Processes" "PID +USER +START"
keys / "sh /work/main/samples/suspicious.sh" Enter n Enter
wait_for "a shell's own events" "pid 1620: [0-9]+/[0-9]+"
own=$(screen | sed -n 's/.*pid 1620: [0-9]*\/\([0-9]*\).*/\1/p')
keys c
wait_for "c adds its children's events" "pid 1620 and children: [0-9]+/[0-9]+"
all=$(screen | sed -n 's/.*pid 1620 and children: [0-9]*\/\([0-9]*\).*/\1/p')
[ "${all:-0}" -gt "${own:-0}" ] && pass "children's events added ($own -> $all)" ||
	fail "children's events added ($own -> $all)"
keys / " cat " Enter
wait_selected "a child's event in the list" " cat +1774 "
keys Escape

keys F3
wait_for "Alerts view" "Warning +Read shadow file"
keys Enter
wait_for "alert jumps to its event" "all events: 172/683"
wait_selected "the alert's event is selected" "openat +fd=3\\(/etc/shadow\\)"
screen | grep -q "^ *162 " && pass "context before the event" || fail "context before the event"

keys F
wait_for "follow the fd of the event" "Follow pid 1774 fd 3: [0-9]+ bytes read"
wait_for "stream header" "-- event [0-9]+: read [0-9]+ bytes"
keys x
wait_for "follow as hex" "^00000000  [0-9a-f]{2} "
keys Escape

keys F1 f "proc.name = mktemp" Enter
wait_for "filter applied" "filter: proc.name = mktemp: 1/"
[ "$(screen | sed -n '4,28p' | grep -c ' mktemp ')" -gt 0 ] &&
	[ "$(screen | sed -n '4,28p' | grep -v '^ *$' | grep -vc ' mktemp ')" = 0 ] &&
	pass "only matching events" || fail "only matching events"
keys F1 f "makes_temp and evt.dir = <" Enter
wait_for "filter with a macro and list of the -r files" "filter: makes_temp and evt.dir = <: 1/"
keys f "proc.nmae = x" Enter
wait_for "filter error inline" "unknown field 'proc.nmae'"

keys F1 : 177 Enter Enter
wait_for "event detail" "event 177 .*UTC"
wait_for "detail: process facts" "proc.cmdline +cat /etc/shadow"
wait_for "detail: parameters" "res +RES +631"
wait_for "detail: the fd named" "fd +FD +3\\(/etc/shadow\\)"
wait_for "detail: payload hex dump" "^payload, [0-9]+ bytes:"
wait_for "detail: hex and ASCII" "^00000000  72 6f 6f 74 .*\\|root"
scroll_find "detail: fields replayed up to the event" "fields \\(with a value at this event\\)"
scroll_find "detail: process fields from the replayed state" "proc\\.cmdline +cat /etc/shadow"
scroll_find "detail: fd fields from the replayed state" "fd\\.name +/etc/shadow"
keys Escape
keys F1 : "22:01:10.944021" Enter
wait_for "go to a time" "all events: 256/683"
keys : 250 Enter
wait_for "go to event" "all events: 250/683"
keys / saker-sam
wait_for "search prompt" "^/saker-sam"
wait_selected "incremental search while typing" "^ *256 .*openat"
keys Escape
wait_for "Esc restores the position" "all events: 250/683"
keys / saker-sample Enter
wait_for "search" "all events: 256/683"
wait_selected "found event selected" "openat +fd=3\\(/etc/saker-sample"
keys n
wait_for "search next" "all events: (25[7-9]|2[6-9][0-9]|[3-6][0-9][0-9])/683"
keys N
wait_for "search previous" "all events: 256/683"

keys F4
wait_for "Files view" "PATH"
keys / "/etc/saker-sample" Enter n
keys Enter
wait_for "follow a file's fd" "Follow pid 1620 fd 3: 0 bytes read, 13 written"
wait_for "bytes written" "^saker sample"
keys Escape

keys F5
wait_for "Connections view" "REMOTE"
keys F6
wait_for "Containers view" "CONTAINER +NAME"
keys v
wait_for "view menu" "F2 +Processes"
keys Escape '?'
wait_for "help" "saker browse - keys"
keys Escape

TM resize-window -t s -x 80 -y 24
wait_for "resize to 80x24" "^ saker  Events"
wait_for "status line redrawn after resize" "Containers: 0/0$"
[ "$(screen | wc -l)" = 24 ] && screen | sed -n 24p | grep -q "Containers: 0/0" &&
	pass "status line at the bottom after resize" || fail "status line at the bottom after resize"
colored && fail "NO_COLOR: no colors" || pass "NO_COLOR: no colors"

keys q
wait_for "quits with status 0" "^EXIT=0"

start ""
wait_for "reopens from the case database" "683 events"
colored && pass "colors when allowed" || fail "colors when allowed"
keys F3
wait_for "alerts kept in the database" "Read shadow file"
keys F1 g ']'
wait_for "] jumps to the next alert" "all events: 172/683"
wait_for "alert mark in the Events view" "^! +172 .*openat"
# Mouse, as xterm reports it in SGR mode: press and release at column;line.
click() { keys -l $'\e[<'"$1;$2;$3M"$'\e[<'"$1;$2;$3m"; }
row=$(screen | sed -n 10p | awk '{ print $1 == "!" ? $2 : $1 }')
click 0 10 10
wait_for "mouse: click selects a row" "all events: $row/683"
keys -l $'\e[<65;10;10M' # the wheel: a press only
wait_for "mouse: wheel scrolls" "all events: $((row + 3))/683"
click 0 28 1
wait_for "mouse: click on a tab" "PRIORITY +RULE"
click 0 2 2
wait_for "mouse: click on the timeline" "all events: [0-9]+/683"
keys q
wait_for "quits again" "^EXIT=0"

"$GEN" "$T/gen.cap" 5000 >/dev/null
start "NO_COLOR=1" "$T/gen.cap" "$SRC/rules.yaml"
wait_for "synthetic capture opens" "5000 events"
keys : 25 Enter Enter
wait_for "escape sequence drawn escaped" 'name +PATH +/tmp/\\x1b\[31mevil\\x07name'
keys Escape
TM capture-pane -p -e -t s | grep -q $'\e\\[31mevil' && fail "raw escape reached the terminal" ||
	pass "raw escape never reaches the terminal"
keys F6
wait_for "container listed" "3f2a9c1d5e7b +web +docker"
keys Enter
wait_for "container drill-down" "container 3f2a9c1d5e7b: [0-9]+/[0-9]+"
wait_for "the container's process" " nginx +200 "
keys q
wait_for "quits" "^EXIT=0"

[ $fails -eq 0 ] && echo "all passed" || echo "$fails failed"
[ $fails -eq 0 ]
