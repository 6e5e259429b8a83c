#!/bin/sh
# default_rules.sh - the default rules (rules/default) compile with no error
# or warning, every rule is indexed by event type and carries a MITRE tactic
# and technique, and each committed sample raises exactly the rules,
# priorities and alert counts its table in samples/README.md lists.
# usage: default_rules.sh SAKER SOURCE_DIR
set -u
SAKER=$1 SRC=$2
RULES=$SRC/rules/default
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0

"$SAKER" rules check "$RULES" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -ne 0 ] || [ -s "$T/err" ] || ! grep -q "ok: [0-9]* rules compiled, 0 warning(s)" "$T/out"; then
	echo "FAIL: rules check (exit $rc):"
	cat "$T/out" "$T/err"
	fail=1
fi

"$SAKER" rules list "$RULES" >"$T/list" 2>&1 || { echo "FAIL: rules list"; fail=1; }
nrules=$(($(wc -l <"$T/list") - 1))
[ "$nrules" -ge 15 ] || { echo "FAIL: only $nrules rules listed"; fail=1; }
if grep -qF '(all)' "$T/list"; then
	echo "FAIL: rules not indexed by event type:"
	grep -F '(all)' "$T/list"
	fail=1
fi
if tail -n +2 "$T/list" | grep -v 'mitre_[a-z_]*,.*T[0-9]\{4\}'; then
	echo "FAIL: the rules above lack a mitre_ tactic tag or a technique id"
	fail=1
fi
for key in desc output priority tags; do
	n=$(grep -c "^  $key:" "$RULES/saker_rules.yaml")
	[ "$n" -eq "$nrules" ] || { echo "FAIL: $n rules have '$key:', want $nrules"; fail=1; }
done

# "rule|priority|count" lines from a README table and from a replay.
readme_table() {
	sed -n "/^<!-- alerts: $1 -->/,/^<!-- end -->/p" "$SRC/samples/README.md" |
		awk -F'|' '/^\| / && $2 !~ /^ (rule|-+) $/ { gsub(/^ +| +$/, "", $2); gsub(/ /, "", $3); gsub(/ /, "", $4); print $2 "|" $3 "|" $4 }' |
		sort
}
replayed() {
	"$SAKER" replay "$SRC/samples/$1" -r "$RULES" -o json 2>/dev/null |
		sed -n 's/.*"priority":"\([^"]*\)","rule":"\([^"]*\)".*/\2|\1/p' | sort | uniq -c |
		awk '{ n = $1; sub(/^ *[0-9]+ /, ""); print $0 "|" n }' | sort
}
for sample in suspicious.sk intrusion.sk; do
	readme_table "$sample" >"$T/want"
	replayed "$sample" >"$T/got.$sample"
	if [ ! -s "$T/want" ]; then
		echo "FAIL: no alert table for $sample in samples/README.md"
		fail=1
	elif ! cmp -s "$T/want" "$T/got.$sample"; then
		echo "FAIL: $sample: alerts differ from samples/README.md (- README, + replay):"
		diff "$T/want" "$T/got.$sample"
		fail=1
	fi
done

# Every default rule is raised by some sample.
cat "$T"/got.* | cut -d'|' -f1 | sort -u >"$T/raised"
sed -n 's/^- rule: //p' "$RULES"/*.yaml | sort -u >"$T/all"
if ! cmp -s "$T/all" "$T/raised"; then
	echo "FAIL: rules no sample raises (- never raised):"
	diff "$T/all" "$T/raised"
	fail=1
fi

[ $fail -eq 0 ] && echo ok
exit $fail
