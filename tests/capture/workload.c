/* workload.c - makes known syscalls and writes what it did, as skexpect
 * expectations, to the file named by its first argument.
 *   workload EXPECTFILE [noptrace]
 * Covers files (open/read/pread/write/rename/chmod/symlink/unlink/mkdir),
 * a TCP connection to its own listener (connect/accept/sendto/recvfrom with
 * addresses and tuples), ptrace and kill of a child, memfd_create +
 * execveat of the memfd, a thread, a fork and an exec. With "noptrace" the
 * ptrace step is skipped (for runs under strace, which already traces us).
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static FILE *out;
static char dir[64];

static void expect(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	fputc('\n', out);
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static int tid(void)
{
	return (int)syscall(SYS_gettid);
}

/* The escaping of evfmt.h, for byte values. */
static const char *esc(const void *p, size_t n)
{
	static char buf[4][512];
	static int k;
	const unsigned char *b = p;
	char *o = buf[k++ % 4];
	size_t m = 0;

	for (size_t i = 0; i < n && m + 5 < sizeof(buf[0]); i++) {
		if (b[i] > 0x20 && b[i] < 0x7f && b[i] != '\\' && b[i] != '=')
			o[m++] = b[i];
		else
			m += sprintf(o + m, "\\x%02x", b[i]);
	}
	o[m] = 0;
	return o;
}

static const char *inet_tuple(const struct sockaddr_in *l, const struct sockaddr_in *r)
{
	unsigned char t[13];
	uint16_t lp = ntohs(l->sin_port), rp = ntohs(r->sin_port);

	t[0] = AF_INET;
	memcpy(t + 1, &l->sin_addr, 4);
	t[5] = lp & 0xff;
	t[6] = lp >> 8;
	memcpy(t + 7, &r->sin_addr, 4);
	t[11] = rp & 0xff;
	t[12] = rp >> 8;
	return esc(t, sizeof(t));
}

static const char *inet_addr_enc(const struct sockaddr_in *a)
{
	unsigned char t[7];
	uint16_t p = ntohs(a->sin_port);

	t[0] = AF_INET;
	memcpy(t + 1, &a->sin_addr, 4);
	t[5] = p & 0xff;
	t[6] = p >> 8;
	return esc(t, sizeof(t));
}

static void files(void)
{
	char a[128], b[128], l[128], buf[100];
	int fd, me = tid();
	long r;

	snprintf(dir, sizeof(dir), "/tmp/saker-wl-XXXXXX");
	if (!mkdtemp(dir))
		die("mkdtemp");
	expect("%d mkdir < res=0 path=%s mode=448", me, dir);
	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(b, sizeof(b), "%s/b", dir);
	snprintf(l, sizeof(l), "%s/l", dir);
	fd = open(a, O_CREAT | O_WRONLY | O_TRUNC, 0640);
	if (fd < 0)
		die("open");
	expect("%d openat < fd=%d dirfd=-100 name=%s flags=577 mode=416", me, fd, a);
	if (write(fd, "hello-saker", 11) != 11)
		die("write");
	expect("%d write < res=11 data=hello-saker fd=%d size=11", me, fd);
	close(fd);
	expect("%d close < res=0 fd=%d", me, fd);
	fd = open(a, O_RDONLY);
	expect("%d openat < fd=%d dirfd=-100 name=%s flags=0", me, fd, a);
	r = read(fd, buf, sizeof(buf));
	expect("%d read < res=%ld data=hello-saker fd=%d size=100", me, r, fd);
	r = pread(fd, buf, 5, 6);
	expect("%d pread < res=%ld data=saker fd=%d size=5 pos=6", me, r, fd);
	close(fd);
	r = syscall(SYS_rename, a, b);
	expect("%d rename < res=%ld oldpath=%s newpath=%s", me, r, a, b);
	r = syscall(SYS_chmod, b, 0600);
	expect("%d chmod < res=%ld filename=%s mode=384", me, r, b);
	r = syscall(SYS_symlink, "target-x", l);
	expect("%d symlink < res=%ld target=target-x linkpath=%s", me, r, l);
	r = syscall(SYS_unlink, l);
	expect("%d unlink < res=%ld path=%s", me, r, l);
	r = syscall(SYS_unlink, l);
	expect("%d unlink < res=-2 path=%s", me, l);
}

static void network(void)
{
	struct sockaddr_in srv = {.sin_family = AF_INET}, cli, acc_l, acc_r;
	socklen_t len = sizeof(srv);
	int s, c, a, me = tid();
	char buf[64];
	long r;

	srv.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s = socket(AF_INET, SOCK_STREAM, 0);
	expect("%d socket < fd=%d domain=2 type=1 proto=0", me, s);
	if (bind(s, (struct sockaddr *)&srv, sizeof(srv)) || listen(s, 4) ||
	    getsockname(s, (struct sockaddr *)&srv, &len))
		die("listen");
	expect("%d listen < res=0 fd=%d backlog=4", me, s);
	c = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(c, (struct sockaddr *)&srv, sizeof(srv)))
		die("connect");
	len = sizeof(cli);
	getsockname(c, (struct sockaddr *)&cli, &len);
	expect("%d connect < res=0 fd=%d addr=%s tuple=%s", me, c, inet_addr_enc(&srv),
	       inet_tuple(&cli, &srv));
	a = (int)syscall(SYS_accept, s, NULL, NULL);
	len = sizeof(acc_l);
	getsockname(a, (struct sockaddr *)&acc_l, &len);
	len = sizeof(acc_r);
	getpeername(a, (struct sockaddr *)&acc_r, &len);
	expect("%d accept < fd=%d tuple=%s sockfd=%d", me, a, inet_tuple(&acc_l, &acc_r), s);
	r = sendto(c, "ping", 4, 0, NULL, 0);
	expect("%d sendto < res=%ld data=ping fd=%d size=4 tuple=%s", me, r, c,
	       inet_tuple(&cli, &srv));
	r = recvfrom(a, buf, sizeof(buf), 0, NULL, NULL);
	expect("%d recvfrom < res=%ld data=ping fd=%d size=64 tuple=%s", me, r, a,
	       inet_tuple(&acc_l, &acc_r));
	close(a);
	close(c);
	close(s);
}

static void trace_and_kill(void)
{
	int me = tid(), st;
	pid_t child = fork();
	long r;

	if (child == 0) {
		for (;;)
			pause();
	}
	expect("%d procfork - child_tid=%d child_pid=%d", me, child, child);
	r = ptrace(PTRACE_ATTACH, child, 0, 0);
	expect("%d ptrace < res=%ld request=16 pid=%d", me, r, child);
	waitpid(child, &st, 0);
	r = ptrace(PTRACE_DETACH, child, 0, 0);
	expect("%d ptrace < res=%ld request=17 pid=%d", me, r, child);
	r = kill(child, SIGKILL);
	expect("%d kill < res=%ld pid=%d sig=9", me, r, child);
	waitpid(child, &st, 0);
	expect("%d procexit - status=9", child);
}

static void memfd_exec(void)
{
	char buf[65536];
	int me = tid(), mfd, in, st;
	ssize_t n;
	pid_t child;

	mfd = memfd_create("saker-memfd", 0);
	expect("%d memfd_create < fd=%d name=saker-memfd flags=0", me, mfd);
	in = open("/bin/true", O_RDONLY);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(mfd, buf, n) != n)
			die("write memfd");
	close(in);
	child = fork();
	if (child == 0) {
		/* strings on the stack: the probe cannot fault in file pages a
		 * fresh child has not touched yet, stack pages it can read */
		char a0[] = "memfd-true", a1[] = "x1", empty[] = "";
		char *argv[] = {a0, a1, NULL}, *envp[] = {NULL};

		syscall(SYS_execveat, mfd, empty, argv, envp, AT_EMPTY_PATH);
		_exit(126);
	}
	expect("%d execveat > dirfd=%d pathname= args=memfd-true\\x00x1\\x00 flags=4096", child,
	       mfd);
	expect("%d procexec - exe=memfd-true exepath=memfd:saker-memfd args=x1\\x00 "
	       "exe_from_memfd=1 filename=/dev/fd/%d",
	       child, mfd);
	expect("%d execveat < res=0", child);
	expect("%d exit_group > status=0", child);
	waitpid(child, &st, 0);
	close(mfd);
}

static void *thread_main(void *arg)
{
	char p[128];
	int fd, me = tid();

	(void)arg;
	snprintf(p, sizeof(p), "%s/b", dir);
	fd = open(p, O_RDONLY);
	expect("%d openat < fd=%d dirfd=-100 name=%s flags=0", me, fd, p);
	close(fd);
	expect("%d close < res=0 fd=%d", me, fd);
	return NULL;
}

static void thread_fork_exec(void)
{
	int me = tid(), st;
	pthread_t t;
	pid_t child;

	pthread_create(&t, NULL, thread_main, NULL);
	pthread_join(t, NULL);
	child = fork();
	if (child == 0)
		_exit(7);
	expect("%d procfork - child_tid=%d child_pid=%d", me, child, child);
	expect("%d exit_group > status=7", child);
	expect("%d procexit - status=1792", child);
	waitpid(child, &st, 0);
	child = fork();
	if (child == 0) {
		char path[] = "/bin/true", a0[] = "true", a1[] = "saker-arg";
		char *argv[] = {a0, a1, NULL};

		execv(path, argv);
		_exit(127);
	}
	expect("%d execve > filename=/bin/true args=true\\x00saker-arg\\x00", child);
	expect("%d procexec - exe=true exepath=/usr/bin/true args=saker-arg\\x00", child);
	expect("%d execve < res=0", child);
	waitpid(child, &st, 0);
}

static void cleanup(void)
{
	char b[128];

	snprintf(b, sizeof(b), "%s/b", dir);
	unlink(b);
	rmdir(dir);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: workload EXPECTFILE [noptrace]\n");
		return 2;
	}
	out = fopen(argv[1], "w");
	if (!out)
		die(argv[1]);
	files();
	network();
	if (!(argc > 2 && strcmp(argv[2], "noptrace") == 0))
		trace_and_kill();
	memfd_exec();
	thread_fork_exec();
	cleanup();
	fclose(out);
	return 0;
}
