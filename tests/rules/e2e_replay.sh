#!/bin/sh
# e2e_replay.sh - `saker replay` end to end on the scenario capture with
# Falco's stable rules: exactly the expected rules fire, in capture order,
# with typed JSON output fields; output is byte-identical across runs, time
# zones and locales; selection flags, outputs, config and exit codes behave.
# usage: e2e_replay.sh SAKER GEN_SCENARIOS FALCO_RULES CONFIG_EXAMPLE
set -u
SAKER=$1 GEN=$2 RULES=$3 EXAMPLE=$4
if [ ! -r "$RULES" ]; then
	echo "SKIP: $RULES not found (../shared/falco-rules is absent)"
	exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() { # message, then a command that must succeed
	msg=$1
	shift
	if ! "$@"; then
		echo "FAIL: $msg"
		fail=1
	fi
}

"$GEN" "$T/sc.sk" || { echo "FAIL: generator"; exit 1; }

"$SAKER" replay "$T/sc.sk" -r "$RULES" -o json >"$T/a.json" 2>"$T/a.err"
check "replay exits 0" test $? -eq 0
sed -n 's/.*"rule":"\([^"]*\)".*/\1/p' "$T/a.json" >"$T/rules.txt"
# the rules the scenarios (and the live workload) raise, in order
cp "$(dirname "$0")/scenario_rules.txt" "$T/expected.txt"
check "exactly the expected rules, in capture order" cmp -s "$T/rules.txt" "$T/expected.txt"
check "typed output fields" grep -q '"fd.name":"/etc/shadow".*"proc.aname\[3\]":null.*"proc.name":"cat".*"user.uid":0}' "$T/a.json"
check "hostname and source" grep -q '^{"hostname":"web-01","output":"2026-01-02T03:04:05.000080000+0000: Warning Sensitive file opened' "$T/a.json"
check "json time" grep -q '"source":"syscall","tags":\["T1555",.*"time":"2026-01-02T03:04:05.000080000Z"}$' "$T/a.json"
check "evt.time as Falco adds it" grep -q '"output_fields":{"evt.time":1767323045000080000,"evt.type":"openat","fd.name"' "$T/a.json"
check "symlink fields" grep -q '"evt.arg.linkpath":"/tmp/sh","evt.arg.target":"/etc/shadow"' "$T/a.json"
check "summary counts" grep -q "6 alerts" "$T/a.err"
check "summary mentions drops" grep -q "dropped 42 events (1 drop records): alerts may be missing" "$T/a.err"

# determinism: text and JSON identical whatever the zone and locale
"$SAKER" replay "$T/sc.sk" -r "$RULES" >"$T/t1.txt" 2>/dev/null
TZ=Asia/Kolkata LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 "$SAKER" replay "$T/sc.sk" -r "$RULES" >"$T/t2.txt" 2>/dev/null
TZ=America/New_York LANG=C "$SAKER" replay "$T/sc.sk" -r "$RULES" -o json >"$T/b.json" 2>/dev/null
check "text identical across TZ/LANG" cmp -s "$T/t1.txt" "$T/t2.txt"
check "json identical across runs" cmp -s "$T/a.json" "$T/b.json"
check "text line format" grep -q '^2026-01-02T03:04:05.000110000+0000: Warning Symlinks created over sensitive files | target=/etc/shadow linkpath=/tmp/sh' "$T/t1.txt"
"$SAKER" replay "$T/sc.sk" -r "$RULES" --time time >"$T/t3.txt" 2>/dev/null
check "falco time-of-day format" grep -q '^03:04:05.000080000: Warning ' "$T/t3.txt"

# selection
printf -- '- rule: Shadow again\n  desc: x\n  condition: evt.type = openat and fd.name = /etc/shadow\n  output: again %%fd.name\n  priority: INFO\n' >"$T/dup.yaml"

n=$("$SAKER" replay "$T/sc.sk" -r "$RULES" --min-priority critical 2>/dev/null | wc -l)
check "--min-priority critical keeps 1 alert (got $n)" test "$n" -eq 1
n=$("$SAKER" replay "$T/sc.sk" -r "$RULES" -D Fileless -T T1555 2>/dev/null | wc -l)
check "-D and -T drop 3 alerts (got $n)" test "$n" -eq 3

n=$("$SAKER" replay "$T/sc.sk" -r "$RULES" -r "$T/dup.yaml" 2>/dev/null | wc -l)
check "all matching rules alert (got $n)" test "$n" -eq 7
n=$("$SAKER" replay "$T/sc.sk" -r "$RULES" -r "$T/dup.yaml" --rule-matching first 2>/dev/null | wc -l)
check "--rule-matching first keeps one per event (got $n)" test "$n" -eq 6

mkdir "$T/rules.d"
cp "$RULES" "$T/rules.d/00-falco.yaml"
printf -- '- rule: Read sensitive file untrusted\n  enabled: false\n' >"$T/rules.d/10-local.yml"
echo ignored >"$T/rules.d/README"
n=$("$SAKER" replay "$T/sc.sk" -r "$T/rules.d" 2>/dev/null | wc -l)
check "a rules directory loads its files in name order (got $n)" test "$n" -eq 5

# outputs: file (0600, stdout silent), program, config file
"$SAKER" replay "$T/sc.sk" -r "$RULES" --output-file "$T/out.txt" >"$T/stdout.txt" 2>/dev/null
check "--output-file content" cmp -s "$T/out.txt" "$T/t1.txt"
check "--output-file mode 0600" test "$(stat -c %a "$T/out.txt")" = 600
check "stdout silent with --output-file" test ! -s "$T/stdout.txt"
"$SAKER" replay "$T/sc.sk" -r "$RULES" --program "cat > '$T/prog.txt'" 2>/dev/null
check "--program receives alerts" cmp -s "$T/prog.txt" "$T/t1.txt"
"$SAKER" replay "$T/sc.sk" -r "$RULES" --syslog >"$T/syslog.out" 2>/dev/null
check "--syslog exits 0" test $? -eq 0
check "stdout silent with --syslog" test ! -s "$T/syslog.out"
"$SAKER" replay "$T/sc.sk" -r "$RULES" --output-file /dev/full >/dev/null 2>"$T/full.err"
check "a failed write exits 1" test $? -eq 1
check "a failed write is reported" grep -q "writing alerts failed (/dev/full)" "$T/full.err"
"$SAKER" replay "$T/sc.sk" -r "$RULES" --program 'cat >/dev/null; exit 3' >/dev/null 2>"$T/prog.err"
check "a failing program exits 1" test $? -eq 1
sed -e "s#/etc/saker/falco_rules.yaml#$RULES#" -e "s#^json_output: false#json_output: true#" \
	"$EXAMPLE" >"$T/cfg.yaml"
"$SAKER" replay "$T/sc.sk" --config "$T/cfg.yaml" >"$T/c.json" 2>"$T/c.err"
check "config file (rules, json)" cmp -s "$T/c.json" "$T/a.json"
"$SAKER" replay "$T/sc.sk" --config "$T/cfg.yaml" -o text >"$T/c.txt" 2>/dev/null
check "flags override the config" cmp -s "$T/c.txt" "$T/t1.txt"

# errors: bad rules stop before analysis with file:line:col; usage; bad capture
printf -- '- rule: Bad\n  desc: x\n  condition: proc.name = bash and (fd.num = 1\n  output: o\n  priority: INFO\n' >"$T/bad.yaml"
"$SAKER" replay "$T/sc.sk" -r "$RULES" -r "$T/bad.yaml" >"$T/bad.out" 2>"$T/bad.err"
check "bad rules exit 1" test $? -eq 1
check "bad rules: no alerts" test ! -s "$T/bad.out"
check "bad rules: file:line:col" grep -q "bad.yaml:3:35: error: rule 'Bad': unbalanced parenthesis" "$T/bad.err"
"$SAKER" replay "$T/sc.sk" --no-such-flag -r "$RULES" >/dev/null 2>&1
check "unknown flag exits 2" test $? -eq 2
"$SAKER" replay "$T/sc.sk" >/dev/null 2>&1
check "no rules exits 2" test $? -eq 2
"$SAKER" replay "$T/missing.sk" -r "$RULES" >/dev/null 2>&1
check "missing capture exits 1" test $? -eq 1
cp "$T/sc.sk" "$T/corrupt.sk"
printf 'XXXXXXXXXXXXXXXX' | dd of="$T/corrupt.sk" bs=1 seek=700 conv=notrunc 2>/dev/null
"$SAKER" replay "$T/corrupt.sk" -r "$RULES" >/dev/null 2>"$T/corrupt.err"
check "corrupt capture exits 1" test $? -eq 1
check "corrupt capture: offset named" grep -q "corrupt.sk: chunk 0 at offset" "$T/corrupt.err"
head -c 300 "$T/sc.sk" >"$T/torn.sk"
"$SAKER" replay "$T/torn.sk" -r "$RULES" >/dev/null 2>"$T/torn.err"
check "torn capture exits 0" test $? -eq 0
check "torn tail reported" grep -q "torn bytes at offset" "$T/torn.err"
"$SAKER" rules check "$RULES" >/dev/null 2>&1
check "rules check ok" test $? -eq 0
"$SAKER" rules check "$RULES" "$T/bad.yaml" >/dev/null 2>&1
check "rules check bad exits 1" test $? -eq 1
printf -- '- rule: Warned\n  desc: x\n  condition: proc.name = cat\n  output: o\n  priority: INFO\n  colour: red\n- rule: K8s\n  desc: x\n  condition: ka.verb = get\n  output: o\n  priority: INFO\n  source: k8s_audit\n' >"$T/warn.yaml"
"$SAKER" rules check "$T/warn.yaml" >/dev/null 2>"$T/warn.err"
check "warnings alone exit 0" test $? -eq 0
check "unknown key warned with position" grep -q "warn.yaml:6:3: warning: rule 'Warned': unknown key 'colour'" "$T/warn.err"
check "other source skipped with a warning" grep -q "warn.yaml:7:3: warning: rule 'K8s': source 'k8s_audit' is not supported" "$T/warn.err"
"$SAKER" replay "$T/sc.sk" -r "$T/warn.yaml" >"$T/warn.out" 2>/dev/null
check "replay runs despite warnings" test $? -eq 0 -a -s "$T/warn.out"
"$SAKER" rules list "$RULES" >"$T/list.txt" 2>/dev/null
check "rules list shows types" grep -q '^Create Symlink Over Sensitive Files .*Warning .*symlink symlinkat' "$T/list.txt"

[ $fail -eq 0 ] && echo "ok"
exit $fail
