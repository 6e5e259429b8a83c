#!/bin/sh
# sample_replay.sh - Falco's stable rules on the committed real capture
# samples/suspicious.sk (recorded by saker-record running
# samples/suspicious.sh): exactly the rules its actions match, byte-identical
# output on a second run. usage: sample_replay.sh SAKER SAMPLE FALCO_RULES
set -u
SAKER=$1 SAMPLE=$2 RULES=$3
if [ ! -r "$RULES" ]; then
	echo "SKIP: $RULES not found (../shared/falco-rules is absent)"
	exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
"$SAKER" replay "$SAMPLE" -r "$RULES" -o json >"$T/a.json" 2>"$T/a.err" || {
	echo "FAIL: replay"
	cat "$T/a.err"
	exit 1
}
sed -n 's/.*"rule":"\([^"]*\)".*/\1/p' "$T/a.json" >"$T/rules.txt"
printf 'Read sensitive file untrusted\nExecution from /dev/shm\n' >"$T/expected.txt"
if ! cmp -s "$T/rules.txt" "$T/expected.txt"; then
	echo "FAIL: alerts differ from the expected rules:"
	diff "$T/expected.txt" "$T/rules.txt"
	fail=1
fi
for want in '"fd.name":"/etc/shadow"' '"proc.name":"cat"' '"proc.exepath":"/dev/shm/saker-sample-'; do
	if ! grep -q "$want" "$T/a.json"; then
		echo "FAIL: no $want in the alerts"
		fail=1
	fi
done
TZ=Pacific/Auckland LC_ALL=fr_FR.UTF-8 "$SAKER" replay "$SAMPLE" -r "$RULES" -o json >"$T/b.json" 2>/dev/null
if ! cmp -s "$T/a.json" "$T/b.json"; then
	echo "FAIL: output differs between runs"
	fail=1
fi
[ $fail -eq 0 ] && echo ok
exit $fail
