#!/bin/sh
# print_filter.sh - `saker print FILE FILTER` with the rule language wired in
# through rules/cmd_print_filter.c: matching events only, and a precise error
# for a bad filter; with -r, filters using the macros and lists of those
# rule files. usage: print_filter.sh PRINT_FILTERED GEN_SCENARIOS
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
cat >"$T/r.yaml" <<'EOF'
- list: readers
  items: [cat, ls]
- macro: reads_etc
  condition: evt.type = openat and fd.name pmatch (/etc)
EOF
cat >"$T/more.yaml" <<'EOF'
- macro: by_reader
  condition: proc.name in (readers)
EOF
"$PRINT" -r "$T/r.yaml" "$T/sc.sk" --rules "$T/more.yaml" 'reads_etc and by_reader' \
	>"$T/out3" 2>&1
if ! cmp -s "$T/out" "$T/out3"; then
	echo "FAIL: filter with macros and lists of -r files:"
	cat "$T/out3"
	fail=1
fi
"$PRINT" -r "$T/r.yaml" "$T/sc.sk" 'reads_etc and proc.name = ls' >"$T/out4" 2>&1
if [ "$(wc -l <"$T/out4")" -ne 1 ] || ! grep -q 'ls (106)' "$T/out4"; then
	echo "FAIL: macro with a field comparison:"
	cat "$T/out4"
	fail=1
fi
if "$PRINT" "$T/sc.sk" 'reads_etc' >/dev/null 2>"$T/err2" ||
	! grep -q "unknown macro 'reads_etc'" "$T/err2"; then
	echo "FAIL: a macro without -r is not reported:"
	cat "$T/err2"
	fail=1
fi
printf -- '- macro: broken\n  condition: proc.nmae = x\n' >"$T/bad.yaml"
if "$PRINT" -r "$T/bad.yaml" "$T/sc.sk" 'evt.type = openat and broken' >/dev/null 2>"$T/err3" ||
	! grep -q "bad.yaml:2:14: error: macro 'broken': unknown field 'proc.nmae'" "$T/err3"; then
	echo "FAIL: error in a macro the filter uses not reported:"
	cat "$T/err3"
	fail=1
fi
printf -- '- macro: unclosed\n  condition: (x\n' >"$T/bad2.yaml"
"$PRINT" -r "$T/bad2.yaml" "$T/sc.sk" 'evt.type = openat' >/dev/null 2>"$T/err5"
if [ $? -ne 1 ] || ! grep -q "bad2.yaml:2:14: error: macro 'unclosed'" "$T/err5"; then
	echo "FAIL: errors in -r files not reported:"
	cat "$T/err5"
	fail=1
fi
"$PRINT" "$T/sc.sk" -r >/dev/null 2>&1
if [ $? -ne 2 ]; then
	echo "FAIL: -r without a path is not a usage error"
	fail=1
fi
[ $fail -eq 0 ] && echo ok
exit $fail
