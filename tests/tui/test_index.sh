#!/bin/bash
# test_index.sh - `saker index` on the synthetic capture of gen_capture.c
# and on samples/suspicious.sk: the case database's schema, its rows checked
# against the known story and against what `saker replay` and `saker print`
# say for the same capture, re-indexing, several captures in one database,
# torn and corrupt captures, and clear failures on bad input.
# usage: test_index.sh SAKER GEN_CAPTURE SRCDIR
set -u
SAKER=$1 GEN=$2 SRC=$3
T=$(mktemp -d /tmp/saker-tui-index.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
check() { # check NAME EXPECTED ACTUAL
	if [ "$2" != "$3" ]; then
		echo "FAIL: $1: expected '$2', got '$3'"
		fails=$((fails + 1))
	else
		echo "ok: $1"
	fi
}
q() { sqlite3 "$T/case.db" "$1"; }

"$GEN" "$T/a.cap" 5000 >/dev/null || exit 1
"$SAKER" index "$T/a.cap" -r "$SRC/rules.yaml" -r "$SRC/xcheck.yaml" --db "$T/case.db" \
	>"$T/out" 2>&1
check "index exit code" 0 $?
check "db mode" 600 "$(stat -c %a "$T/case.db")"
check "tables" "alerts captures connections containers files meta processes timeline" \
	"$(q "select group_concat(name, ' ') from (select name from sqlite_master where type='table' order by name)")"
check "indexes" 1 "$(q "select count(*) >= 12 from sqlite_master where type='index' and name not like 'sqlite_%'")"
check "capture row" "1|5000|testhost|0" "$(q 'select count(*), nevents, hostname, drops from captures')"

# The known story.
check "processes" 9 "$(q 'select count(*) from processes')"
check "tree" "1||systemd
100|1|bash
101|100|cat
102|100|curl
200|1|nginx" "$(q 'select p.pid, pp.pid, p.comm from processes p left join processes pp on pp.id = p.parent_id where p.pid < 1000 order by p.pid')"
check "lineage" "1/100/101" "$(q 'select lineage from processes where pid = 101')"
check "users" "alice|root|www-data" "$(q "select group_concat(u, '|') from (select distinct user u from processes order by u)")"
check "shadow openers" "101|cat /etc/shadow|41" \
	"$(q "select p.pid, p.cmdline, f.bytes_read from files f join processes p on p.id = f.process_id where f.path = '/etc/shadow'")"
check "connection" "connect|93.184.216.34|80|37|43" \
	"$(q "select role, remote_addr, remote_port, bytes_out, bytes_in from connections where pid = 102")"
check "accepted" "accept|10.0.0.5|51515" "$(q 'select role, remote_addr, remote_port from connections where pid = 200')"
check "container" "3f2a9c1d5e7b|web|nginx:1.25|1" "$(q 'select container, name, image, nprocesses from containers')"
check "nginx container" "3f2a9c1d5e7b" "$(q 'select container from processes where pid = 200')"
check "exit" "0|1" "$(q 'select exit_status, end_ns > start_ns from processes where pid = 101')"
check "timeline total" 5000 "$(q 'select sum(nevents) from timeline')"

# Agreement with `saker replay` over the same capture and rules.
"$SAKER" replay "$T/a.cap" -r "$SRC/rules.yaml" -r "$SRC/xcheck.yaml" >"$T/replay.txt" 2>/dev/null
check "alerts = saker replay" "$(grep -c ': ' "$T/replay.txt")" "$(q 'select count(*) from alerts')"
check "exited processes = saker replay" "$(grep -c 'exit pid=' "$T/replay.txt")" \
	"$(q 'select count(*) from processes where end_ns is not null')"
check "shadow openers = saker replay" \
	"$(grep -o 'shadow pid=[0-9]*' "$T/replay.txt" | cut -d= -f2 | sort -u | tr '\n' ' ')" \
	"$(q "select distinct pid from files where path = '/etc/shadow' order by pid" | tr '\n' ' ')"
check "alert outputs = saker replay" \
	"$(sed -n 's/^[^ ]* [A-Z][a-z]* //p' "$T/replay.txt" | sort)" \
	"$(q 'select output from alerts' | sort)"
check "alert fields json" '101' "$(q "select json_extract(fields, '$.\"proc.pid\"') from alerts where rule = 'Read shadow file'")"
check "alert process" "cat" "$(q "select p.comm from alerts a join processes p on p.id = a.process_id where a.rule = 'Read shadow file'")"

# Agreement with `saker print` on the committed sample.
SAMPLE=$SRC/../../samples/suspicious.sk
"$SAKER" index "$SAMPLE" --db "$T/sample.db" >/dev/null 2>&1
check "sample processes = saker print" \
	"$("$SAKER" print -p '%proc.pid' "$SAMPLE" | grep -v NA | sort -u | wc -l)" \
	"$(sqlite3 "$T/sample.db" 'select count(distinct pid) from processes')"
check "sample shadow openers = saker print" \
	"$("$SAKER" print -p '%proc.pid' "$SAMPLE" 'evt.type in (open, openat, openat2) and fd.name = /etc/shadow' | sort -u)" \
	"$(sqlite3 "$T/sample.db" "select distinct pid from files where path = '/etc/shadow'")"
check "sample events = saker print" "$("$SAKER" print "$SAMPLE" | wc -l)" \
	"$(sqlite3 "$T/sample.db" 'select nevents from captures')"

# Reuse, forced re-index (rows replaced, not added), another capture.
"$SAKER" index "$T/a.cap" -r "$SRC/rules.yaml" -r "$SRC/xcheck.yaml" --db "$T/case.db" >"$T/out" 2>&1
check "reused" 1 "$(grep -c 'already holds' "$T/out")"
cp "$SRC/rules.yaml" "$T/rules.yaml"
"$SAKER" index "$T/a.cap" -r "$T/rules.yaml" --db "$T/case.db" >"$T/out" 2>&1
check "other rule files: re-indexed" 0 "$(grep -c 'already holds' "$T/out")"
"$SAKER" index "$T/a.cap" -r "$T/rules.yaml" --db "$T/case.db" >"$T/out" 2>&1
check "same rule files: reused" 1 "$(grep -c 'already holds' "$T/out")"
echo "# edited" >>"$T/rules.yaml"
"$SAKER" index "$T/a.cap" -r "$T/rules.yaml" --db "$T/case.db" >"$T/out" 2>&1
check "edited rule file: re-indexed" 0 "$(grep -c 'already holds' "$T/out")"
# A rules directory stands for its rule files, as in saker replay.
mkdir "$T/rules.d" && cp "$SRC/rules.yaml" "$T/rules.d/"
"$SAKER" index "$T/a.cap" -r "$T/rules.d" --db "$T/case.db" >"$T/out" 2>&1
check "rules directory: index exit code" 0 $?
check "rules directory: alerts" "$(q 'select count(*) from alerts')" \
	"$("$SAKER" replay "$T/a.cap" -r "$T/rules.d" 2>/dev/null | wc -l)"
"$SAKER" index "$T/a.cap" -r "$T/rules.d" --db "$T/case.db" >"$T/out" 2>&1
check "rules directory: reused" 1 "$(grep -c 'already holds' "$T/out")"
echo "# edited" >>"$T/rules.d/rules.yaml"
"$SAKER" index "$T/a.cap" -r "$T/rules.d" --db "$T/case.db" >"$T/out" 2>&1
check "rules directory, edited file: re-indexed" 0 "$(grep -c 'already holds' "$T/out")"
"$SAKER" index "$T/a.cap" --db "$T/case.db" >"$T/out" 2>&1
check "other rules re-index" "1|9|0" "$(q 'select count(*), (select count(*) from processes), (select count(*) from alerts) from captures')"
"$GEN" "$T/b.cap" 3000 >/dev/null
"$SAKER" index "$T/b.cap" --db "$T/case.db" >/dev/null 2>&1
check "two captures" "2|16" "$(q 'select count(*), (select count(*) from processes) from captures')"
check "shadow across captures" "2" "$(q "select count(distinct capture_id) from files where path = '/etc/shadow'")"

# A capture cut short (a killed recorder) is indexed up to its last whole
# chunk, and the torn tail is recorded.
"$GEN" "$T/big.cap" 100000 varied >/dev/null
head -c $(($(stat -c %s "$T/big.cap") / 2)) "$T/big.cap" >"$T/torn.cap"
"$SAKER" index "$T/torn.cap" --db "$T/torn.db" >"$T/out" 2>&1
check "torn capture exit" 0 $?
check "torn capture rows" "1|1|1" "$(sqlite3 "$T/torn.db" 'select nevents < 100000, nevents > 1000, torn_bytes > 0 from captures')"
# Progress on stderr when it is a terminal (script(1) provides one), and
# none when it is not.
if command -v script >/dev/null; then
	script -qec "'$SAKER' index '$T/big.cap' --db '$T/big.db'" /dev/null >"$T/out" 2>&1
	check "progress on a terminal" 1 \
		"$(grep -c 'indexing: 100000/100000 events (100%), [0-9]* events/s, ETA 0s' "$T/out")"
fi
"$SAKER" index "$T/big.cap" --db "$T/big2.db" 2>"$T/err" >/dev/null
check "no progress off a terminal" 0 "$(wc -c <"$T/err")"
# A corrupt chunk in the middle: exit code 1 naming the file and offset.
cp "$T/big.cap" "$T/corrupt.cap"
printf '\377\377\377\377' | dd of="$T/corrupt.cap" bs=1 seek=$(($(stat -c %s "$T/big.cap") / 2)) conv=notrunc 2>/dev/null
"$SAKER" index "$T/corrupt.cap" --db "$T/case.db" >"$T/out" 2>&1
check "corrupt capture exit" 1 $?
check "corrupt capture message" 1 "$(grep -c 'corrupt.cap: chunk [0-9]* at offset [0-9]*' "$T/out")"

# Bad input: a clear message and exit code 1, the database untouched.
printf 'garbage' >"$T/junk.cap"
"$SAKER" index "$T/junk.cap" --db "$T/case.db" >"$T/out" 2>&1
check "junk capture exit" 1 $?
check "junk capture message" 1 "$(grep -c 'junk.cap' "$T/out")"
printf -- '- rule: x\n  condition: proc.nmae = a\n  output: x\n  priority: INFO\n  desc: x\n' >"$T/bad.yaml"
"$SAKER" index "$T/a.cap" -r "$T/bad.yaml" --db "$T/case.db" >"$T/out" 2>&1
check "bad rules exit" 1 $?
check "bad rules message" 1 "$(grep -c "bad.yaml:2" "$T/out")"
check "db kept" "2|16" "$(q 'select count(*), (select count(*) from processes) from captures')"
"$SAKER" index >/dev/null 2>&1
check "usage exit" 2 $?
"$SAKER" index "$T/a.cap" --bogus >/dev/null 2>&1
check "unknown option exit" 2 $?

[ $fails -eq 0 ] && echo "all passed" || echo "$fails failed"
[ $fails -eq 0 ]
