/* test_state.c - the replay state engine on synthetic captures: fd
 * resolution, lineage, threads, snapshot processes, pid reuse, users and
 * containers, and memory bounded by live state.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "replay/replay.h"
#include "tests/replay/synth.h"

#define AT_FDCWD  (-100)
#define START	  1763999990000000000ll
#define NCHECK(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char ipv4_connect_addr[] = {2, 93, (char)184, (char)216, 34, 80, 0};
static const char ipv4_tuple[] = {2,  10,	 0,	    0,	5,  0x40, (char)0x9c,
				  93, (char)184, (char)216, 34, 80, 0};

static struct procfacts bash_facts(void)
{
	struct procfacts f = {0};
	f.exe = "-bash";
	f.exepath = "/usr/bin/bash";
	f.args = "-i";
	f.argslen = 3;
	f.env = "HOME=/home/u\0PATH=/bin";
	f.envlen = 23;
	f.cwd = "/home/u";
	f.comm = "bash";
	f.ppid = 1;
	f.sid = f.pgid = f.vpid = 100;
	f.uid = f.gid = f.loginuid = 1000;
	f.start = START;
	return f;
}

static void test_fds(void)
{
	struct synth s;
	synth_open(&s, "fds", "hostA");
	struct procfacts f = bash_facts();
	synth_proc(&s, SK_E_SNAP_PROC, 100, 100, &f);
	EMIT(&s, SK_E_SNAP_FD, 100, 100, NUM(0), NUM(1), NUM(2), STR("/dev/pts/0"), STR(""), NUM(0),
	     NUM(0));
	EMIT(&s, SK_E_SNAP_END, 0, 0, NUM(1), NUM(1));
	uint64_t n1 = EMIT(&s, SK_E_OPENAT, 100, 100, NUM(3), NUM(AT_FDCWD), STR("a/../b.txt"),
			   NUM(0), NUM(0), NUM(0x803), NUM(42));
	uint64_t n2 = EMIT(&s, SK_E_CHDIR, 100, 100, NUM(0), STR("/tmp/../var"));
	uint64_t n3 = EMIT(&s, SK_E_OPENAT, 100, 100, NUM(4), NUM(AT_FDCWD), STR("log"),
			   NUM(0200000), NUM(0), NUM(0), NUM(0));
	uint64_t n4 = EMIT(&s, SK_E_OPENAT, 100, 100, NUM(5), NUM(4), STR("./syslog"),
			   NUM(02000000), NUM(0), NUM(0), NUM(0));
	uint64_t n5 = EMIT(&s, SK_E_DUP2, 100, 100, NUM(1), NUM(5), NUM(1));
	uint64_t n6 = EMIT(&s, SK_E_FCNTL, 100, 100, NUM(7), NUM(3), NUM(1030), NUM(0));
	uint64_t n7 =
	    EMIT(&s, SK_E_READ_X, 100, 100, NUM(10), STR("hello\n\033["), NUM(7), NUM(100));
	uint64_t n8 = EMIT(&s, SK_E_CLOSE, 100, 100, NUM(0), NUM(3));
	uint64_t n9 = EMIT(&s, SK_E_READ_X, 100, 100, NUM(-9), STR(""), NUM(3), NUM(10));
	struct procfacts c = f;
	c.exe = "cat";
	c.exepath = "/usr/bin/cat";
	c.args = "/etc/hostname";
	c.argslen = 14;
	c.comm = "cat";
	c.cwd = "/var";
	EMIT(&s, SK_E_EXECVE_E, 100, 100, STR("/usr/bin/cat"), BYT("cat\0/etc/hostname", 18));
	synth_proc(&s, SK_E_PROC_EXEC, 100, 100, &c);
	uint64_t n11 = EMIT(&s, SK_E_EXECVE_X, 100, 100, NUM(0));
	uint64_t n12 = EMIT(&s, SK_E_READ_X, 100, 100, NUM(1), STR("x"), NUM(7), NUM(1));
	uint64_t n13 = EMIT(&s, SK_E_WRITE, 100, 100, NUM(1), STR("x"), NUM(1), NUM(1));
	uint64_t n14 = EMIT(&s, SK_E_READ_X, 100, 100, NUM(1), STR("y"), NUM(0), NUM(1));
	uint64_t n15 = EMIT(&s, SK_E_SOCKET, 100, 100, NUM(6), NUM(2), NUM(1 | 02000000), NUM(0));
	uint64_t n16 = EMIT(&s, SK_E_CONNECT_X, 100, 100, NUM(0), NUM(6), BYT(ipv4_connect_addr, 7),
			    BYT(ipv4_tuple, 13));
	uint64_t n17 =
	    EMIT(&s, SK_E_SENDTO, 100, 100, NUM(5), STR("GET /"), NUM(6), NUM(5), STR(""));
	uint64_t n18 = EMIT(&s, SK_E_OPENAT, 100, 100, NUM(-2), NUM(AT_FDCWD), STR("missing"),
			    NUM(0), NUM(0), NUM(0), NUM(0));
	uint64_t n19 = EMIT(&s, SK_E_OPENAT, 100, 100, NUM(8), NUM(AT_FDCWD), STR("/run.sh"),
			    NUM(0102), NUM(0755), NUM(0), NUM(0));
	uint64_t n20 =
	    EMIT(&s, SK_E_CREAT, 100, 100, NUM(9), STR("/tmp/x"), NUM(0644), NUM(0), NUM(0));
	synth_close(&s);

	const struct check checks[] = {
	    {n1, "fd.name", "/home/u/b.txt"},
	    {n1, "fd.nameraw", "a/../b.txt"},
	    {n1, "fd.num", "3"},
	    {n1, "fd.typechar", "f"},
	    {n1, "fd.type", "file"},
	    {n1, "fd.directory", "/home/u"},
	    {n1, "fd.filename", "b.txt"},
	    {n1, "evt.is_open_read", "true"},
	    {n1, "evt.is_open_write", "false"},
	    {n1, "evt.is_open_create", "false"},
	    {n1, "evt.is_open_exec", "false"},
	    {n19, "evt.is_open_read", "true"},
	    {n19, "evt.is_open_write", "true"},
	    {n19, "evt.is_open_create", "true"},
	    {n19, "evt.is_open_exec", "true"},
	    {n19, "fd.directory", "/"},
	    {n19, "fd.filename", "run.sh"},
	    {n20, "evt.is_open_read", "false"},
	    {n20, "evt.is_open_write", "true"},
	    {n20, "evt.is_open_create", "true"},
	    {n20, "evt.is_open_exec", "false"},
	    {n20, "fd.directory", "/tmp"},
	    {n13, "evt.is_open_write", "false"},
	    {n1, "evt.arg.flags", "O_RDONLY"},
	    {n1, "evt.arg[2]", "a/../b.txt(/home/u/b.txt)"},
	    {n1, "evt.rawarg.dirfd", "-100"},
	    {n1, "evt.res", "SUCCESS"},
	    {n1, "evt.type", "openat"},
	    {n1, "evt.dir", "<"},
	    {n1, "evt.hostname", "hostA"},
	    {n1, "evt.args",
	     "fd=3(<f>/home/u/b.txt) dirfd=-100(AT_FDCWD) "
	     "name=a/../b.txt(/home/u/b.txt) flags=0(O_RDONLY) mode=0 dev=803 "
	     "ino=42"},
	    {n1, "proc.name", "bash"},
	    {n1, "proc.exe", "-bash"},
	    {n1, "proc.cmdline", "bash -i"},
	    {n1, "proc.env", "HOME=/home/u PATH=/bin"},
	    {n1, "proc.cwd", "/home/u"},
	    {n1, "proc.tty", "0"},
	    {n1, "proc.is_vpgid_leader", "true"},
	    {n2, "proc.cwd", "/var"},
	    {n3, "fd.name", "/var/log"},
	    {n3, "fd.type", "directory"},
	    {n3, "fd.typechar", "d"},
	    {n4, "fd.name", "/var/log/syslog"},
	    {n4, "evt.arg.flags", "O_RDONLY|O_CLOEXEC"},
	    {n5, "fd.num", "1"},
	    {n5, "fd.name", "/var/log/syslog"},
	    {n6, "fd.name", "/home/u/b.txt"},
	    {n6, "evt.arg.cmd", "F_DUPFD_CLOEXEC"},
	    {n7, "fd.name", "/home/u/b.txt"},
	    {n7, "evt.buflen", "10"},
	    {n7, "evt.buffer", "hello\\x0a\\x1b["},
	    {n8, "fd.name", "/home/u/b.txt"},
	    {n9, "fd.name", "<NA>"},
	    {n9, "fd.num", "3"},
	    {n9, "evt.res", "EBADF"},
	    {n9, "evt.failed", "true"},
	    {n9, "evt.rawres", "-9"},
	    {n11, "proc.name", "cat"},
	    {n11, "proc.cmdline", "cat /etc/hostname"},
	    {n11, "proc.exepath", "/usr/bin/cat"},
	    {n11, "proc.args", "/etc/hostname"},
	    {n12, "fd.name", "<NA>"},
	    {n13, "fd.name", "/var/log/syslog"},
	    {n14, "fd.name", "/dev/pts/0"},
	    {n15, "fd.typechar", "4"},
	    {n15, "fd.l4proto", "tcp"},
	    {n15, "evt.arg.type", "SOCK_STREAM|SOCK_CLOEXEC"},
	    {n15, "evt.arg.domain", "AF_INET"},
	    {n16, "fd.name", "10.0.0.5:40000->93.184.216.34:80"},
	    {n16, "fd.sip", "93.184.216.34"},
	    {n16, "fd.rip", "93.184.216.34"},
	    {n16, "fd.cip", "10.0.0.5"},
	    {n16, "fd.lip", "10.0.0.5"},
	    {n16, "fd.sport", "80"},
	    {n16, "fd.cport", "40000"},
	    {n16, "fd.port", "40000,80"},
	    {n16, "fd.snet", "93.184.216.34/32"},
	    {n16, "fd.connected", "true"},
	    {n16, "fd.name_changed", "true"},
	    {n16, "fd.is_server", "false"},
	    {n16, "fd.sockfamily", "ip"},
	    {n16, "fd.sip.name", "<NA>"},
	    {n16, "evt.arg.addr", "93.184.216.34:80"},
	    {n17, "fd.name", "10.0.0.5:40000->93.184.216.34:80"},
	    {n17, "fd.name_changed", "false"},
	    {n18, "fd.num", "-1"},
	    {n18, "fd.typechar", "f"},
	    {n18, "fd.name", "/var/missing"},
	    {n18, "evt.res", "ENOENT"},
	    {n18, "evt.args",
	     "fd=-2(ENOENT) dirfd=-100(AT_FDCWD) name=missing(/var/missing) "
	     "flags=0(O_RDONLY) mode=0 dev=0 ino=0"},
	};
	synth_failures += synth_verify(s.path, checks, NCHECK(checks));
	unlink(s.path);
}

static uint64_t fork_exec_ns(struct synth *s, uint32_t parent, uint32_t child, uint32_t vpid,
			     const char *comm)
{
	EMIT(s, SK_E_PROC_FORK, parent, parent, NUM(child), NUM(child), NUM(17), STR(comm),
	     NUM(START + child));
	struct procfacts f = bash_facts();
	f.exe = comm;
	f.comm = comm;
	f.args = "";
	f.argslen = 0;
	f.ppid = parent;
	f.vpid = vpid;
	f.start = START + child;
	return synth_proc(s, SK_E_PROC_EXEC, child, child, &f);
}

static uint64_t fork_exec(struct synth *s, uint32_t parent, uint32_t child, const char *comm)
{
	return fork_exec_ns(s, parent, child, child, comm);
}

/* A snapshot holding only init (systemd, pid 1). */
static void snapshot_init(struct synth *s)
{
	struct procfacts init = bash_facts();
	init.comm = init.exe = "systemd";
	init.ppid = 0;
	init.sid = init.pgid = init.vpid = 1;
	synth_proc(s, SK_E_SNAP_PROC, 1, 1, &init);
	EMIT(s, SK_E_SNAP_END, 0, 0, NUM(1), NUM(0));
}

static void test_lineage(void)
{
	struct synth s;
	synth_open(&s, "lineage", "hostB");
	snapshot_init(&s);
	fork_exec(&s, 1, 200, "sshd");
	fork_exec(&s, 200, 300, "bash");
	fork_exec(&s, 300, 400, "sudo");
	fork_exec(&s, 400, 500, "cat");
	uint64_t a = EMIT(&s, SK_E_EXECVE_X, 500, 500, NUM(0));
	EMIT(&s, SK_E_PROC_EXIT, 400, 400, NUM(0), NUM(1));
	uint64_t b = EMIT(&s, SK_E_READ_X, 500, 500, NUM(0), STR(""), NUM(0), NUM(1));
	/* a thread sharing fds, a child process copying them */
	EMIT(&s, SK_E_PROC_FORK, 500, 500, NUM(501), NUM(500), NUM(0x10f00), STR("cat"),
	     NUM(START));
	uint64_t c = EMIT(&s, SK_E_OPENAT, 501, 500, NUM(9), NUM(AT_FDCWD), STR("/etc/shadow"),
			  NUM(0), NUM(0), NUM(0), NUM(0));
	uint64_t d = EMIT(&s, SK_E_READ_X, 500, 500, NUM(1), STR("r"), NUM(9), NUM(1));
	EMIT(&s, SK_E_PRCTL, 501, 500, NUM(0), NUM(15), STR("worker"), NUM(0));
	uint64_t d1 = EMIT(&s, SK_E_READ_X, 501, 500, NUM(1), STR("r"), NUM(9), NUM(1));
	uint64_t d2 = EMIT(&s, SK_E_READ_X, 500, 500, NUM(1), STR("r"), NUM(9), NUM(1));
	EMIT(&s, SK_E_PROC_FORK, 500, 500, NUM(600), NUM(600), NUM(17), STR("cat"), NUM(START));
	EMIT(&s, SK_E_OPENAT, 600, 600, NUM(10), NUM(AT_FDCWD), STR("/x"), NUM(0), NUM(0), NUM(0),
	     NUM(0));
	uint64_t e = EMIT(&s, SK_E_READ_X, 500, 500, NUM(1), STR("r"), NUM(10), NUM(1));
	uint64_t f = EMIT(&s, SK_E_READ_X, 600, 600, NUM(1), STR("r"), NUM(9), NUM(1));
	EMIT(&s, SK_E_PROC_EXIT, 501, 500, NUM(0), NUM(0));
	uint64_t g = EMIT(&s, SK_E_READ_X, 500, 500, NUM(1), STR("r"), NUM(9), NUM(1));
	/* pid 600 dies and the number comes back as an unrelated process */
	EMIT(&s, SK_E_PROC_EXIT, 600, 600, NUM(0), NUM(1));
	fork_exec(&s, 1, 600, "nginx");
	uint64_t h = EMIT(&s, SK_E_READ_X, 600, 600, NUM(1), STR("r"), NUM(9), NUM(1));
	uint64_t i = EMIT(&s, SK_E_READ_X, 9999, 9999, NUM(1), STR("r"), NUM(0), NUM(1));
	synth_close(&s);

	const struct check checks[] = {
	    {a, "proc.aname[0]", "cat"},
	    {a, "proc.aname[1]", "sudo"},
	    {a, "proc.aname[2]", "bash"},
	    {a, "proc.aname[3]", "sshd"},
	    {a, "proc.aname[4]", "systemd"},
	    {a, "proc.aname[5]", "<NA>"},
	    {a, "proc.aname", "sudo,bash,sshd,systemd"},
	    {a, "proc.apid[2]", "300"},
	    {a, "proc.pname", "sudo"},
	    {a, "proc.ppid", "400"},
	    {a, "proc.pid", "500"},
	    {a, "proc.sname", "sshd"},
	    {a, "proc.duration", "10000010500"},
	    /* sudo exited: init, the reaper its PROC_EXIT names, adopted cat */
	    {b, "proc.pname", "systemd"},
	    {b, "proc.ppid", "1"},
	    {b, "proc.aname", "systemd"},
	    {c, "thread.tid", "501"},
	    {c, "proc.pid", "500"},
	    {c, "proc.nthreads", "2"},
	    {d, "fd.name", "/etc/shadow"},
	    {d1, "proc.name", "worker"},
	    {d1, "proc.cmdline", "worker"},
	    {d1, "proc.pname", "systemd"},
	    {d2, "proc.name", "cat"},
	    {e, "fd.name", "<NA>"},
	    {f, "fd.name", "/etc/shadow"},
	    {f, "proc.pname", "cat"},
	    {g, "proc.nthreads", "1"},
	    {h, "proc.name", "nginx"},
	    {h, "fd.name", "<NA>"},
	    {h, "proc.pname", "systemd"},
	    {i, "thread.tid", "9999"},
	    {i, "proc.name", "<NA>"},
	    {i, "proc.pname", "<NA>"},
	};
	synth_failures += synth_verify(s.path, checks, NCHECK(checks));
	unlink(s.path);
}

/* Orphans go to their reaper as in Falco: the one PROC_EXIT names, else
 * the nearest live reaper ancestor (init, a pid namespace's init, a child
 * subreaper) in the same pid namespace, else none. */
static void test_reaping(void)
{
	struct synth s;
	synth_open(&s, "reaping", "hostR");
	snapshot_init(&s);
	fork_exec(&s, 1, 100, "tmux");
	EMIT(&s, SK_E_PRCTL, 100, 100, NUM(0), NUM(36), STR(""), NUM(1));
	fork_exec(&s, 100, 200, "bash");
	fork_exec(&s, 200, 300, "make");
	fork_exec(&s, 300, 400, "cc");
	uint64_t a = EMIT(&s, SK_E_READ_X, 400, 400, NUM(0), STR(""), NUM(0), NUM(1));
	EMIT(&s, SK_E_PROC_EXIT, 200, 200, NUM(0), NUM(0)); /* no reaper named */
	uint64_t b = EMIT(&s, SK_E_READ_X, 300, 300, NUM(0), STR(""), NUM(0), NUM(1));
	uint64_t c = EMIT(&s, SK_E_READ_X, 400, 400, NUM(0), STR(""), NUM(0), NUM(1));
	EMIT(&s, SK_E_PROC_EXIT, 300, 300, NUM(0), NUM(1)); /* the kernel names init */
	uint64_t d = EMIT(&s, SK_E_READ_X, 400, 400, NUM(0), STR(""), NUM(0), NUM(1));
	/* a subreaper that gave up its role adopts nothing */
	fork_exec(&s, 1, 110, "supervise");
	EMIT(&s, SK_E_PRCTL, 110, 110, NUM(0), NUM(36), STR(""), NUM(1));
	EMIT(&s, SK_E_PRCTL, 110, 110, NUM(0), NUM(36), STR(""), NUM(0));
	fork_exec(&s, 110, 210, "job");
	fork_exec(&s, 210, 310, "step");
	EMIT(&s, SK_E_PROC_EXIT, 210, 210, NUM(0), NUM(0));
	uint64_t e = EMIT(&s, SK_E_READ_X, 310, 310, NUM(0), STR(""), NUM(0), NUM(1));
	/* a process the kernel named as reaper is one from then on */
	fork_exec(&s, 1, 120, "runsv");
	fork_exec(&s, 120, 220, "run");
	fork_exec(&s, 220, 320, "svc");
	EMIT(&s, SK_E_PROC_EXIT, 220, 220, NUM(0), NUM(120));
	fork_exec(&s, 320, 420, "helper");
	fork_exec(&s, 420, 520, "task");
	EMIT(&s, SK_E_PROC_EXIT, 420, 420, NUM(0), NUM(0));
	uint64_t e2 = EMIT(&s, SK_E_READ_X, 520, 520, NUM(0), STR(""), NUM(0), NUM(1));
	/* a pid namespace: its init adopts, and the search stops at its edge */
	fork_exec(&s, 1, 500, "shim");
	fork_exec_ns(&s, 500, 600, 1, "tini");
	fork_exec_ns(&s, 600, 700, 2, "sh");
	fork_exec_ns(&s, 700, 800, 3, "sleep");
	EMIT(&s, SK_E_PROC_EXIT, 700, 700, NUM(0), NUM(0));
	uint64_t f = EMIT(&s, SK_E_READ_X, 800, 800, NUM(0), STR(""), NUM(0), NUM(1));
	EMIT(&s, SK_E_PROC_EXIT, 600, 600, NUM(0), NUM(0));
	uint64_t g = EMIT(&s, SK_E_READ_X, 800, 800, NUM(0), STR(""), NUM(0), NUM(1));
	/* a thread exiting orphans nobody; its process's last thread does */
	fork_exec(&s, 1, 900, "daemon");
	EMIT(&s, SK_E_PROC_FORK, 900, 900, NUM(901), NUM(900), NUM(0x10f00), STR("daemon"),
	     NUM(START));
	fork_exec(&s, 900, 950, "worker");
	EMIT(&s, SK_E_PROC_EXIT, 900, 900, NUM(0), NUM(0));
	uint64_t h = EMIT(&s, SK_E_READ_X, 950, 950, NUM(0), STR(""), NUM(0), NUM(1));
	EMIT(&s, SK_E_PROC_EXIT, 901, 900, NUM(0), NUM(0));
	uint64_t i = EMIT(&s, SK_E_READ_X, 950, 950, NUM(0), STR(""), NUM(0), NUM(1));
	/* lifecycle records without a thread id change nothing */
	EMIT(&s, SK_E_PROC_EXIT, 0, 0, NUM(0), NUM(0));
	EMIT(&s, SK_E_PROC_FORK, 0, 0, NUM(5), NUM(5), NUM(17), STR("x"), NUM(START));
	EMIT(&s, SK_E_PRCTL, 0, 0, NUM(0), NUM(15), STR("x"), NUM(0));
	EMIT(&s, SK_E_CLONE, 0, 0, NUM(7), NUM(0));
	uint64_t j = EMIT(&s, SK_E_READ_X, 950, 950, NUM(0), STR(""), NUM(0), NUM(1));
	synth_close(&s);

	const struct check checks[] = {
	    {a, "proc.aname", "make,bash,tmux,systemd"},
	    {b, "proc.pname", "tmux"},
	    {b, "proc.ppid", "100"},
	    {b, "proc.aname", "tmux,systemd"},
	    {c, "proc.aname", "make,tmux,systemd"},
	    {d, "proc.pname", "systemd"},
	    {d, "proc.ppid", "1"},
	    {e, "proc.pname", "systemd"},
	    {e2, "proc.aname", "runsv,systemd"},
	    {f, "proc.pname", "tini"},
	    {f, "proc.ppid", "600"},
	    {g, "proc.pname", "<NA>"},
	    {g, "proc.ppid", "0"},
	    {g, "proc.aname", "<NA>"},
	    {h, "proc.pname", "daemon"},
	    {i, "proc.pname", "systemd"},
	    {j, "proc.aname", "systemd"},
	};
	synth_failures += synth_verify(s.path, checks, NCHECK(checks));
	unlink(s.path);
}

#define CID2 "99887766554433221100ffeeddccbbaa99887766554433221100ffeeddccbbaa"
#define CID  "3f4c1b2a9d8e7f60112233445566778899aabbccddeeff00112233445566aabb"

static void test_users_containers(void)
{
	struct synth s;
	synth_open(&s, "users", "hostC");
	EMIT(&s, SK_E_SNAP_FILE, 0, 0, STR("/etc/passwd"),
	     STR("root:x:0:0:root:/root:/bin/bash\n# comment\nbroken line\n"
		 "alice:x:1000:1000::/home/alice:/bin/sh\nalias:x:1000:1000::/:/bin/sh\n"));
	EMIT(&s, SK_E_SNAP_FILE, 0, 0, STR("/etc/group"), STR("root:x:0:\nstaff:x:50:alice"));
	EMIT(&s, SK_E_SNAP_CONTAINER, 0, 0, STR(CID), STR("docker"), STR("web"),
	     STR("registry.example:5000/team/nginx:1.25@sha256:abcd"), NUM(1), NUM(START));
	struct procfacts f = bash_facts();
	f.comm = "nginx";
	f.uid = 0;
	f.gid = 50;
	f.loginuid = 0xffffffffu;
	f.cgroups = "0::/system.slice/docker-" CID ".scope";
	synth_proc(&s, SK_E_SNAP_PROC, 700, 700, &f);
	EMIT(&s, SK_E_SNAP_CONTAINER, 0, 0, STR(CID2), STR("containerd"), STR(""), STR(""), NUM(0),
	     NUM(0));
	f = bash_facts();
	f.cgroups = "0::/kubepods.slice/kubepods-pod1.slice/cri-containerd-" CID2 ".scope";
	synth_proc(&s, SK_E_SNAP_PROC, 900, 900, &f);
	f = bash_facts();
	f.cgroups = "12:memory:/0123456789abcdef0123456789abcdef\n0::/user.slice";
	synth_proc(&s, SK_E_SNAP_PROC, 800, 800, &f);
	EMIT(&s, SK_E_SNAP_END, 0, 0, NUM(2), NUM(0));
	uint64_t a = EMIT(&s, SK_E_READ_X, 700, 700, NUM(1), STR("r"), NUM(0), NUM(1));
	uint64_t b = EMIT(&s, SK_E_READ_X, 800, 800, NUM(1), STR("r"), NUM(0), NUM(1));
	uint64_t c = EMIT(&s, SK_E_READ_X, 900, 900, NUM(1), STR("r"), NUM(0), NUM(1));
	synth_close(&s);
	const struct check checks[] = {
	    {a, "container.id", "3f4c1b2a9d8e"},
	    {a, "container.name", "web"},
	    {a, "container.image.repository", "registry.example:5000/team/nginx"},
	    {a, "container.image.tag", "1.25"},
	    {a, "container.privileged", "true"},
	    {a, "container.type", "docker"},
	    {a, "container.mounts", "<NA>"},
	    {a, "k8s.pod.name", "<NA>"},
	    {a, "user.name", "root"},
	    {a, "user.uid", "0"},
	    {a, "user.loginuid", "-1"},
	    {a, "user.loginname", "<NA>"},
	    {a, "group.name", "staff"},
	    {b, "container.id", "host"},
	    {b, "container.name", "host"},
	    {b, "container.image.repository", "<NA>"},
	    {b, "user.name", "alice"},
	    {b, "user.loginname", "alice"},
	    {b, "group.gid", "1000"},
	    {b, "group.name", "<NA>"},
	    {c, "container.id", "998877665544"},
	    {c, "container.type", "containerd"},
	    {c, "container.name", "<NA>"},
	    {c, "container.image.repository", "<NA>"},
	    {c, "container.start_ts", "<NA>"},
	};
	synth_failures += synth_verify(s.path, checks, NCHECK(checks));
	unlink(s.path);
}

/* Many short-lived processes: live objects must not grow with the capture. */
static void test_memory_bounded(void)
{
	struct synth s;
	synth_open(&s, "memory", "hostD");
	struct procfacts init = bash_facts();
	init.ppid = 0;
	synth_proc(&s, SK_E_SNAP_PROC, 1, 1, &init);
	EMIT(&s, SK_E_SNAP_END, 0, 0, NUM(1), NUM(0));
	for (uint32_t i = 0; i < 20000; i++) {
		uint32_t pid = 1000 + i % 64;
		fork_exec(&s, 1, pid, "job");
		EMIT(&s, SK_E_PROC_FORK, pid, pid, NUM(pid + 100000), NUM(pid), NUM(0x10f00),
		     STR("job"), NUM(START));
		EMIT(&s, SK_E_OPENAT, pid, pid, NUM(3 + i % 50), NUM(AT_FDCWD), STR("/tmp/f"),
		     NUM(0), NUM(0), NUM(0), NUM(0));
		EMIT(&s, SK_E_PROC_EXIT, pid + 100000, pid, NUM(0), NUM(0));
		EMIT(&s, SK_E_PROC_EXIT, pid, pid, NUM(0), NUM(1));
	}
	synth_close(&s);
	struct sk_error err;
	struct sk_replay *rp = sk_replay_open(s.path, &err);
	CHECK(rp != NULL);
	struct sk_evctx *ctx;
	uint64_t max_procs = 0, max_fds = 0, n = 0;
	while (rp && sk_replay_next(rp, &ctx, &err) > 0) {
		struct sk_state_stats st;
		sk_state_stats(sk_replay_state(rp), &st);
		max_procs = st.procs > max_procs ? st.procs : max_procs;
		max_fds = st.fds > max_fds ? st.fds : max_fds;
		n++;
	}
	struct sk_state_stats end;
	sk_state_stats(sk_replay_state(rp), &end);
	CHECK(n == 120002);
	CHECK(max_procs <= 4);
	CHECK(max_fds <= 4);
	CHECK(end.threads == 1);
	sk_replay_close(rp);
	unlink(s.path);
}

int main(void)
{
	test_fds();
	test_lineage();
	test_reaping();
	test_users_containers();
	test_memory_bounded();
	if (synth_failures) {
		fprintf(stderr, "%d failure(s)\n", synth_failures);
		return 1;
	}
	printf("ok\n");
	return 0;
}
