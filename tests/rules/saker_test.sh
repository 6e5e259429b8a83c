#!/bin/sh
# saker_test.sh - `saker test` on the committed samples: they pass; a changed
# expectation fails with exit 3 and a readable diff; --update round-trips;
# malformed expectation files and missing inputs give file:line errors and
# exit 1. usage: saker_test.sh SAKER SOURCE_DIR
set -u
SAKER=$1 SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() { # check NAME WANT_RC GOT_RC OUTPUT_FILE
	if [ "$2" != "$3" ]; then
		echo "FAIL: $1: exit $3, want $2"
		sed 's/^/  | /' "$4"
		fail=1
	fi
}
has() { # has NAME FILE TEXT: the fixed string TEXT is a line or part of one
	if ! grep -qF -- "$3" "$2"; then
		echo "FAIL: $1: no '$3' in:"
		sed 's/^/  | /' "$2"
		fail=1
	fi
}

# 1. The samples as committed pass, and the run is deterministic.
"$SAKER" test "$SRC/samples/intrusion.sk" "$SRC/samples/suspicious.sk" >"$T/out" 2>&1
check "samples pass" 0 $? "$T/out"
has "samples pass" "$T/out" "PASS $SRC/samples/suspicious.sk (4 alerts)"
has "samples pass" "$T/out" "PASS $SRC/samples/intrusion.sk (23 alerts)"
has "samples pass" "$T/out" "2 passed, 0 failed, 0 errors"
TZ=Pacific/Auckland LC_ALL=fr_FR.UTF-8 "$SAKER" test "$SRC/samples/intrusion.sk" "$SRC/samples/suspicious.sk" >"$T/out2" 2>&1
cmp -s "$T/out" "$T/out2" || { echo "FAIL: output differs between runs"; fail=1; }

# A private copy: samples/ next to rules/default, as in the tree.
mkdir -p "$T/tree/samples" "$T/tree/rules"
cp -r "$SRC/rules/default" "$T/tree/rules/"
cp "$SRC/samples/suspicious.sk" "$SRC/samples/suspicious.expected" "$T/tree/samples/"
E=$T/tree/samples/suspicious.expected
cp "$E" "$T/orig.expected"

# 2. A changed expectation: one alert dropped, one added, one priority changed.
awk '/Write below etc/ && !dropped { dropped = 1; next }
     /Execution from temporary directory/ { sub(/ Warning /, " Notice ") } 1' \
    "$T/orig.expected" >"$E"
echo "5 Error Made-up rule" >>"$E"
"$SAKER" test "$T/tree/samples/suspicious.sk" >"$T/out" 2>&1
check "mismatch" 3 $? "$T/out"
first_etc=$(grep -m1 'Write below etc' "$T/orig.expected")
exec_line=$(grep 'Execution from temporary directory' "$T/orig.expected")
has "mismatch" "$T/out" "--- $E (expected)"
has "mismatch" "$T/out" "+++ $T/tree/samples/suspicious.sk (actual)"
has "mismatch" "$T/out" "-5 Error Made-up rule"
has "mismatch" "$T/out" "+$first_etc"
has "mismatch" "$T/out" "+    # File below /etc opened for writing by"
has "mismatch" "$T/out" "-$(echo "$exec_line" | sed 's/ Warning / Notice /')"
has "mismatch" "$T/out" "+$exec_line"
has "mismatch" "$T/out" "FAIL $T/tree/samples/suspicious.sk: 2 expected alert(s) missing, 2 unexpected"
has "mismatch" "$T/out" "0 passed, 1 failed, 0 errors"

# 3. --update rewrites it to the original, byte for byte, and then it passes.
"$SAKER" test --update "$T/tree/samples/suspicious.sk" >"$T/out" 2>&1
check "update" 0 $? "$T/out"
has "update" "$T/out" "UPDATED $E (4 alerts)"
cmp -s "$E" "$T/orig.expected" || { echo "FAIL: --update did not restore:"; diff "$T/orig.expected" "$E"; fail=1; }
"$SAKER" test "$T/tree/samples" >"$T/out" 2>&1
check "after update" 0 $? "$T/out"

# --update of a new file with -r: the rules: line is relative to the file.
rm "$E"
(cd "$T/tree" && "$SAKER" test --update -r rules/default samples/suspicious.sk) >"$T/out" 2>&1
check "update new" 0 $? "$T/out"
cmp -s "$E" "$T/orig.expected" || { echo "FAIL: new file differs:"; diff "$T/orig.expected" "$E"; fail=1; }

# 4. Bad input: exit 1 with file:line:col.
bad() { # bad NAME LINE WANT_TEXT
	printf '# a comment\nrules: ../rules/default\n%s\n' "$2" >"$E"
	"$SAKER" test "$T/tree/samples/suspicious.sk" >"$T/out" 2>&1
	check "$1" 1 $? "$T/out"
	has "$1" "$T/out" "$3"
	has "$1" "$T/out" "0 passed, 0 failed, 1 errors"
}
bad "garbage line" "hello" "$E:3:1: error: expected 'EVT.NUM PRIORITY RULE', '# comment' or 'rules: PATH'"
bad "unknown priority" "722 Severe Read" "$E:3:5: error: unknown priority 'Severe' (emergency ... debug)"
bad "no rule name" "722 Warning" "$E:3:12: error: missing rule name after the priority"
bad "no priority" "722" "$E:3:4: error: expected 'EVT.NUM PRIORITY RULE'"
bad "huge number" "99999999999999999999999 Warning X" "$E:3:1: error: event number too large"
printf 'rules: ../rules/nonexistent.yaml\n' >"$E"
"$SAKER" test "$T/tree/samples/suspicious.sk" >"$T/out" 2>&1
check "missing rules file" 1 $? "$T/out"
has "missing rules file" "$T/out" "nonexistent.yaml"
printf '722 Warning Read sensitive file by unexpected program\n' >"$E"
"$SAKER" test "$T/tree/samples/suspicious.sk" >"$T/out" 2>&1
check "no rules" 1 $? "$T/out"
has "no rules" "$T/out" "$E: no rules: give -r RULES or a 'rules: PATH' line"
printf 'rules: bad.yaml\n' >"$E"
printf -- '- rule: x\n  condition: proc.nosuchfield = 1\n  output: x\n  priority: WARNING\n  desc: x\n' >"$T/tree/samples/bad.yaml"
"$SAKER" test "$T/tree/samples/suspicious.sk" >"$T/out" 2>&1
check "rules with errors" 1 $? "$T/out"
has "rules with errors" "$T/out" "bad.yaml:2:"
rm "$E"
"$SAKER" test "$T/tree/samples/suspicious.sk" >"$T/out" 2>&1
check "no expectation" 1 $? "$T/out"
has "no expectation" "$T/out" "create it with 'saker test --update -r RULES"
"$SAKER" test "$T/tree/samples/nosuch.sk" >"$T/out" 2>&1
check "no capture" 1 $? "$T/out"
has "no capture" "$T/out" "nosuch.sk: No such file or directory"
head -c 3000 "$SRC/samples/suspicious.sk" >"$T/tree/samples/torn.sk"
cp "$T/orig.expected" "$T/tree/samples/torn.expected"
"$SAKER" test "$T/tree/samples/torn.sk" >"$T/out" 2>&1
rc=$?
[ $rc -eq 1 ] || [ $rc -eq 3 ] || { echo "FAIL: torn capture: exit $rc"; fail=1; }
"$SAKER" test >"$T/out" 2>&1
check "usage" 2 $? "$T/out"
"$SAKER" test --bogus x >"$T/out" 2>&1
check "bad flag" 2 $? "$T/out"

[ $fail -eq 0 ] && echo ok
exit $fail
