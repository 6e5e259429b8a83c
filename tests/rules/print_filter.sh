#!/bin/sh
# print_filter.sh - `saker print FILE FILTER` with the rule language wired in
# through rules/cmd_print_filter.c: matching events only, and a precise error
# for a bad filter. usage: print_filter.sh PRINT_FILTERED GEN_SCENARIOS
set -u
PRINT=$1 GEN=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$GEN" "$T/sc.sk" || exit 1
fail=0
"$PRINT" "$T/sc.sk" 'evt.type = openat and fd.name pmatch (/etc)' >"$T/out" 2>&1
n=$(wc -l <"$T/out")
if [ "$n" -ne 2 ] || ! grep -q 'cat (101) < openat fd=3(<f>/etc/shadow)' "$T/out" ||
	! grep -q 'ls (106) < openat fd=3(<f>/etc/hostname)' "$T/out"; then
	echo "FAIL: filtered print:"
	cat "$T/out"
	fail=1
fi
"$PRINT" "$T/sc.sk" 'proc.name in (grep, cat) and evt.type = execve' >"$T/out2" 2>&1
if [ "$(wc -l <"$T/out2")" -ne 4 ]; then # entry and exit records
	echo "FAIL: execve filter:"
	cat "$T/out2"
	fail=1
fi
if "$PRINT" "$T/sc.sk" 'evt.type = openat and fd.nmae = x' >/dev/null 2>"$T/err" ||
	! grep -q "<filter>:1:23: error: unknown field 'fd.nmae'" "$T/err"; then
	echo "FAIL: bad filter not reported precisely:"
	cat "$T/err"
	fail=1
fi
[ $fail -eq 0 ] && echo ok
exit $fail
