/* index_track.c - per-process accounting behind `saker index`: process
 * records from fork or snapshot to exit, containers, alerts. What a process
 * does with its fds is index_fd.c's.
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

#include "tui/index_int.h"

static char *dup_str(const struct sk_str *s)
{
	return s ? ix_dup_bytes(s->data, s->len) : NULL;
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

static void proc_free(struct ix_proc *p)
{
	ix_fd_free_all(p);
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
	if (sk_casedb_add_process(t->db, &p->row) < 0 || ix_fd_write_all(t, p) < 0)
		rc = -1;
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

static int on_proc_exit(struct ix_tracker *t, struct ix_proc *p, const struct sk_evctx *ctx)
{
	if (ctx->ev->tid == ctx->ev->pid) {
		p->row.end_ns = (int64_t)ctx->wall_ts;
		p->row.exit_status = ix_param(ctx, "status");
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

	if (ix_param_bytes(ctx, "id", &b, &n) < 0 || !n)
		return 0;
	snprintf(id, sizeof(id), "%.*s", (int)(n < 12 ? n : 12), (const char *)b);
	c = container_get(t, id);
	if (!c)
		return -1;
	if (ix_param_bytes(ctx, "runtime", &b, &n) == 0)
		replace(&c->runtime, ix_dup_bytes((const char *)b, n));
	if (ix_param_bytes(ctx, "name", &b, &n) == 0)
		replace(&c->name, ix_dup_bytes((const char *)b, n));
	if (ix_param_bytes(ctx, "image", &b, &n) == 0)
		replace(&c->image, ix_dup_bytes((const char *)b, n));
	c->privileged = ix_param(ctx, "privileged");
	c->start_ns = ix_param(ctx, "start_time");
	return 0;
}

/* A fork names the child before the child's first event: start it here so
 * its start time is the fork's. */
static int on_fork(struct ix_tracker *t, const struct sk_evctx *ctx)
{
	int64_t ctid = ix_param(ctx, "child_tid"), cpid = ix_param(ctx, "child_pid");
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
	default:
		break;
	}
	if (ix_fd_event(t, p, ctx) < 0)
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
