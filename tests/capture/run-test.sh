#!/bin/sh
# run-test.sh - the capture tests: real recordings with the eBPF probe.
#   run-test.sh TEST BUILD_DIR
# TEST is one of: workload strace kill9 overflow diskfull overlay cli snapshot
# bindport reaper sigreturn blocked. Exits 77 (skip) only when
# BPF is unavailable here: not root, or a kernel without BTF.
set -eu
test=$1
build=$2
rec=$build/capture/saker-record
tools=$build/tests/capture
if [ "$(id -u)" != 0 ]; then
	echo "SKIP: capture tests load an eBPF probe and need root"
	exit 77
fi
if [ ! -r /sys/kernel/btf/vmlinux ]; then
	echo "SKIP: /sys/kernel/btf/vmlinux missing: kernel without BTF, the probe cannot load"
	exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/saker-capture-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

case $test in
workload)
	# every syscall the workload knows it made is in the capture, exactly
	"$rec" -q -w wl.sk -- "$tools/workload" wl.exp
	"$tools/skexpect" wl.sk wl.exp
	# and records are in timestamp order across CPUs
	"$tools/skdump" wl.sk | awk 'NR > 1 && $2 < prev { bad++ } { prev = $2 }
		END { if (bad) { print "FAIL: " bad " records out of timestamp order"; exit 1 } }'
	# calls that may block are recorded at exit only (entries come from the
	# stop-time sweep, and nothing is blocked when CMD has exited)
	! "$tools/skdump" wl.sk | grep -E ' (read|connect|accept) > ' || { echo "FAIL: an entry record"; exit 1; }
	;;
blocked)
	# a thread blocked in read when recording stops (SIGINT) gets a read
	# entry record from /proc, stamped at stop, flagged BLOCKED (4)
	"$rec" -q -w b.sk -- perl -e 'pipe(R, W); open(P, ">", "p.tmp");
		print P "$$ ", fileno(R), "\n"; close(P); rename("p.tmp", "p.pid"); sysread(R, $b, 77)' &
	recpid=$!
	while [ ! -s p.pid ]; do
		kill -0 "$recpid" 2>/dev/null || { echo "FAIL: the recorder exited early"; exit 1; }
		sleep 0.1
	done
	sleep 0.5
	kill -INT "$recpid"
	sleep 0.5
	read -r pid fd <p.pid
	kill "$pid"
	wait "$recpid" || true
	"$tools/skdump" b.sk >b.txt
	grep " $pid $pid read > 4 fd=$fd size=77\$" b.txt || { echo "FAIL: no blocked read entry"; grep " $pid read" b.txt; exit 1; }
	[ "$(grep -c ' read > ' b.txt)" = 1 ] || { echo "FAIL: other read entries"; exit 1; }
	;;
strace)
	# strace, run under the recorder, sees the same threads: compare them
	command -v strace >/dev/null || { echo "SKIP: strace not installed"; exit 77; }
	# (LeakSanitizer cannot run under ptrace: off for the traced workload)
	"$rec" -q -w st.sk -- env ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
		strace -f -qq -s 4096 -o st.log "$tools/workload" st.exp noptrace
	"$tools/skexpect" st.sk st.exp
	"$tools/skstrace" st.sk st.log
	;;
kill9)
	# a recorder killed with SIGKILL leaves a readable file: every sealed
	# chunk (the recorder seals at least once a second) is recovered
	"$rec" -q -w k.sk -- sh -c 'echo $$ >loop.pid; while :; do cat /etc/hostname >/dev/null; done' &
	recpid=$!
	while [ ! -s loop.pid ]; do
		kill -0 "$recpid" 2>/dev/null || { echo "FAIL: the recorder exited early"; exit 1; }
		sleep 0.1
	done
	sleep 2.5
	kill -9 "$recpid"
	wait "$recpid" || true
	kill "$(cat loop.pid)"
	summary=$("$tools/skdump" --summary k.sk)
	echo "$summary"
	case $summary in footer=0\ *) ;; *) echo "FAIL: a killed recorder left a footer?"; exit 1 ;; esac
	"$tools/skdump" k.sk >k.txt
	grep -q ' snapend - ' k.txt || { echo "FAIL: snapshot not recovered"; exit 1; }
	grep -q ' procexec - .* exe=cat ' k.txt || { echo "FAIL: no recorded exec of cat"; exit 1; }
	echo "recovered $(wc -l <k.txt) records"
	;;
overflow)
	# a tiny kernel buffer, a storm, and a reader stopped for a moment:
	# drops happen, and DROP records account for every record that did
	# not arrive
	rounds=1000000
	"$rec" -q -b 1 -w o.sk -- "$build/bench/capture/storm" "$rounds" >storm.out 2>rec.err &
	recpid=$!
	# stop the reader once the storm runs (its child has exec'd storm)
	until [ "$(cat "/proc/$(pgrep -P "$recpid" | head -1)/comm" 2>/dev/null)" = storm ]; do
		kill -0 "$recpid" 2>/dev/null || { echo "FAIL: the recorder exited early"; exit 1; }
		sleep 0.02
	done
	kill -STOP "$recpid"
	sleep 1
	kill -CONT "$recpid"
	wait "$recpid"
	cat rec.err
	"$tools/skdump" o.sk >o.txt
	pid=$(awk '$5 == "procexec" && / exe=/ { print $4; exit }' o.txt)
	delivered=$(awk -v p="$pid" '$4 == p && $5 !~ /^snap/' o.txt | wc -l)
	dropped=$(awk '$5 == "drop" { for (i = 8; i <= NF; i++) if ($i ~ /^count=/) { sub("count=", "", $i); s += $i } } END { print s + 0 }' o.txt)
	want=$((rounds * 4)) # openat, read, close, getppid: one record each
	echo "storm pid $pid: $delivered records delivered, $dropped dropped, $want made by the loop"
	[ "$dropped" -gt 0 ] || { echo "FAIL: no drops with a 1 MiB buffer"; exit 1; }
	total=$((delivered + dropped))
	[ "$total" -ge "$want" ] || { echo "FAIL: delivered + dropped < records made"; exit 1; }
	# the start-up of the process (more under ASan) adds a few thousand
	[ "$total" -le $((want + 20000)) ] || { echo "FAIL: more drops than records made"; exit 1; }
	grep -q "events dropped" rec.err || { echo "FAIL: recorder did not report drops"; exit 1; }
	;;
diskfull)
	# a full disk stops the recorder cleanly: exit 1 with the reason, and
	# everything sealed stays readable. The small filesystem is a tmpfs in
	# a private mount namespace, invisible to the rest of the host.
	command -v unshare >/dev/null || { echo "SKIP: unshare not installed"; exit 77; }
	mkdir small
	rc=0
	unshare --mount --propagation private sh -c '
		mount -t tmpfs -o size=1m saker-test small || exit 99
		"$1" -q -w small/f.sk -- sh -c "echo \$\$ >loop.pid; while :; do cat /etc/hostname >/dev/null; done" 2>rec.err
		rc=$?
		kill "$(cat loop.pid)" 2>/dev/null
		"$2/skdump" --summary small/f.sk >summary.txt 2>&1 || echo "unreadable" >>summary.txt
		exit $rc' sh "$rec" "$tools" || rc=$?
	[ "$rc" != 99 ] || { echo "SKIP: cannot mount a tmpfs here"; exit 77; }
	cat rec.err summary.txt
	[ "$rc" = 1 ] || { echo "FAIL: exit status $rc, want 1"; exit 1; }
	grep -q "No space left" rec.err || { echo "FAIL: the reason is not reported"; exit 1; }
	grep -q "^footer=0 chunks=[1-9]" summary.txt || { echo "FAIL: sealed chunks not readable"; exit 1; }
	;;
overlay)
	# exe_upper_layer: a binary written into an overlay mount (upper
	# layer) versus one from its lower layer, in a private mount namespace
	command -v unshare >/dev/null || { echo "SKIP: unshare not installed"; exit 77; }
	mkdir lower upper ovwork merged
	cp /bin/true lower/from-image
	"$rec" -q -w ov.sk -- unshare --mount --propagation private sh -c '
		mount -t overlay overlay -o lowerdir=lower,upperdir=upper,workdir=ovwork merged || exit 99
		cp /bin/true merged/written
		./merged/from-image && ./merged/written' || rc=$?
	[ "${rc:-0}" != 99 ] || { echo "SKIP: cannot mount overlayfs here"; exit 77; }
	# upper_layer FILE EXEPATH VALUE: a record of FILE names EXEPATH with VALUE
	upper_layer() {
		grep -q "exepath=$2 .*exe_upper_layer=$3 " "$1" ||
			{ echo "FAIL: $1: $2 not exe_upper_layer=$3"; exit 1; }
	}
	"$tools/skdump" ov.sk | awk '$5 == "procexec"' >exec.txt
	upper_layer exec.txt "$work/merged/from-image" 0
	upper_layer exec.txt "$work/merged/written" 1
	# the snapshot says the same of processes already running, from the
	# mount table (the recorder runs in the mount namespace of the overlay)
	mkdir upper2 ovwork2 merged2
	cp /bin/sleep lower/sleep-image
	unshare --mount --propagation private sh -c '
		mount -t overlay overlay -o lowerdir=lower,upperdir=upper2,workdir=ovwork2 merged2 || exit 99
		cp /bin/sleep merged2/sleep-written
		./merged2/sleep-image 30 & a=$!
		./merged2/sleep-written 30 & b=$!
		"$1" -q -a -w ovs.sk -- true; rc=$?
		kill $a $b; exit $rc' sh "$rec" || rc=$?
	[ "${rc:-0}" != 99 ] || { echo "SKIP: cannot mount overlayfs here"; exit 77; }
	"$tools/skdump" ovs.sk | awk '$5 == "snapproc"' >snap.txt
	upper_layer snap.txt "$work/merged2/sleep-image" 0
	upper_layer snap.txt "$work/merged2/sleep-written" 1
	;;
snapshot)
	# a `-- CMD` snapshot holds CMD, the recorder and their ancestors, not
	# an unrelated process; with --all it holds every process
	sleep 60 </dev/null >/dev/null 2>&1 &
	other=$!
	trap 'kill "$other" 2>/dev/null; rm -rf "$work"' EXIT
	"$rec" -q -w tree.sk -- true
	"$rec" -q -a -w all.sk -- true
	"$tools/skdump" tree.sk >tree.txt
	"$tools/skdump" all.sk >all.txt
	awk '$5 == "snapproc" && $4 == p' p="$other" all.txt | grep -q "exe=sleep " ||
		{ echo "FAIL: --all snapshot lacks the unrelated sleep (pid $other)"; exit 1; }
	! awk '$4 == p' p="$other" tree.txt | grep -q . ||
		{ echo "FAIL: -- CMD snapshot holds the unrelated sleep (pid $other)"; exit 1; }
	# CMD's parent is the recorder, whose SNAP_PROC is there without fds,
	# and the ancestors reach pid 1
	cmd=$(awk '$5 == "procexec" { print $4; exit }' tree.txt)
	recpid=$(awk '$5 == "snapproc" && $4 == p { for (i = 6; i <= NF; i++) if ($i ~ /^ppid=/) { sub("ppid=", "", $i); print $i; exit } }' p="$cmd" tree.txt)
	[ -n "$recpid" ] || { echo "FAIL: no SNAP_PROC for CMD (pid $cmd)"; exit 1; }
	awk '$5 == "snapproc" && $4 == p' p="$recpid" tree.txt | grep -q "exe=$rec " ||
		{ echo "FAIL: no SNAP_PROC for the recorder (pid $recpid)"; exit 1; }
	awk '$5 == "snapproc" && $4 == p' p="$recpid" tree.txt | grep -q " env= " ||
		{ echo "FAIL: the recorder's environment is in the snapshot"; exit 1; }
	! awk '$5 == "snapfd" && $4 == p' p="$recpid" tree.txt | grep -q . ||
		{ echo "FAIL: the recorder's fds are in the snapshot"; exit 1; }
	awk '$5 == "snapfd" && $4 == p' p="$cmd" tree.txt | grep -q . ||
		{ echo "FAIL: CMD's fds are not in the snapshot"; exit 1; }
	awk '$5 == "snapproc" && $4 == 1' tree.txt | grep -q . || { echo "FAIL: pid 1 missing"; exit 1; }
	echo "tree: $(grep -c ' snapproc ' tree.txt) SNAP_PROC, all: $(grep -c ' snapproc ' all.txt)"
	;;
bindport)
	# bind to port 0 on loopback: the recorded address is 127.0.0.1 and the
	# port the socket got, not 0
	command -v perl >/dev/null || { echo "SKIP: perl not installed"; exit 77; }
	"$rec" -q -w b.sk -- perl -MSocket -e '
		socket(my $s, PF_INET, SOCK_STREAM, 0) or die;
		bind($s, pack_sockaddr_in(0, inet_aton("127.0.0.1"))) or die;
		my ($port) = unpack_sockaddr_in(getsockname($s));
		print "$port\n"' >port.txt
	"$tools/skdump" b.sk | perl -ne 'next unless / bind < .* addr=(\S+)/;
		(my $a = $1) =~ s/\\x([0-9a-f]{2})/chr hex $1/ge;
		printf "%s %d\n", join(".", unpack("C4", substr($a, 1, 4))), unpack("v", substr($a, 5, 2))' >bind.txt
	echo "bound to $(cat port.txt), recorded $(cat bind.txt)"
	[ "$(cat bind.txt)" = "127.0.0.1 $(cat port.txt)" ] || { echo "FAIL: recorded bind address differs"; exit 1; }
	;;
reaper)
	# PROC_EXIT reaper_tid: a process leaving an orphan names who inherits
	# it, here a child subreaper (prctl PR_SET_CHILD_SUBREAPER); a process
	# without children names none (0)
	command -v perl >/dev/null || { echo "SKIP: perl not installed"; exit 77; }
	"$rec" -q -w r.sk -- perl -e '
		syscall(157, 36, 1, 0, 0, 0) == 0 or die "prctl: $!";
		print "$$\n";
		system("sh", "-c", "(sleep 0.2 &)");
		1 while wait != -1' >sub.pid
	"$tools/skdump" r.sk | awk '$5 == "procexit"' >exits.txt
	cat exits.txt
	grep -q "reaper_tid=$(cat sub.pid)\$" exits.txt || { echo "FAIL: no exit names the subreaper"; exit 1; }
	grep -q "reaper_tid=0\$" exits.txt || { echo "FAIL: every exit names a reaper"; exit 1; }
	;;
sigreturn)
	# a signal handler's return is rt_sigreturn (the kernel sets the
	# restored orig_ax to -1, which is no syscall number)
	"$rec" -q -w sig.sk -- perl -e '$SIG{USR1} = sub { $n++ }; kill "USR1", $$; sleep 0 until $n'
	"$tools/skdump" sig.sk >sig.txt
	grep -q " rt_sigreturn < .* nr=15 " sig.txt || { echo "FAIL: no rt_sigreturn record"; exit 1; }
	! grep -q " nr=65535 " sig.txt || { echo "FAIL: a record with syscall number 65535"; exit 1; }
	;;
cli)
	# exit statuses and messages: CMD's status passes through, bad flags
	# are usage errors (2), a non-root user gets told why (1)
	rc=0; "$rec" -q -w c.sk -- sh -c 'exit 3' || rc=$?
	[ "$rc" = 3 ] || { echo "FAIL: CMD exit 3 gave $rc"; exit 1; }
	rc=0; "$rec" -q -w c.sk -- sh -c 'kill -9 $$' || rc=$?
	[ "$rc" = 137 ] || { echo "FAIL: CMD killed by SIGKILL gave $rc"; exit 1; }
	rc=0; "$rec" --no-such-flag 2>/dev/null || rc=$?
	[ "$rc" = 2 ] || { echo "FAIL: unknown flag gave $rc"; exit 1; }
	rc=0; "$rec" -w c.sk -s 70000 2>err.txt || rc=$?
	[ "$rc" = 2 ] && grep -q "snaplen" err.txt || { echo "FAIL: bad --snaplen gave $rc"; exit 1; }
	rc=0; "$rec" -q 2>err.txt || rc=$?
	[ "$rc" = 2 ] && grep -q -- "-w FILE" err.txt || { echo "FAIL: missing -w gave $rc"; exit 1; }
	if command -v setpriv >/dev/null; then
		rc=0
		setpriv --reuid=65534 --regid=65534 --clear-groups "$rec" -w "$work/u.sk" -- true 2>err.txt || rc=$?
		[ "$rc" = 1 ] && grep -q "must run as root" err.txt || { echo "FAIL: non-root gave $rc"; cat err.txt; exit 1; }
	fi
	# an old capture readable by all is replaced, not reused
	chmod 644 c.sk
	"$rec" -q -w c.sk -- true
	[ "$(stat -c %a c.sk)" = 600 ] || { echo "FAIL: capture mode $(stat -c %a c.sk)"; exit 1; }
	;;
*)
	echo "unknown test $test"
	exit 2
	;;
esac
