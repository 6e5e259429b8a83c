#!/bin/sh
# e2e_live.sh - records real workloads with saker-record (root, eBPF) and
# replays them with Falco's stable rules: reading /etc/shadow with cat, a
# file written below /etc (no stable rule covers it: no alert), a symlink
# over /etc/shadow, truncating a file below /var/log, running a binary from
# /dev/shm, fileless execution from a memfd, grep for private keys. Exactly
# six rules must fire, once each, in that order.
# usage: e2e_live.sh SAKER SAKER_RECORD MEMFD_EXEC FALCO_RULES
set -u
SAKER=$1 RECORD=$2 MEMFD=$3 RULES=$4
if [ ! -r "$RULES" ]; then
	echo "SKIP: $RULES not found (../shared/falco-rules is absent)"
	exit 77
fi
if [ "$(id -u)" -ne 0 ] || [ ! -r /sys/kernel/btf/vmlinux ]; then
	echo "SKIP: recording needs root and a kernel with BTF"
	exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cat >"$T/workload.sh" <<X
set -e
cat /etc/shadow >/dev/null
e=\$(mktemp /etc/saker-rules-XXXXXX)
echo x >"\$e"
rm -f "\$e"
ln -s /etc/shadow "$T/link"
rm -f "$T/link"
f=/var/log/saker-rules-test-\$\$.log
touch "\$f"
: >"\$f"
rm -f "\$f"
d=\$(mktemp -d /dev/shm/saker-rules-XXXXXX)
cp /bin/true "\$d/payload"
"\$d/payload"
rm -rf "\$d"
"$MEMFD" /bin/true
grep -r "BEGIN RSA PRIVATE" "$T/nonexistent" 2>/dev/null || true
X
if ! "$RECORD" -q -w "$T/live.sk" -- sh "$T/workload.sh"; then
	echo "FAIL: saker-record"
	exit 1
fi
"$SAKER" replay "$T/live.sk" -r "$RULES" -o json >"$T/a.json" 2>"$T/a.err" || {
	echo "FAIL: replay"
	cat "$T/a.err"
	exit 1
}
sed -n 's/.*"rule":"\([^"]*\)".*/\1/p' "$T/a.json" >"$T/rules.txt"
# the rules the scenarios (and the live workload) raise, in order
cp "$(dirname "$0")/scenario_rules.txt" "$T/expected.txt"
fail=0
if ! cmp -s "$T/rules.txt" "$T/expected.txt"; then
	echo "FAIL: alerts differ from the expected rules:"
	diff "$T/expected.txt" "$T/rules.txt"
	fail=1
fi
for want in '"fd.name":"/etc/shadow"' '"proc.name":"cat"' '"evt.arg.target":"/etc/shadow"' \
	'"proc.name":"ln"' '"proc.exepath":"/dev/shm/saker-rules-' '"proc.name":"grep"'; do
	if ! grep -q "$want" "$T/a.json"; then
		echo "FAIL: no $want in the alerts"
		fail=1
	fi
done
[ $fail -eq 0 ] && echo ok
exit $fail
