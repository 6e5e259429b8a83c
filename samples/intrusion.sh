#!/bin/sh
# intrusion.sh - harmless stand-ins for an intruder's moves, recorded into
# samples/intrusion.sk by make-intrusion.sh to exercise saker's default rules
# (rules/default). Nothing here changes the host: every attempt that could
# (module load, BPF load, mount) is made to fail, and everything created is
# removed again. samples/README.md lists the alerts each step raises.
set -e
w=$(mktemp -d /run/saker-intrusion-XXXXXX)
trap 'rm -rf "$w" ${h:+"$h"} /var/log/saker-sample.log /etc/cron.d/saker-sample /usr/local/bin/saker-sample' EXIT

# A toy server renamed "httpd" (perl sets the process name from $0) gets a
# connection from a reverse-shell-shaped client over loopback: the client's
# socket becomes its stdin/stdout/stderr and it runs a shell that only echoes.
# The server then runs a shell itself, as a web shell would.
perl -MIO::Socket::INET -e '
	my $srv = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0,
		Listen => 1, ReuseAddr => 1) or die "listen: $!";
	my $pid = fork // die;
	if (!$pid) {
		my $c = IO::Socket::INET->new(PeerAddr => "127.0.0.1",
			PeerPort => $srv->sockport) or die "connect: $!";
		open(STDIN, "<&", $c); open(STDOUT, ">&", $c); open(STDERR, ">&", $c);
		exec "/bin/sh", "-c", "echo reverse-shell-shaped";
	}
	$0 = "httpd";
	my $conn = $srv->accept or die "accept: $!";
	my $line = <$conn>;
	waitpid $pid, 0;
	system "/bin/sh", "-c", "true";
'

# ptrace: attach to (and detach from) a child of our own.
perl -e '
	my $kid = fork // die;
	if (!$kid) { sleep 10; exit 0 }
	syscall(101, 16, $kid, 0, 0);	# PTRACE_ATTACH
	waitpid $kid, 0;
	syscall(101, 17, $kid, 0, 0);	# PTRACE_DETACH
	kill "KILL", $kid;
	waitpid $kid, 0;
'

# Attempts the kernel refuses: finit_module of an empty file, BPF_PROG_LOAD
# with an empty program, mount of a block device that does not exist.
: >"$w/empty.ko"
mkdir "$w/mnt"
perl -e '
	my ($ko, $dir) = @ARGV;
	my ($args, $dev, $type, $attr) = ("", "/dev/saker-sample-none", "ext4", "\0" x 128);
	open(my $f, "<", $ko) or die;
	syscall(313, fileno($f), $args, 0);		# finit_module
	syscall(321, 5, $attr, 128);			# bpf(BPF_PROG_LOAD)
	syscall(165, $dev, $dir, $type, 1, 0);		# mount, read-only
' "$w/empty.ko" "$w/mnt"

# Namespaces: a new user namespace for `true`, and setns into our own UTS
# namespace (a no-op with nsenter's system call).
unshare -U true
perl -e 'open(my $ns, "<", "/proc/self/ns/uts") or die; syscall(308, fileno($ns), 0);'

# Fileless execution: /bin/true copied into a memfd and executed from it.
perl -e '
	my $name = "saker-sample";
	my $fd = syscall(319, $name, 0);		# memfd_create
	open(my $m, ">&=", $fd) or die;
	open(my $t, "<", "/bin/true") or die;
	binmode $t; binmode $m;
	local $/;
	my $bin = <$t>;
	syswrite($m, $bin) == length($bin) or die "write: $!";
	exec { "/proc/self/fd/$fd" } "payload";
'

# Execution from /tmp.
d=$(mktemp -d /tmp/saker-sample-XXXXXX)
cp /bin/true "$d/payload"
"$d/payload"
rm -rf "$d"

# A stand-in named nc (a script that only exits), run with -e.
printf '#!/bin/sh\nexit 0\n' >"$w/nc"
chmod 700 "$w/nc"
"$w/nc" -e /bin/sh 127.0.0.1 9

# Links to /etc/shadow: a symlink, and a hard link into a directory that does
# not exist (the kernel refuses it with ENOENT).
ln -s /etc/shadow "$w/shadow-link"
ln /etc/shadow "$w/missing/shadow-hard" 2>/dev/null || true

# A dummy (not a key) in a throw-away home's .ssh/id_ed25519, read by cat.
h=$(mktemp -d /home/saker-sample-XXXXXX)
mkdir "$h/.ssh"
echo "saker sample, not a key" >"$h/.ssh/id_ed25519"
cat "$h/.ssh/id_ed25519" >/dev/null
rm -rf "$h"

# A process of a "login session" of uid 1000 (its own audit login uid, set
# through /proc/self/loginuid, then exec'ed so the capture records it) calls
# setuid(0); it is root already, so nothing changes.
perl -e '
	open(my $f, ">", "/proc/self/loginuid") or die "loginuid: $!";
	print {$f} "1000";
	close $f or die "loginuid: $!";
	exec "perl", "-e", "syscall(105, 0)";	# setuid(0)
'

# A log written, truncated and deleted.
echo "saker sample" >>/var/log/saker-sample.log
: >/var/log/saker-sample.log
rm -f /var/log/saker-sample.log

# A cron table holding only a comment, and a file in /usr/local/bin.
echo "# saker sample: no schedule" >>/etc/cron.d/saker-sample
rm -f /etc/cron.d/saker-sample
: >/usr/local/bin/saker-sample
rm -f /usr/local/bin/saker-sample
