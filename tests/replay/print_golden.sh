#!/bin/sh
# print_golden.sh SAKER SAMPLE GOLDEN_DIR [update]
# Golden tests of `saker print` on a committed capture, and determinism: the
# same bytes with any TZ/LANG/LC_ALL, twice in a row, and under --tz local
# when TZ is UTC. With "update", rewrites the golden files instead (needed
# whenever samples/suspicious.sk is re-recorded).
set -u
saker=$1 sample=$2 dir=$3 mode=${4:-check}
tmp=${TMPDIR:-/tmp}/saker-print-golden.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
fail=0

LINEAGE='%evt.num %evt.type %proc.name %proc.pid %proc.ppid %proc.pname %proc.aname[2] %proc.exepath %proc.cmdline %fd.num %fd.name %fd.typechar %user.name %group.name %container.id %evt.res %evt.arg.flags'

run() { # name args...
	name=$1
	shift
	"$saker" print "$@" >"$tmp/$name" 2>"$tmp/$name.err"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL: saker print $* exited $rc: $(cat "$tmp/$name.err")"
		fail=1
	fi
}

run default.txt "$sample"
run lineage.txt -p "$LINEAGE" "$sample"
run json.txt --json -p '%evt.num %evt.type %proc.name %thread.tid %fd.name %evt.res %evt.arg.name %proc.aname' "$sample"

if [ "$mode" = update ]; then
	for f in default.txt lineage.txt json.txt; do
		cp "$tmp/$f" "$dir/suspicious.$f"
	done
	echo "updated goldens in $dir"
	exit $fail
fi

for f in default.txt lineage.txt json.txt; do
	if ! cmp -s "$tmp/$f" "$dir/suspicious.$f"; then
		echo "FAIL: print output differs from $dir/suspicious.$f:"
		diff "$dir/suspicious.$f" "$tmp/$f" | head -20
		fail=1
	fi
done

# Determinism: environment and repetition never change the bytes.
TZ=Asia/Tokyo LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 "$saker" print "$sample" >"$tmp/env.txt"
cmp -s "$tmp/env.txt" "$tmp/default.txt" || { echo "FAIL: output depends on TZ/LANG"; fail=1; }
"$saker" print "$sample" >"$tmp/again.txt"
cmp -s "$tmp/again.txt" "$tmp/default.txt" || { echo "FAIL: two runs differ"; fail=1; }
TZ=UTC "$saker" print --tz local "$sample" >"$tmp/utc.txt"
cmp -s "$tmp/utc.txt" "$tmp/default.txt" || { echo "FAIL: --tz local with TZ=UTC differs"; fail=1; }
TZ=Asia/Tokyo "$saker" print --tz local --first 600 -p '%evt.time' "$sample" | tail -1 >"$tmp/tokyo"
"$saker" print --first 600 -p '%evt.time' "$sample" | tail -1 >"$tmp/utc1"
if cmp -s "$tmp/tokyo" "$tmp/utc1"; then
	echo "FAIL: --tz local had no effect under TZ=Asia/Tokyo"
	fail=1
fi

# No control character reaches the terminal (tab excepted: none is printed).
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$tmp/default.txt"; then
	echo "FAIL: control characters in print output"
	fail=1
fi
# Every JSON line parses, whatever bytes the capture holds.
if command -v python3 >/dev/null; then
	"$saker" print --json "$sample" >"$tmp/all.json"
	python3 -c 'import json, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    json.loads(line)' "$tmp/all.json" || { echo "FAIL: invalid JSON line"; fail=1; }
fi

# Seeks through the index and time bounds.
first=$("$saker" print --from-event 500 --first 1 -p '%evt.num' "$sample")
[ "$first" = 500 ] || { echo "FAIL: --from-event 500 starts at '$first'"; fail=1; }
t=$(sed -n 300p "$tmp/default.txt" | cut -d' ' -f2)
day=$("$saker" print --first 1 -p '%evt.datetime' "$sample" | cut -d' ' -f1)
got=$("$saker" print --from "${day}T${t}Z" --first 1 -p '%evt.num' "$sample")
[ "$got" = 300 ] || { echo "FAIL: --from ${day}T${t}Z starts at '$got', expected 300"; fail=1; }
last=$("$saker" print --to "${day}T${t}Z" -p '%evt.num' "$sample" | tail -1)
[ "$last" = 300 ] || { echo "FAIL: --to ${day}T${t}Z ends at '$last', expected 300"; fail=1; }

# I/O buffers show 80 bytes by default (sysdig's -s); -s N shows N, -s 0 all;
# filters still see the whole buffer.
one() { "$saker" print --from-event 177 --first 1 "$@" "$sample"; }
got=$(one -s 10 -p '%evt.buffer|%evt.arg.data')
[ "$got" = 'root:*:202|root:*:202' ] || { echo "FAIL: -s 10 shows '$got'"; fail=1; }
got=$(one -s 10 --json -p '%evt.buffer')
[ "$got" = '{"evt.buffer":"root:*:202"}' ] || { echo "FAIL: -s 10 --json shows '$got'"; fail=1; }
n80=$(one -p '%evt.buffer' | sed 's/\\x0a/_/g' | tr -d '\n' | wc -c)
nall=$(one -s 0 -p '%evt.buffer' | sed 's/\\x0a/_/g' | tr -d '\n' | wc -c)
[ "$n80" = 80 ] && [ "$nall" = 256 ] || { echo "FAIL: default/-s 0 show $n80/$nall bytes, not 80/256"; fail=1; }
got=$("$saker" print -s 4 -p '%evt.num' "$sample" 'evt.type = read and evt.buffer contains "games:*:"')
[ "$got" = 177 ] || { echo "FAIL: -s 4 hid data from the filter: '$got'"; fail=1; }
"$saker" print -s -1 "$sample" >/dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL: -s -1 is not a usage error"; fail=1; }

# Damaged copies: a torn tail is reported, a corrupt chunk fails with its
# offset; neither crashes.
cp "$sample" "$tmp/torn.sk"
truncate -s 10000 "$tmp/torn.sk"
"$saker" print "$tmp/torn.sk" >/dev/null 2>"$tmp/torn.err"
rc=$?
if [ $rc -ne 0 ] || ! grep -q "incomplete data at offset" "$tmp/torn.err"; then
	echo "FAIL: torn capture: rc=$rc $(cat "$tmp/torn.err")"
	fail=1
fi
cp "$sample" "$tmp/bad.sk"
printf 'XXXXXXXXXXXXXXXX' | dd of="$tmp/bad.sk" bs=1 seek=9000 conv=notrunc 2>/dev/null
"$saker" print "$tmp/bad.sk" >/dev/null 2>"$tmp/bad.err"
rc=$?
if [ $rc -ne 1 ] || ! grep -q "offset" "$tmp/bad.err"; then
	echo "FAIL: corrupt capture: rc=$rc $(cat "$tmp/bad.err")"
	fail=1
fi
"$saker" print --first x "$sample" >/dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL: bad option value is not a usage error"; fail=1; }
"$saker" print -p '%proc.nmae' "$sample" 2>"$tmp/sugg.err" >/dev/null
grep -q "did you mean 'proc.name'" "$tmp/sugg.err" || { echo "FAIL: no suggestion"; fail=1; }

[ $fail -eq 0 ] && echo ok
exit $fail
