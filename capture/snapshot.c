/* snapshot.c - /proc walk writing the SNAP_* records (see snapshot.h).
 *
 * Facts that /proc gives with less precision than the probe: start_time has
 * clock-tick resolution; exe_upper_layer is known only for overlay mounts the
 * recorder's mount namespace sees (overlay.h).
 */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "capture/cgroup.h"
#include "capture/netsock.h"
#include "capture/overlay.h"
#include "capture/snapshot.h"
#include "capture/sockaddr.h"
#include "capture/saker.h"

#define SK_CONTAINERS_MAX 4096

struct proc_facts {
	char exe[SK_STR_MAX];
	char exepath[SK_STR_MAX];
	char args[SK_ARGV_MAX];
	size_t args_len;
	char env[SK_ARGV_MAX];
	size_t env_len;
	char cwd[SK_STR_MAX];
	char cgroups[8192];
	size_t cgroups_len;
	uint64_t exe_ino, exe_ctime, exe_mtime, fdlimit;
	uint32_t exe_from_memfd, exe_upper_layer;
};

struct thread_facts {
	char comm[64];
	int32_t ppid, sid, pgid, vpid, vtid;
	uint32_t tty, uid, gid, euid, egid, loginuid;
	uint64_t cap_inh, cap_prm, cap_eff, start_ns;
};

struct container {
	struct sk_container_ref ref;
	uint64_t start_ns;
};

struct snap {
	const struct sk_snapshot_opts *o;
	struct sk_writer *w;
	struct sk_netsocks *socks;
	struct sk_overlays *overlays;
	struct container *ct;
	size_t nct;
	struct sk_snapshot_stats st;
	struct sk_error *err;
	/* scratch for one process, too big for the stack */
	struct proc_facts pf;
};

static size_t read_file(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t n = 0;
	ssize_t r;

	if (fd < 0)
		return 0;
	while (n < cap && (r = read(fd, buf + n, cap - n)) > 0)
		n += r;
	close(fd);
	return n;
}

static void read_link(const char *path, char *buf, size_t cap)
{
	ssize_t n = readlink(path, buf, cap - 1);

	buf[n > 0 ? n : 0] = 0;
}

static uint32_t kdev(dev_t d)
{
	return major(d) << 20 | minor(d);
}

static uint64_t ts_of(const struct timespec *t)
{
	return (uint64_t)t->tv_sec * 1000000000u + t->tv_nsec;
}

static uint64_t fdlimit_of(const char *dir)
{
	char path[512], buf[4096];
	size_t n;
	char *p;

	snprintf(path, sizeof(path), "%s/limits", dir);
	n = read_file(path, buf, sizeof(buf) - 1);
	buf[n] = 0;
	p = strstr(buf, "Max open files");
	return p ? strtoull(p + strlen("Max open files"), NULL, 10) : 0;
}

static void process_facts(struct snap *s, const char *dir)
{
	struct proc_facts *pf = &s->pf;
	char path[512];
	struct stat st;
	size_t n;

	memset(pf, 0, offsetof(struct proc_facts, exe_ino));
	pf->exe_ino = pf->exe_ctime = pf->exe_mtime = 0;
	pf->exe_from_memfd = pf->exe_upper_layer = 0;
	snprintf(path, sizeof(path), "%s/cmdline", dir);
	n = read_file(path, pf->args, sizeof(pf->args) - 1);
	pf->args[n] = 0;
	snprintf(pf->exe, sizeof(pf->exe), "%s", pf->args);
	n = n > strlen(pf->args) ? n - strlen(pf->args) - 1 : 0;
	memmove(pf->args, pf->args + strlen(pf->args) + 1, n);
	if (n && pf->args[n - 1] != 0)
		pf->args[n++] = 0;
	pf->args_len = n;
	snprintf(path, sizeof(path), "%s/environ", dir);
	n = read_file(path, pf->env, sizeof(pf->env) - 1);
	if (n && pf->env[n - 1] != 0)
		pf->env[n++] = 0;
	pf->env_len = n;
	snprintf(path, sizeof(path), "%s/exe", dir);
	read_link(path, pf->exepath, sizeof(pf->exepath));
	pf->exe_from_memfd = strncmp(pf->exepath, "/memfd:", 7) == 0;
	if (stat(path, &st) == 0) {
		pf->exe_ino = st.st_ino;
		pf->exe_ctime = ts_of(&st.st_ctim);
		pf->exe_mtime = ts_of(&st.st_mtim);
		pf->exe_upper_layer = sk_overlays_upper(s->overlays, st.st_dev, pf->exepath);
	}
	snprintf(path, sizeof(path), "%s/cwd", dir);
	read_link(path, pf->cwd, sizeof(pf->cwd));
	snprintf(path, sizeof(path), "%s/cgroup", dir);
	n = read_file(path, pf->cgroups, sizeof(pf->cgroups) - 1);
	for (size_t i = 0; i < n; i++)
		if (pf->cgroups[i] == '\n')
			pf->cgroups[i] = 0;
	pf->cgroups_len = n;
	pf->fdlimit = fdlimit_of(dir);
}

static uint64_t hex64(const char *buf, const char *key)
{
	const char *p = strstr(buf, key);

	return p ? strtoull(p + strlen(key), NULL, 16) : 0;
}

static void ids(const char *buf, const char *key, uint32_t *real, uint32_t *eff)
{
	const char *p = strstr(buf, key);

	if (p)
		sscanf(p + strlen(key), "%" SCNu32 " %" SCNu32, real, eff);
}

static int thread_facts(const struct snap *s, const char *tdir, const char *pdir,
			struct thread_facts *tf)
{
	char path[512], buf[8192], *p;
	unsigned long long start = 0;
	int tty = 0;
	size_t n;

	memset(tf, 0, sizeof(*tf));
	snprintf(path, sizeof(path), "%s/stat", tdir);
	n = read_file(path, buf, sizeof(buf) - 1);
	buf[n] = 0;
	p = strrchr(buf, ')');
	if (!n || !p || !strchr(buf, '('))
		return -1;
	/* fields after comm: state ppid pgrp session tty_nr ... starttime (22) */
	if (sscanf(p + 2,
		   "%*c %d %d %d %d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %*d %*d %llu",
		   &tf->ppid, &tf->pgid, &tf->sid, &tty, &start) != 5)
		return -1;
	tf->tty =
	    tty ? ((unsigned)tty >> 8 & 0xfff) << 20 | (tty & 0xff) | ((tty >> 12) & 0xfff00) : 0;
	tf->start_ns = s->o->boot_time_ns + start * (1000000000ull / sysconf(_SC_CLK_TCK));
	snprintf(path, sizeof(path), "%s/comm", tdir);
	n = read_file(path, tf->comm, sizeof(tf->comm) - 1);
	tf->comm[n && tf->comm[n - 1] == '\n' ? n - 1 : n] = 0;
	snprintf(path, sizeof(path), "%s/status", tdir);
	n = read_file(path, buf, sizeof(buf) - 1);
	buf[n] = 0;
	ids(buf, "\nUid:", &tf->uid, &tf->euid);
	ids(buf, "\nGid:", &tf->gid, &tf->egid);
	tf->cap_inh = hex64(buf, "\nCapInh:");
	tf->cap_prm = hex64(buf, "\nCapPrm:");
	tf->cap_eff = hex64(buf, "\nCapEff:");
	p = strstr(buf, "\nNSpid:");
	if (p) {
		char *end = strchr(p + 1, '\n'), *last = end;

		while (last && last > p && last[-1] != ' ' && last[-1] != '\t')
			last--;
		tf->vtid = last ? atoi(last) : 0;
	}
	tf->loginuid = (uint32_t)-1;
	snprintf(path, sizeof(path), "%s/loginuid", pdir);
	n = read_file(path, buf, sizeof(buf) - 1);
	buf[n] = 0;
	if (n)
		tf->loginuid = (uint32_t)strtoul(buf, NULL, 10);
	return 0;
}

static void note_containers(struct snap *s, uint64_t start_ns)
{
	const char *p = s->pf.cgroups, *end = p + s->pf.cgroups_len;
	struct sk_container_ref ref;

	for (; p < end; p += strlen(p) + 1) {
		size_t i;

		if (!sk_container_from_cgroup(p, &ref))
			continue;
		for (i = 0; i < s->nct; i++)
			if (strcmp(s->ct[i].ref.id, ref.id) == 0)
				break;
		if (i == s->nct) {
			struct container *v;

			if (s->nct >= SK_CONTAINERS_MAX ||
			    !(v = realloc(s->ct, (s->nct + 1) * sizeof(*v))))
				continue;
			s->ct = v;
			s->ct[s->nct++] = (struct container){.ref = ref, .start_ns = start_ns};
		} else if (start_ns < s->ct[i].start_ns) {
			s->ct[i].start_ns = start_ns;
		}
	}
}

static int write_proc(struct snap *s, int tid, int pid, const struct thread_facts *tf)
{
	const struct proc_facts *pf = &s->pf;
	struct sk_writer *w = s->w;

	sk_writer_begin(w, SK_E_SNAP_PROC, s->o->ts, tid, pid, 0, 0);
	sk_writer_bytes(w, pf->exe, strlen(pf->exe));
	sk_writer_bytes(w, pf->exepath, strlen(pf->exepath));
	sk_writer_bytes(w, pf->args, pf->args_len);
	sk_writer_bytes(w, pf->env, pf->env_len);
	sk_writer_bytes(w, pf->cwd, strlen(pf->cwd));
	sk_writer_bytes(w, tf->comm, strlen(tf->comm));
	sk_writer_int(w, tf->ppid);
	sk_writer_int(w, tf->sid);
	sk_writer_int(w, tf->pgid);
	sk_writer_int(w, tf->vpid);
	sk_writer_int(w, tf->vtid);
	sk_writer_uint(w, tf->tty);
	sk_writer_uint(w, tf->uid);
	sk_writer_uint(w, tf->gid);
	sk_writer_uint(w, tf->euid);
	sk_writer_uint(w, tf->egid);
	sk_writer_uint(w, tf->loginuid);
	sk_writer_uint(w, tf->cap_inh);
	sk_writer_uint(w, tf->cap_prm);
	sk_writer_uint(w, tf->cap_eff);
	sk_writer_bytes(w, pf->cgroups, pf->cgroups_len);
	sk_writer_uint(w, tf->start_ns);
	sk_writer_uint(w, pf->exe_ino);
	sk_writer_uint(w, pf->exe_ctime);
	sk_writer_uint(w, pf->exe_mtime);
	sk_writer_uint(w, pf->exe_upper_layer);
	sk_writer_uint(w, pf->exe_from_memfd);
	sk_writer_uint(w, pf->fdlimit);
	return sk_writer_end(w, s->err);
}

static int anon_type(const char *name)
{
	static const struct {
		const char *key;
		int type;
	} t[] = {{"[eventfd", SK_FDT_EVENT},
		 {"[signalfd]", SK_FDT_SIGNALFD},
		 {"[eventpoll]", SK_FDT_EVENTPOLL},
		 {"inotify", SK_FDT_INOTIFY},
		 {"[timerfd]", SK_FDT_TIMERFD},
		 {"bpf", SK_FDT_BPF},
		 {"[userfaultfd]", SK_FDT_USERFAULTFD},
		 {"[io_uring]", SK_FDT_IOURING},
		 {"[pidfd]", SK_FDT_PIDFD}};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strstr(name, t[i].key))
			return t[i].type;
	return SK_FDT_UNKNOWN;
}

static int sock_fd(struct snap *s, int pid, uint64_t ino, uint8_t *tuple, size_t *tlen)
{
	const struct sk_netsock *ns = sk_netsocks_find(s->socks, pid, ino);
	char none[SK_UNIX_PATH] = "";

	*tlen = 0;
	if (!ns)
		return SK_FDT_UNKNOWN;
	switch (ns->family) {
	case AF_INET:
	case AF_INET6:
		*tlen = sk_tuple_encode_inet(tuple, ns->family, ns->laddr, ns->lport, ns->raddr,
					     ns->rport);
		return ns->family == AF_INET ? SK_FDT_IPV4 : SK_FDT_IPV6;
	case AF_UNIX:
		*tlen = sk_tuple_encode_unix(tuple, ns->path, none);
		return SK_FDT_UNIX;
	case AF_NETLINK:
		return SK_FDT_NETLINK;
	}
	return SK_FDT_UNKNOWN;
}

static int write_fd(struct snap *s, int pid, const char *pdir, int fd)
{
	char path[512], name[SK_STR_MAX], buf[512];
	uint8_t tuple[SK_TUPLE_ENC_MAX];
	size_t tlen = 0, n;
	uint32_t flags = 0;
	struct stat st;
	int type;

	snprintf(path, sizeof(path), "%s/fd/%d", pdir, fd);
	read_link(path, name, sizeof(name));
	if (stat(path, &st))
		memset(&st, 0, sizeof(st));
	snprintf(path, sizeof(path), "%s/fdinfo/%d", pdir, fd);
	n = read_file(path, buf, sizeof(buf) - 1);
	buf[n] = 0;
	if (strstr(buf, "flags:"))
		flags = (uint32_t)strtoul(strstr(buf, "flags:") + 6, NULL, 8);
	if (!name[0] && !st.st_mode)
		type = SK_FDT_UNKNOWN; /* not readable (another user namespace) */
	else if (S_ISSOCK(st.st_mode))
		type = sock_fd(s, pid, st.st_ino, tuple, &tlen);
	else if (S_ISFIFO(st.st_mode))
		type = SK_FDT_PIPE;
	else if (S_ISDIR(st.st_mode))
		type = SK_FDT_DIRECTORY;
	else if (strncmp(name, "/memfd:", 7) == 0)
		type = SK_FDT_MEMFD;
	else if (strncmp(name, "anon_inode:", 11) == 0)
		type = anon_type(name);
	else
		type = SK_FDT_FILE;
	sk_writer_begin(s->w, SK_E_SNAP_FD, s->o->ts, pid, pid, 0, 0);
	sk_writer_int(s->w, fd);
	sk_writer_uint(s->w, type);
	sk_writer_uint(s->w, flags);
	sk_writer_bytes(s->w, name, strlen(name));
	sk_writer_bytes(s->w, tuple, tlen);
	sk_writer_uint(s->w, kdev(st.st_dev));
	sk_writer_uint(s->w, st.st_ino);
	s->st.nfds++;
	return sk_writer_end(s->w, s->err);
}

static int is_number(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static int walk_fds(struct snap *s, int pid, const char *pdir)
{
	char path[512];
	struct dirent *de;
	DIR *d;
	int rc = 0;

	snprintf(path, sizeof(path), "%s/fd", pdir);
	d = opendir(path);
	if (!d)
		return 0;
	while (!rc && (de = readdir(d)))
		if (is_number(de->d_name))
			rc = write_fd(s, pid, pdir, atoi(de->d_name));
	closedir(d);
	return rc;
}

/* A process of the recorded tree (full) gets its environment and fds
 * written; the recorder and the tree's ancestors only the rest. */
static int walk_process(struct snap *s, int pid, int full)
{
	char pdir[256], tdir[1024], path[512];
	struct thread_facts tf;
	struct dirent *de;
	int32_t vpid = 0;
	int rc = 0;
	DIR *d;

	snprintf(pdir, sizeof(pdir), "%s/%d", s->o->proc, pid);
	process_facts(s, pdir);
	if (!full)
		s->pf.env_len = 0;
	if (thread_facts(s, pdir, pdir, &tf))
		return 0;
	vpid = tf.vtid;
	note_containers(s, tf.start_ns);
	snprintf(path, sizeof(path), "%s/task", pdir);
	d = opendir(path);
	if (!d)
		return 0;
	while (!rc && (de = readdir(d))) {
		if (!is_number(de->d_name))
			continue;
		snprintf(tdir, sizeof(tdir), "%s/%s", path, de->d_name);
		if (thread_facts(s, tdir, pdir, &tf))
			continue;
		tf.vpid = vpid;
		rc = write_proc(s, atoi(de->d_name), pid, &tf);
		s->st.nthreads++;
	}
	closedir(d);
	s->st.nprocs++;
	return rc || !full ? rc : walk_fds(s, pid, pdir);
}

static int write_file(struct snap *s, const char *path)
{
	char buf[65536];
	size_t n = read_file(path, buf, sizeof(buf));

	sk_writer_begin(s->w, SK_E_SNAP_FILE, s->o->ts, 0, 0, 0,
			n == sizeof(buf) ? SK_EF_TRUNCATED : 0);
	sk_writer_bytes(s->w, path, strlen(path));
	sk_writer_bytes(s->w, buf, n);
	return sk_writer_end(s->w, s->err);
}

static int write_containers(struct snap *s)
{
	for (size_t i = 0; i < s->nct; i++) {
		const struct container *c = &s->ct[i];

		sk_writer_begin(s->w, SK_E_SNAP_CONTAINER, s->o->ts, 0, 0, 0, 0);
		sk_writer_bytes(s->w, c->ref.id, strlen(c->ref.id));
		sk_writer_bytes(s->w, c->ref.runtime, strlen(c->ref.runtime));
		sk_writer_bytes(s->w, "", 0);
		sk_writer_bytes(s->w, "", 0);
		sk_writer_uint(s->w, 0);
		sk_writer_uint(s->w, c->start_ns);
		if (sk_writer_end(s->w, s->err))
			return -1;
	}
	s->st.ncontainers = s->nct;
	return 0;
}

static int pid_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int push_pid(int **v, size_t *n, size_t *cap, int pid)
{
	if (*n == *cap) {
		size_t ncap = *cap ? 2 * *cap : 256;
		int *nv = realloc(*v, ncap * sizeof(**v));

		if (!nv)
			return -1;
		*v = nv;
		*cap = ncap;
	}
	(*v)[(*n)++] = pid;
	return 0;
}

/* Sorts and removes duplicates, so the snapshot does not depend on the
 * order readdir or a map returned the ids in. */
static void sort_unique(int *v, size_t *n)
{
	size_t k = 0;

	if (!*n)
		return;
	qsort(v, *n, sizeof(*v), pid_cmp);
	for (size_t i = 1; i < *n; i++)
		if (v[i] != v[k])
			v[++k] = v[i];
	*n = k + 1;
}

/* Every process id of the host. */
static int *list_pids(const char *proc, size_t *n)
{
	DIR *d = opendir(proc);
	struct dirent *de;
	int *v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d)))
		if (is_number(de->d_name) && push_pid(&v, n, &cap, atoi(de->d_name)))
			break;
	closedir(d);
	sort_unique(v, n);
	return v;
}

static int parent_of(const char *proc, int pid)
{
	char path[512], buf[1024], *p;
	size_t n;
	int ppid;

	snprintf(path, sizeof(path), "%s/%d/stat", proc, pid);
	n = read_file(path, buf, sizeof(buf) - 1);
	buf[n] = 0;
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %*c %d", &ppid) != 1)
		return 0;
	return ppid;
}

/* The tree's tgids, the recorder, and all their ancestors. Ancestor walks
 * stop at pid 1, at a process already gone (ppid 0) and after 4096 steps
 * (a pid reused into a loop while walking). */
static int *list_lineage(const struct sk_snapshot_opts *o, size_t *n)
{
	size_t cap = 0, nstart;
	int *v = NULL;

	*n = 0;
	for (size_t i = 0; i < o->ntree; i++)
		if (push_pid(&v, n, &cap, o->tree[i]))
			return v;
	if (push_pid(&v, n, &cap, o->self_tgid))
		return v;
	nstart = *n;
	for (size_t i = 0; i < nstart; i++) {
		int pid = v[i];

		for (int steps = 0; pid > 1 && steps < 4096; steps++) {
			pid = parent_of(o->proc, pid);
			if (pid <= 0 || push_pid(&v, n, &cap, pid))
				break;
		}
	}
	sort_unique(v, n);
	return v;
}

static int in_tree(const struct sk_snapshot_opts *o, int pid)
{
	if (!o->tree)
		return pid != o->self_tgid;
	for (size_t i = 0; i < o->ntree; i++)
		if (o->tree[i] == pid)
			return 1;
	return 0;
}

int sk_snapshot_write(struct sk_writer *w, const struct sk_snapshot_opts *opts,
		      struct sk_snapshot_stats *st, struct sk_error *err)
{
	struct snap *s = calloc(1, sizeof(*s));
	char path[512];
	size_t npids;
	int *pids;
	int rc = 0;

	if (!s) {
		snprintf(err->msg, sizeof(err->msg), "snapshot: out of memory");
		return -1;
	}
	s->o = opts;
	s->w = w;
	s->err = err;
	s->socks = sk_netsocks_new(opts->proc);
	snprintf(path, sizeof(path), "%s/self/mountinfo", opts->proc);
	s->overlays = sk_overlays_new(path);
	rc = write_file(s, "/etc/passwd") || write_file(s, "/etc/group") ? -1 : 0;
	pids = opts->tree ? list_lineage(opts, &npids) : list_pids(opts->proc, &npids);
	for (size_t i = 0; !rc && i < npids; i++)
		rc = walk_process(s, pids[i], in_tree(opts, pids[i]));
	free(pids);
	if (!rc)
		rc = write_containers(s);
	if (!rc) {
		sk_writer_begin(w, SK_E_SNAP_END, opts->ts, 0, 0, 0, 0);
		sk_writer_uint(w, s->st.nprocs);
		sk_writer_uint(w, s->st.nfds);
		rc = sk_writer_end(w, err);
	}
	if (st)
		*st = s->st;
	sk_netsocks_free(s->socks);
	sk_overlays_free(s->overlays);
	free(s->ct);
	free(s);
	return rc;
}
