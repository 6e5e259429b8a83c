#!/bin/sh
# real_capture.sh SAKER SAKER_RECORD - state on a real recording of a small
# workload: relative paths against cwd, shell redirections (dup2/fcntl),
# fork+exec lineage, a TCP connection over loopback seen from both ends,
# users from the capture's own /etc/passwd. Skips (77) only when eBPF
# recording is impossible here (not root, or the probe cannot load).
set -u
saker=$1 record=$2
dir=$(mktemp -d "${TMPDIR:-/tmp}/saker-real.XXXXXX")
trap 'rm -rf "$dir"' EXIT
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: recording needs root"
	exit 77
fi
if ! command -v python3 >/dev/null; then
	echo "SKIP: python3 missing for the socket workload"
	exit 77
fi
cat >"$dir/work.sh" <<'W'
cd "$1" && mkdir sub && cd sub && echo hi >../a.txt && exec 3<../a.txt && cat <&3 >/dev/null
sh -c "cat /etc/hostname >/dev/null"
python3 -c '
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
c = socket.create_connection(s.getsockname()); a, _ = s.accept()
c.send(b"ping"); a.recv(4)
'
W
if ! "$record" -q -w "$dir/c.sk" -- sh "$dir/work.sh" "$dir" 2>"$dir/rec.err"; then
	if grep -qiE "bpf|permission|operation not permitted|btf" "$dir/rec.err"; then
		echo "SKIP: eBPF unavailable: $(head -c 300 "$dir/rec.err")"
		exit 77
	fi
	echo "FAIL: saker-record: $(cat "$dir/rec.err")"
	exit 1
fi
F='%evt.type|%proc.name|%proc.cwd|%fd.num|%fd.name|%fd.typechar|%proc.aname[1]|%proc.aname[2]|%proc.exepath|%user.name|%container.id|%fd.l4proto|%fd.sip|%fd.sport|%fd.cip|%fd.lport|%fd.is_server|%evt.res'
"$saker" print -p "$F" "$dir/c.sk" >"$dir/out" || { echo "FAIL: saker print"; exit 1; }
fail=0
expect() { # description, awk condition over $1..$18 with FS="|"
	if ! awk -F'|' "$2 { found = 1 } END { exit !found }" "$dir/out"; then
		echo "FAIL: no event with $1"
		fail=1
	fi
}
expect "openat ../a.txt resolved against cwd" \
	"\$1 == \"openat\" && \$2 == \"sh\" && \$3 == \"$dir/sub\" && \$5 == \"$dir/a.txt\" && \$6 == \"f\""
expect "cat reading a.txt through fd 0 (dup2 by the shell)" \
	"\$1 == \"read\" && \$2 == \"cat\" && \$4 == \"0\" && \$5 == \"$dir/a.txt\""
expect "nested cat with lineage sh,sh and facts" \
	"\$1 == \"openat\" && \$2 == \"cat\" && \$5 == \"/etc/hostname\" && \$7 == \"sh\" && \$8 == \"sh\" && \$9 == \"/usr/bin/cat\" && \$10 == \"root\" && \$11 == \"host\""
expect "connect over loopback from the client side" \
	"\$1 == \"connect\" && \$2 == \"python3\" && \$6 == \"4\" && \$12 == \"tcp\" && \$13 == \"127.0.0.1\" && \$17 == \"false\" && \$18 == \"SUCCESS\""
expect "accept on the server side" \
	"(\$1 == \"accept\" || \$1 == \"accept4\") && \$18 == \"SUCCESS\" && \$6 == \"4\" && \$15 == \"127.0.0.1\" && \$17 == \"true\""
# The server port seen by the client is the local port of the accepted fd.
sport=$(awk -F'|' '$1 == "connect" && $2 == "python3" && $18 == "SUCCESS" { print $14; exit }' "$dir/out")
lport=$(awk -F'|' '($1 == "accept" || $1 == "accept4") && $18 == "SUCCESS" { print $16; exit }' "$dir/out")
if [ -z "$sport" ] || [ "$sport" != "$lport" ]; then
	echo "FAIL: connect server port '$sport' != accept local port '$lport'"
	fail=1
fi
if [ $fail -ne 0 ] && grep -q "127\.0\.0\.0:" "$dir/out"; then
	echo "note: tuples read 127.0.0.0 for 127.0.0.1: the probe copies one byte of"
	echo "      skc_rcv_saddr/skc_daddr (BPF_CORE_READ_INTO into a u8 array)"
fi
[ $fail -eq 0 ] && echo ok
exit $fail
