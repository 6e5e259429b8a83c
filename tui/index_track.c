/* index_track.c - per-process accounting behind `saker index`.
 *
 * A process record (struct ix_proc) lives from the first event that names
 * the process to its exit. It owns the process's file rows (one per path,
 * merged over opens), its open connections and a map from fd number to the
 * file or connection row the fd belongs to, so I/O sizes and last events
 * are attributed without a second pass.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay/param.h"
#include "tui/evfmt.h"
#include "tui/index_track.h"
#include "tui/ixmap.h"

#define LINEAGE_MAX 512

struct ix_file {
	struct ix_file *next;	   /* in the process's list */
	struct ix_file *hash_next; /* same path hash */
	struct sk_cdb_file row;
	char *path;
};

struct ix_conn {
	struct ix_conn *prev, *next; /* in the process's list of open sockets */
	int nfds;		     /* fds referring to it (dup) */
	struct sk_cdb_conn row;
	char local[64], remote[160];
};

struct ix_container {
	struct ix_container *next; /* in discovery order */
	char id[13];
	char *runtime, *name, *image;
	int64_t privileged, start_ns, nprocesses;
};

struct ix_proc {
	const struct sk_proc *sp; /* the state's process this record follows */
	struct sk_cdb_process row;
	char *comm, *exe, *cmdline, *cwd, *user;
	char container[13];
	char lineage[LINEAGE_MAX];
	struct ix_file *files;
	struct ix_conn *conns;
	struct ix_map by_path; /* path hash -> struct ix_file chain */
	struct ix_map by_fd;   /* fd -> tagged struct ix_file / ix_conn */
};

struct ix_tracker {
	struct sk_casedb *db;
	struct sk_state *st;
	struct ix_map procs;	  /* pid -> struct ix_proc */
	struct ix_map containers; /* hash of id -> struct ix_container */
	struct ix_container *clist, **ctail;
};

/* fd map values are row pointers tagged in the low bit. */
#define TAG_CONN 1u

static char *dup_bytes(const char *p, size_t len)
{
	char *s = malloc(len + 1);

	if (s) {
		memcpy(s, p, len);
		s[len] = 0;
	}
	return s;
}

static char *dup_str(const struct sk_str *s)
{
	return s ? dup_bytes(s->data, s->len) : NULL;
}

/* The command line as Falco's proc.cmdline shows it: the process name, then
 * the arguments (a NUL-separated list without argv[0]) joined by spaces. */
static char *cmdline_of(const struct sk_proc *sp)
{
	size_t cl = sp->comm ? sp->comm->len : 0, al = sp->args ? sp->args->len : 0, n;
	char *out = malloc(cl + al + 2);

	if (!out)
		return NULL;
	memcpy(out, cl ? sp->comm->data : "", cl);
	n = cl;
	if (al) {
		out[n++] = ' ';
		memcpy(out + n, sp->args->data, al);
		n += al;
	}
	while (n && out[n - 1] == 0)
		n--;
	out[n] = 0;
	for (size_t i = 0; i < n; i++)
		if (!out[i])
			out[i] = ' ';
	return out;
}

static void replace(char **dst, char *src)
{
	free(*dst);
	*dst = src;
}

static struct ix_container *container_get(struct ix_tracker *t, const char *id)
{
	uint64_t h = ix_hash_bytes(id, strlen(id), IX_HASH_SEED);
	struct ix_container *c = ix_map_get(&t->containers, h);

	if (c)
		return c;
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	snprintf(c->id, sizeof(c->id), "%s", id);
	c->privileged = c->start_ns = SK_CDB_NULL;
	if (ix_map_put(&t->containers, h, c) < 0) {
		free(c);
		return NULL;
	}
	*t->ctail = c;
	t->ctail = &c->next;
	return c;
}

/* Copies the descriptive facts of the state's process into the record. */
static void proc_refresh(struct ix_tracker *t, struct ix_proc *p, const struct sk_proc *sp)
{
	replace(&p->comm, dup_str(sp->comm));
	replace(&p->exe, dup_str(sp->exepath && sp->exepath->len ? sp->exepath : sp->exe));
	replace(&p->cmdline, cmdline_of(sp));
	replace(&p->cwd, dup_str(sp->cwd));
	if (sp->known & SK_PK_IDS) {
		const char *u = sk_state_user_name(t->st, sp->uid);
		p->row.uid = sp->uid;
		replace(&p->user, u ? strdup(u) : NULL);
	}
	if (sp->known & SK_PK_PPID)
		p->row.ppid = sp->ppid;
	if (sp->container_id[0] && strncmp(p->container, sp->container_id, 12)) {
		struct ix_container *c;
		snprintf(p->container, sizeof(p->container), "%.12s", sp->container_id);
		c = container_get(t, p->container);
		if (c)
			c->nprocesses++;
	}
}

static void lineage_of(struct ix_proc *p, const struct ix_proc *parent)
{
	if (parent && strlen(parent->lineage) + 24 < LINEAGE_MAX)
		snprintf(p->lineage, LINEAGE_MAX, "%s/%lld", parent->lineage,
			 (long long)p->row.pid);
	else if (p->row.ppid != SK_CDB_NULL && p->row.ppid > 0)
		snprintf(p->lineage, LINEAGE_MAX, "%lld/%lld", (long long)p->row.ppid,
			 (long long)p->row.pid);
	else
		snprintf(p->lineage, LINEAGE_MAX, "%lld", (long long)p->row.pid);
}

static struct ix_proc *proc_new(struct ix_tracker *t, const struct sk_proc *sp, int64_t start_ns,
				uint64_t num)
{
	struct ix_proc *p = calloc(1, sizeof(*p)), *parent;

	if (!p)
		return NULL;
	p->sp = sp;
	p->row.id = sk_casedb_new_process_id(t->db);
	p->row.pid = sp->pid;
	p->row.ppid = SK_CDB_NULL;
	p->row.uid = SK_CDB_NULL;
	p->row.exit_status = SK_CDB_NULL;
	p->row.end_ns = SK_CDB_NULL;
	p->row.start_ns = start_ns;
	if (start_ns == SK_CDB_NULL && (sp->known & SK_PK_START) && sp->start_time)
		p->row.start_ns = (int64_t)sp->start_time;
	p->row.first_evt = p->row.last_evt = (int64_t)num;
	p->row.parent_id = SK_CDB_NULL;
	proc_refresh(t, p, sp);
	parent = p->row.ppid != SK_CDB_NULL ? ix_map_get(&t->procs, (uint64_t)p->row.ppid) : NULL;
	if (parent)
		p->row.parent_id = parent->row.id;
	lineage_of(p, parent);
	return p;
}

static int file_write(struct ix_tracker *t, struct ix_file *f)
{
	f->row.path = f->path;
	return sk_casedb_add_file(t->db, &f->row);
}

static int conn_write(struct ix_tracker *t, struct ix_conn *c)
{
	c->row.local_addr = c->local[0] ? c->local : NULL;
	c->row.remote_addr = c->remote[0] ? c->remote : NULL;
	return sk_casedb_add_conn(t->db, &c->row);
}

static void proc_free(struct ix_proc *p)
{
	for (struct ix_file *f = p->files, *next; f; f = next) {
		next = f->next;
		free(f->path);
		free(f);
	}
	for (struct ix_conn *c = p->conns, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	ix_map_free(&p->by_path);
	ix_map_free(&p->by_fd);
	free(p->comm);
	free(p->exe);
	free(p->cmdline);
	free(p->cwd);
	free(p->user);
	free(p);
}

/* Writes the process row and everything it owns, then frees the record. */
static int proc_finish(struct ix_tracker *t, struct ix_proc *p)
{
	int rc = 0;

	p->row.comm = p->comm;
	p->row.exe = p->exe;
	p->row.cmdline = p->cmdline;
	p->row.cwd = p->cwd;
	p->row.user = p->user;
	p->row.container = p->container[0] ? p->container : NULL;
	p->row.lineage = p->lineage;
	if (sk_casedb_add_process(t->db, &p->row) < 0)
		rc = -1;
	for (struct ix_file *f = p->files; f && !rc; f = f->next)
		rc = file_write(t, f);
	for (struct ix_conn *c = p->conns; c && !rc; c = c->next)
		rc = conn_write(t, c);
	proc_free(p);
	return rc;
}

/* The record for the event's process, created (or renewed on pid reuse)
 * as needed. *rc is set to -1 on errors. */
static struct ix_proc *proc_for(struct ix_tracker *t, const struct sk_evctx *ctx, int *rc)
{
	const struct sk_proc *sp = ctx->proc;
	struct ix_proc *p = ix_map_get(&t->procs, (uint64_t)sp->pid);
	int64_t start = SK_CDB_NULL;

	if (p && p->sp == sp)
		return p;
	if (p) {
		ix_map_del(&t->procs, (uint64_t)sp->pid);
		if (proc_finish(t, p) < 0)
			*rc = -1;
		start = (int64_t)ctx->wall_ts; /* a reused pid: this one started since */
	}
	p = proc_new(t, sp, start, ctx->ev->num);
	if (!p || ix_map_put(&t->procs, (uint64_t)sp->pid, p) < 0) {
		*rc = -1;
		return NULL;
	}
	return p;
}

static int64_t param(const struct sk_evctx *ctx, const char *name)
{
	int64_t v;

	if (sk_ev_num_by_name(ctx->ev, ctx->info, name, &v) < 0)
		return SK_CDB_NULL;
	return v;
}

static int param_bytes(const struct sk_evctx *ctx, const char *name, const uint8_t **p,
		       uint32_t *len)
{
	if (!ctx->info)
		return -1;
	return sk_ev_bytes(ctx->ev, sk_param_index(ctx->info, name), p, len);
}

/* An fd stops referring to ref (closed, or replaced). A connection whose
 * last fd went away is complete: its row is written and freed now. */
static int fd_unbind(struct ix_tracker *t, struct ix_proc *p, int64_t fd, uint64_t wall_ts)
{
	void *ref = ix_map_get(&p->by_fd, (uint64_t)fd);
	struct ix_conn *c;
	int rc;

	if (!ref)
		return 0;
	ix_map_del(&p->by_fd, (uint64_t)fd);
	if (!((uintptr_t)ref & TAG_CONN))
		return 0;
	c = (void *)((uintptr_t)ref & ~(uintptr_t)TAG_CONN);
	if (--c->nfds > 0)
		return 0;
	c->row.end_ns = (int64_t)wall_ts;
	if (c->prev)
		c->prev->next = c->next;
	else
		p->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	rc = conn_write(t, c);
	free(c);
	return rc;
}

/* Makes fd refer to ref, releasing whatever it referred to before. */
static int fd_bind(struct ix_tracker *t, struct ix_proc *p, int64_t fd, void *ref, uint64_t wall_ts)
{
	if (fd_unbind(t, p, fd, wall_ts) < 0)
		return -1;
	if ((uintptr_t)ref & TAG_CONN)
		((struct ix_conn *)((uintptr_t)ref & ~(uintptr_t)TAG_CONN))->nfds++;
	return ix_map_put(&p->by_fd, (uint64_t)fd, ref);
}

static struct ix_file *file_get(struct ix_proc *p, const char *path, size_t len)
{
	uint64_t h = ix_hash_bytes(path, len, IX_HASH_SEED);
	struct ix_file *head = ix_map_get(&p->by_path, h), *f;

	for (f = head; f; f = f->hash_next)
		if (strlen(f->path) == len && !memcmp(f->path, path, len))
			return f;
	f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	f->path = dup_bytes(path, len);
	if (!f->path || ix_map_put(&p->by_path, h, f) < 0) {
		free(f->path);
		free(f);
		return NULL;
	}
	f->hash_next = head;
	f->next = p->files;
	p->files = f;
	f->row.process_id = p->row.id;
	f->row.pid = p->row.pid;
	f->row.last_fd = SK_CDB_NULL;
	return f;
}

static int on_open(struct ix_tracker *t, struct ix_proc *p, const struct sk_evctx *ctx)
{
	const uint8_t *name;
	uint32_t len;
	int64_t fd = param(ctx, "fd"), flags = param(ctx, "flags");
	struct ix_file *f;

	if (ctx->fd && ctx->fd->name && fd >= 0) {
		name = (const uint8_t *)ctx->fd->name->data;
		len = ctx->fd->name->len;
	} else if (param_bytes(ctx, "name", &name, &len) < 0) {
		return 0;
	}
	f = file_get(p, (const char *)name, len);
	if (!f)
		return -1;
	if (!f->row.opens) {
		f->row.first_ns = (int64_t)ctx->wall_ts;
		f->row.first_evt = (int64_t)ctx->ev->num;
	}
	f->row.opens++;
	f->row.flags |= flags == SK_CDB_NULL ? 0 : flags;
	f->row.last_ns = (int64_t)ctx->wall_ts;
	f->row.last_evt = (int64_t)ctx->ev->num;
	if (fd < 0 || fd == SK_CDB_NULL) {
		f->row.failures++;
		return 0;
	}
	f->row.last_fd = fd;
	return fd_bind(t, p, fd, f, ctx->wall_ts);
}

static void addr_text(const struct sk_addr *a, char *buf, size_t len, int64_t *port)
{
	if (a->family == 'u') {
		snprintf(buf, len, "%.*s", (int)a->pathlen, a->path);
		*port = SK_CDB_NULL;
	} else if (a->family == 4 || a->family == 6) {
		sk_ip_format(a->family, a->ip, buf, len);
		*port = a->port;
	}
}

static int on_connect(struct ix_tracker *t, struct ix_proc *p, const struct sk_evctx *ctx,
		      const char *role)
{
	int64_t fd = param(ctx, "fd"), res = param(ctx, "res");
	const uint8_t *tb;
	uint32_t tlen;
	struct sk_addr l, r;
	struct ix_conn *c;

	if (fd < 0 || fd == SK_CDB_NULL)
		return 0;
	if (res != SK_CDB_NULL && res != 0 && res != -115 /* EINPROGRESS */)
		return 0;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -1;
	c->row.process_id = p->row.id;
	c->row.pid = p->row.pid;
	c->row.fd = fd;
	c->row.role = role;
	c->row.result = res;
	c->row.local_port = c->row.remote_port = c->row.end_ns = SK_CDB_NULL;
	c->row.start_ns = (int64_t)ctx->wall_ts;
	c->row.first_evt = c->row.last_evt = (int64_t)ctx->ev->num;
	if (param_bytes(ctx, "tuple", &tb, &tlen) == 0 && sk_decode_tuple(tb, tlen, &l, &r) == 0) {
		c->row.family = l.family == 4 ? "ipv4" : l.family == 6 ? "ipv6" : "unix";
		addr_text(&l, c->local, sizeof(c->local), &c->row.local_port);
		addr_text(&r, c->remote, sizeof(c->remote), &c->row.remote_port);
	}
	c->next = p->conns;
	if (p->conns)
		p->conns->prev = c;
	p->conns = c;
	return fd_bind(t, p, fd, (void *)((uintptr_t)c | TAG_CONN), ctx->wall_ts);
}

static void on_io(void *ref, const struct sk_evctx *ctx, int out)
{
	int64_t res = param(ctx, "res");

	if (res <= 0 || res == SK_CDB_NULL)
		return;
	if ((uintptr_t)ref & TAG_CONN) {
		struct ix_conn *c = (void *)((uintptr_t)ref & ~(uintptr_t)TAG_CONN);
		*(out ? &c->row.bytes_out : &c->row.bytes_in) += res;
	} else {
		struct ix_file *f = ref;
		*(out ? &f->row.bytes_written : &f->row.bytes_read) += res;
	}
}

static void touch(void *ref, const struct sk_evctx *ctx)
{
	if ((uintptr_t)ref & TAG_CONN) {
		struct ix_conn *c = (void *)((uintptr_t)ref & ~(uintptr_t)TAG_CONN);
		c->row.last_evt = (int64_t)ctx->ev->num;
	} else {
		((struct ix_file *)ref)->row.last_evt = (int64_t)ctx->ev->num;
	}
}

/* dup, dup2, dup3: the new fd refers to the same file or connection, so
 * I/O through it (a shell's redirections) is attributed too. */
static int on_dup(struct ix_tracker *t, struct ix_proc *p, const struct sk_evctx *ctx)
{
	int64_t oldfd = param(ctx, "oldfd"), newfd = param(ctx, "res");
	void *ref;

	if (oldfd < 0 || newfd < 0 || oldfd == SK_CDB_NULL || newfd == SK_CDB_NULL)
		return 0;
	if (oldfd == newfd)
		return 0;
	ref = ix_map_get(&p->by_fd, (uint64_t)oldfd);
	if (!ref)
		return fd_unbind(t, p, newfd, ctx->wall_ts);
	touch(ref, ctx);
	return fd_bind(t, p, newfd, ref, ctx->wall_ts);
}

static int on_fd_event(struct ix_tracker *t, struct ix_proc *p, const struct sk_evctx *ctx)
{
	int64_t fd = ctx->fdnum;
	void *ref;
	int out;

	if (fd < 0)
		return 0;
	ref = ix_map_get(&p->by_fd, (uint64_t)fd);
	if (!ref)
		return 0;
	touch(ref, ctx);
	out = evfmt_io_dir(ctx->ev->type);
	if (out >= 0)
		on_io(ref, ctx, out);
	if (ctx->ev->type == SK_E_CLOSE && param(ctx, "res") == 0)
		return fd_unbind(t, p, fd, ctx->wall_ts);
	return 0;
}

static int on_proc_exit(struct ix_tracker *t, struct ix_proc *p, const struct sk_evctx *ctx)
{
	if (ctx->ev->tid == ctx->ev->pid) {
		p->row.end_ns = (int64_t)ctx->wall_ts;
		p->row.exit_status = param(ctx, "status");
	}
	if (!ctx->proc->exited && ctx->proc->nthreads)
		return 0;
	if (p->row.end_ns == SK_CDB_NULL)
		p->row.end_ns = (int64_t)ctx->wall_ts;
	ix_map_del(&t->procs, (uint64_t)p->row.pid);
	return proc_finish(t, p);
}

static int on_snap_container(struct ix_tracker *t, const struct sk_evctx *ctx)
{
	const uint8_t *b;
	uint32_t n;
	char id[13];
	struct ix_container *c;

	if (param_bytes(ctx, "id", &b, &n) < 0 || !n)
		return 0;
	snprintf(id, sizeof(id), "%.*s", (int)(n < 12 ? n : 12), (const char *)b);
	c = container_get(t, id);
	if (!c)
		return -1;
	if (param_bytes(ctx, "runtime", &b, &n) == 0)
		replace(&c->runtime, dup_bytes((const char *)b, n));
	if (param_bytes(ctx, "name", &b, &n) == 0)
		replace(&c->name, dup_bytes((const char *)b, n));
	if (param_bytes(ctx, "image", &b, &n) == 0)
		replace(&c->image, dup_bytes((const char *)b, n));
	c->privileged = param(ctx, "privileged");
	c->start_ns = param(ctx, "start_time");
	return 0;
}

/* A fork names the child before the child's first event: start it here so
 * its start time is the fork's. */
static int on_fork(struct ix_tracker *t, const struct sk_evctx *ctx)
{
	int64_t ctid = param(ctx, "child_tid"), cpid = param(ctx, "child_pid");
	struct sk_thread *th;
	struct ix_proc *old, *p;
	int rc = 0;

	if (ctid == SK_CDB_NULL || ctid != cpid)
		return 0; /* a new thread, not a new process */
	th = sk_state_thread(t->st, ctid);
	if (!th || !th->proc)
		return 0;
	old = ix_map_get(&t->procs, (uint64_t)cpid);
	if (old && old->sp == th->proc)
		return 0;
	if (old) {
		ix_map_del(&t->procs, (uint64_t)cpid);
		rc = proc_finish(t, old);
	}
	p = proc_new(t, th->proc, (int64_t)ctx->wall_ts, ctx->ev->num);
	if (!p || ix_map_put(&t->procs, (uint64_t)cpid, p) < 0)
		return -1;
	return rc;
}

int ix_tracker_event(struct ix_tracker *t, const struct sk_evctx *ctx)
{
	uint16_t type = ctx->ev->type;
	struct ix_proc *p;
	int rc = 0;

	if (type == SK_E_SNAP_CONTAINER)
		return on_snap_container(t, ctx);
	if (!ctx->proc)
		return 0;
	p = proc_for(t, ctx, &rc);
	if (!p)
		return -1;
	p->row.nevents++;
	p->row.last_evt = (int64_t)ctx->ev->num;
	switch (type) {
	case SK_E_PROC_EXEC:
		p->row.execs++;
		proc_refresh(t, p, ctx->proc);
		break;
	case SK_E_SNAP_PROC:
		proc_refresh(t, p, ctx->proc);
		break;
	case SK_E_PROC_FORK:
		if (on_fork(t, ctx) < 0)
			rc = -1;
		break;
	case SK_E_PROC_EXIT:
		return on_proc_exit(t, p, ctx) < 0 ? -1 : rc;
	case SK_E_OPEN:
	case SK_E_OPENAT:
	case SK_E_OPENAT2:
	case SK_E_CREAT:
		return on_open(t, p, ctx) < 0 ? -1 : rc;
	case SK_E_CONNECT_X:
		return on_connect(t, p, ctx, "connect") < 0 ? -1 : rc;
	case SK_E_ACCEPT_X:
	case SK_E_ACCEPT4_X:
		return on_connect(t, p, ctx, "accept") < 0 ? -1 : rc;
	case SK_E_DUP:
	case SK_E_DUP2:
	case SK_E_DUP3:
		return on_dup(t, p, ctx) < 0 ? -1 : rc;
	default:
		break;
	}
	if (on_fd_event(t, p, ctx) < 0)
		rc = -1;
	return rc;
}

int ix_tracker_alert(struct ix_tracker *t, const struct sk_evctx *ctx, const char *rule,
		     const char *priority, int priority_num, const char *output,
		     const char *fields_json)
{
	struct sk_cdb_alert a = {
	    .process_id = SK_CDB_NULL,
	    .pid = SK_CDB_NULL,
	    .evt_num = (int64_t)ctx->ev->num,
	    .ts_ns = (int64_t)ctx->wall_ts,
	    .rule = rule,
	    .priority = priority,
	    .priority_num = priority_num,
	    .output = output,
	    .fields_json = fields_json,
	};

	if (ctx->proc) {
		struct ix_proc *p = ix_map_get(&t->procs, (uint64_t)ctx->proc->pid);
		a.pid = ctx->proc->pid;
		if (p && p->sp == ctx->proc) {
			a.process_id = p->row.id;
			p->row.nalerts++;
		}
	}
	return sk_casedb_add_alert(t->db, &a);
}

struct ix_tracker *ix_tracker_new(struct sk_casedb *db, struct sk_state *st)
{
	struct ix_tracker *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->db = db;
	t->st = st;
	t->ctail = &t->clist;
	return t;
}

/* Live processes are written in pid order so the output is reproducible. */
static int cmp_pid(const void *a, const void *b)
{
	const struct ix_proc *x = *(struct ix_proc *const *)a, *y = *(struct ix_proc *const *)b;

	return (x->row.pid > y->row.pid) - (x->row.pid < y->row.pid);
}

/* Takes the live process records out of the map, sorted by pid. */
static struct ix_proc **take_procs(struct ix_tracker *t, size_t *n)
{
	struct ix_proc **v = malloc((t->procs.used + 1) * sizeof(*v));

	*n = 0;
	if (!v)
		return NULL;
	*n = ix_map_values(&t->procs, (void **)v);
	qsort(v, *n, sizeof(*v), cmp_pid);
	ix_map_free(&t->procs);
	return v;
}

int ix_tracker_finish(struct ix_tracker *t)
{
	size_t n;
	struct ix_proc **v = take_procs(t, &n);
	int rc = v ? 0 : -1;

	for (size_t i = 0; i < n; i++)
		if (proc_finish(t, v[i]) < 0)
			rc = -1;
	free(v);

	for (struct ix_container *c = t->clist; c && !rc; c = c->next) {
		struct sk_cdb_container row = {
		    .container = c->id,
		    .runtime = c->runtime,
		    .name = c->name,
		    .image = c->image,
		    .privileged = c->privileged,
		    .start_ns = c->start_ns,
		    .nprocesses = c->nprocesses,
		};
		rc = sk_casedb_add_container(t->db, &row);
	}
	return rc;
}

void ix_tracker_free(struct ix_tracker *t)
{
	size_t n;
	struct ix_proc **v;

	if (!t)
		return;
	v = take_procs(t, &n);
	for (size_t i = 0; i < n; i++)
		proc_free(v[i]);
	free(v);
	for (struct ix_container *c = t->clist, *next; c; c = next) {
		next = c->next;
		free(c->runtime);
		free(c->name);
		free(c->image);
		free(c);
	}
	ix_map_free(&t->containers);
	free(t);
}
