/* state.c - thread and process tables and the lifecycle events (fork, exec,
 * exit, snapshot) that shape them.
 *
 * Threads live in an open-addressing hash keyed by tid; it is only ever
 * probed by key, never walked in slot order for anything that reaches
 * output. File-descriptor events are in state_fd.c.
 */
#include <stdlib.h>
#include <string.h>

#include "replay/param.h"
#include "replay/state_int.h"

#define CLONE_FILES_F  0x00000400u
#define CLONE_PARENT_F 0x00008000u
#define CLONE_THREAD_F 0x00010000u
#define CLONE_NEWPID_F 0x20000000u
#define CLONE_VM_F     0x00000100u
#define CLONE_VFORK_F  0x00004000u

static void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n, sz);
	if (!p)
		abort();
	return p;
}

/* ------------------------------------------------------------ fd tables */

struct sk_fdtable *sk_fdtable_new(struct sk_state *st)
{
	struct sk_fdtable *t = xcalloc(1, sizeof(*t));
	t->refs = 1;
	st->nfdtables++;
	return t;
}

void sk_fdinfo_free(struct sk_state *st, struct sk_fdinfo *f)
{
	if (!f)
		return;
	sk_str_unref(f->name);
	sk_str_unref(f->nameraw);
	free(f);
	st->nfds--;
}

void sk_fdtable_unref(struct sk_state *st, struct sk_fdtable *t)
{
	if (!t || --t->refs)
		return;
	for (uint32_t i = 0; i < t->cap; i++)
		sk_fdinfo_free(st, t->v[i]);
	free(t->v);
	free(t);
	st->nfdtables--;
}

struct sk_fdinfo *sk_fdinfo_dup(struct sk_state *st, const struct sk_fdinfo *f)
{
	struct sk_fdinfo *n = malloc(sizeof(*n));
	if (!n)
		abort();
	*n = *f;
	sk_str_ref(n->name);
	sk_str_ref(n->nameraw);
	st->nfds++;
	return n;
}

struct sk_fdtable *sk_fdtable_copy(struct sk_state *st, const struct sk_fdtable *src)
{
	struct sk_fdtable *t = sk_fdtable_new(st);
	if (!src || !src->cap)
		return t;
	t->v = xcalloc(src->cap, sizeof(*t->v));
	t->cap = src->cap;
	for (uint32_t i = 0; i < src->cap; i++)
		if (src->v[i])
			t->v[i] = sk_fdinfo_dup(st, src->v[i]);
	return t;
}

struct sk_fdinfo *sk_proc_fd(const struct sk_proc *p, int64_t fd)
{
	if (!p || !p->fds || fd < 0 || fd >= p->fds->cap)
		return NULL;
	return p->fds->v[fd];
}

/* Installs f (owned) at fd, replacing what was there. */
void sk_fd_install(struct sk_state *st, struct sk_proc *p, int64_t fd, struct sk_fdinfo *f)
{
	if (fd < 0 || fd >= SK_MAX_FD || !p->fds) {
		sk_fdinfo_free(st, f);
		return;
	}
	struct sk_fdtable *t = p->fds;
	if (fd >= t->cap) {
		uint32_t cap = t->cap ? t->cap : 16;
		while (cap <= fd)
			cap *= 2;
		t->v = realloc(t->v, cap * sizeof(*t->v));
		if (!t->v)
			abort();
		memset(t->v + t->cap, 0, (cap - t->cap) * sizeof(*t->v));
		t->cap = cap;
	}
	sk_fdinfo_free(st, t->v[fd]);
	t->v[fd] = f;
}

void sk_fd_remove(struct sk_state *st, struct sk_proc *p, int64_t fd)
{
	if (!p->fds || fd < 0 || fd >= p->fds->cap)
		return;
	sk_fdinfo_free(st, p->fds->v[fd]);
	p->fds->v[fd] = NULL;
}

struct sk_fdinfo *sk_fdinfo_new(struct sk_state *st, uint8_t kind)
{
	struct sk_fdinfo *f = xcalloc(1, sizeof(*f));
	f->kind = kind;
	st->nfds++;
	return f;
}

/* ------------------------------------------------------------ processes */

static struct sk_proc *proc_new(struct sk_state *st, int64_t pid)
{
	struct sk_proc *p = xcalloc(1, sizeof(*p));
	p->refs = 1;
	p->pid = pid;
	st->nprocs++;
	return p;
}

struct sk_proc *sk_proc_ref(struct sk_proc *p)
{
	if (p)
		p->refs++;
	return p;
}

static void proc_strs_unref(struct sk_proc *p)
{
	sk_str_unref(p->exe);
	sk_str_unref(p->exepath);
	sk_str_unref(p->comm);
	sk_str_unref(p->args);
	sk_str_unref(p->env);
	sk_str_unref(p->cwd);
	sk_str_unref(p->cgroups);
}

/* The parent's list of children (weak links, see state.h). */
static void child_unlink(struct sk_proc *p)
{
	if (!p->parent)
		return;
	if (p->prev_sibling)
		p->prev_sibling->next_sibling = p->next_sibling;
	else
		p->parent->children = p->next_sibling;
	if (p->next_sibling)
		p->next_sibling->prev_sibling = p->prev_sibling;
	p->next_sibling = p->prev_sibling = NULL;
}

static void child_link(struct sk_proc *p)
{
	p->prev_sibling = NULL;
	p->next_sibling = p->parent->children;
	if (p->next_sibling)
		p->next_sibling->prev_sibling = p;
	p->parent->children = p;
}

void sk_proc_unref(struct sk_state *st, struct sk_proc *p)
{
	/* Iterative so a long chain of exited ancestors cannot overflow. */
	while (p && --p->refs == 0) {
		struct sk_proc *parent = p->parent;
		child_unlink(p);
		proc_strs_unref(p);
		sk_fdtable_unref(st, p->fds);
		free(p);
		st->nprocs--;
		p = parent;
	}
}

/* Makes parent (or none) p's parent. Returns -1, changing nothing, when
 * that would build a cycle (a reused pid). */
static int proc_set_parent(struct sk_state *st, struct sk_proc *p, struct sk_proc *parent)
{
	if (p->parent == parent)
		return 0;
	for (struct sk_proc *a = parent; a; a = a->parent)
		if (a == p)
			return -1;
	struct sk_proc *old = p->parent;
	child_unlink(p);
	p->parent = sk_proc_ref(parent);
	if (parent)
		child_link(p);
	sk_proc_unref(st, old);
	return 0;
}

/* A child process of parent created by fork/clone, sharing its strings. */
static struct sk_proc *proc_fork(struct sk_state *st, struct sk_proc *parent, int64_t pid,
				 uint64_t flags)
{
	struct sk_proc *c = proc_new(st, pid);
	struct sk_proc *pp = parent;
	if ((flags & CLONE_PARENT_F) && parent->parent)
		pp = parent->parent;
	c->known = parent->known;
	c->ppid = (flags & CLONE_PARENT_F) ? parent->ppid : parent->pid;
	c->known |= SK_PK_PPID;
	if (!(flags & CLONE_PARENT_F) || parent->parent)
		proc_set_parent(st, c, pp);
	c->exe = sk_str_ref(parent->exe);
	c->exepath = sk_str_ref(parent->exepath);
	c->comm = sk_str_ref(parent->comm);
	c->args = sk_str_ref(parent->args);
	c->env = sk_str_ref(parent->env);
	c->cwd = sk_str_ref(parent->cwd);
	c->cgroups = sk_str_ref(parent->cgroups);
	c->sid = parent->sid;
	c->pgid = parent->pgid;
	c->uid = parent->uid;
	c->gid = parent->gid;
	c->euid = parent->euid;
	c->egid = parent->egid;
	c->loginuid = parent->loginuid;
	c->tty = parent->tty;
	c->cap_inh = parent->cap_inh;
	c->cap_prm = parent->cap_prm;
	c->cap_eff = parent->cap_eff;
	c->exe_ino = parent->exe_ino;
	c->exe_ino_ctime = parent->exe_ino_ctime;
	c->exe_ino_mtime = parent->exe_ino_mtime;
	c->exe_upper_layer = parent->exe_upper_layer;
	c->exe_from_memfd = parent->exe_from_memfd;
	memcpy(c->container_id, parent->container_id, sizeof(c->container_id));
	if (flags & CLONE_NEWPID_F) {
		c->vpid = 1;
	} else if ((parent->known & SK_PK_VPID) && parent->vpid == parent->pid) {
		c->vpid = pid;
	} else {
		c->known &= ~SK_PK_VPID;
	}
	if (flags & CLONE_NEWPID_F)
		c->known |= SK_PK_VPID;
	c->known &= ~SK_PK_START;
	if (flags & CLONE_FILES_F) {
		c->fds = parent->fds;
		if (c->fds)
			c->fds->refs++;
	} else {
		c->fds = sk_fdtable_copy(st, parent->fds);
	}
	return c;
}

/* ------------------------------------------------------------ thread table */

static uint32_t tid_hash(int64_t tid)
{
	uint64_t h = (uint64_t)tid * 0x9e3779b97f4a7c15ull;
	return (uint32_t)(h >> 32);
}

struct sk_thread *sk_state_thread(struct sk_state *st, int64_t tid)
{
	uint32_t mask = st->tabcap - 1;
	for (uint32_t i = tid_hash(tid) & mask;; i = (i + 1) & mask) {
		struct sk_thread *t = st->tab[i];
		if (!t || t->tid == tid)
			return t;
	}
}

static void tab_grow(struct sk_state *st)
{
	uint32_t oldcap = st->tabcap;
	struct sk_thread **old = st->tab;
	st->tabcap = oldcap * 2;
	st->tab = xcalloc(st->tabcap, sizeof(*st->tab));
	uint32_t mask = st->tabcap - 1;
	for (uint32_t j = 0; j < oldcap; j++) {
		if (!old[j])
			continue;
		uint32_t i = tid_hash(old[j]->tid) & mask;
		while (st->tab[i])
			i = (i + 1) & mask;
		st->tab[i] = old[j];
	}
	free(old);
}

static void tab_insert(struct sk_state *st, struct sk_thread *t)
{
	if ((st->nthreads + 1) * 4 > st->tabcap * 3)
		tab_grow(st);
	uint32_t mask = st->tabcap - 1;
	uint32_t i = tid_hash(t->tid) & mask;
	while (st->tab[i])
		i = (i + 1) & mask;
	st->tab[i] = t;
	t->in_table = 1;
	st->nthreads++;
}

/* Linear-probing deletion with backward shift (no tombstones). */
static void tab_delete(struct sk_state *st, struct sk_thread *t)
{
	uint32_t mask = st->tabcap - 1;
	uint32_t i = tid_hash(t->tid) & mask;
	while (st->tab[i] != t)
		i = (i + 1) & mask;
	st->tab[i] = NULL;
	for (uint32_t j = (i + 1) & mask; st->tab[j]; j = (j + 1) & mask) {
		uint32_t home = tid_hash(st->tab[j]->tid) & mask;
		/* Move tab[j] into the hole at i if its home is not in (i, j]. */
		if (((j - home) & mask) >= ((j - i) & mask)) {
			st->tab[i] = st->tab[j];
			st->tab[j] = NULL;
			i = j;
		}
	}
	t->in_table = 0;
	st->nthreads--;
}

const struct sk_str *sk_thread_comm(const struct sk_thread *t)
{
	return t->comm ? t->comm : t->proc->comm;
}

static void thread_set_comm(struct sk_thread *t, const struct sk_param *p)
{
	sk_str_unref(t->comm);
	t->comm = p ? sk_str_new(p->ptr, p->len) : NULL;
}

void sk_thread_unref(struct sk_state *st, struct sk_thread *t)
{
	if (!t || --t->refs)
		return;
	sk_str_unref(t->comm);
	sk_proc_unref(st, t->proc);
	free(t);
}

/* ------------------------------------------------------------ reaping */

static int is_reaper(const struct sk_proc *p)
{
	return p->subreaper || p->pid == 1 || ((p->known & SK_PK_VPID) && p->vpid == 1);
}

static int in_pidns(const struct sk_proc *p)
{
	return (p->known & SK_PK_VPID) && p->vpid != p->pid;
}

/* Who adopts the children of p, which is exiting (Falco's find_new_reaper):
 * the reaper the PROC_EXIT record names, if it is known; else the nearest
 * live ancestor that is a reaper, without leaving p's pid namespace; else
 * nobody. */
static struct sk_proc *find_reaper(struct sk_state *st, struct sk_proc *p, int64_t reaper_tid)
{
	struct sk_thread *rt = reaper_tid > 0 ? sk_state_thread(st, reaper_tid) : NULL;
	if (rt && rt->proc != p) {
		rt->proc->subreaper = 1; /* as Falco marks it */
		return rt->proc;
	}
	for (struct sk_proc *a = p->parent; a && in_pidns(a) == in_pidns(p); a = a->parent)
		if (is_reaper(a) && a->nthreads > 0)
			return a;
	return NULL;
}

/* Moves the children of p, which is exiting, to their reaper. */
static void reparent_children(struct sk_state *st, struct sk_proc *p, int64_t reaper_tid)
{
	if (!p->children)
		return;
	struct sk_proc *r = find_reaper(st, p, reaper_tid);
	sk_proc_ref(p);
	while (p->children) {
		struct sk_proc *c = p->children;
		if (proc_set_parent(st, c, r) < 0)
			proc_set_parent(st, c, NULL);
		c->ppid = c->parent ? c->parent->pid : 0;
		c->known |= SK_PK_PPID;
	}
	sk_proc_unref(st, p);
}

/* Removes a thread from the table and from its process; the process's
 * children go to their reaper when it was the last thread. */
void sk_thread_remove(struct sk_state *st, struct sk_thread *t)
{
	if (!t->in_table)
		return;
	tab_delete(st, t);
	struct sk_proc *p = t->proc;
	if (t->prev_in_proc)
		t->prev_in_proc->next_in_proc = t->next_in_proc;
	else
		p->threads = t->next_in_proc;
	if (t->next_in_proc)
		t->next_in_proc->prev_in_proc = t->prev_in_proc;
	t->next_in_proc = t->prev_in_proc = NULL;
	if (--p->nthreads == 0) {
		p->exited = 1;
		reparent_children(st, p, 0);
	}
	sk_thread_unref(st, t);
}

/* Adds a new thread tid to process p (taking a reference on p). */
struct sk_thread *sk_thread_add(struct sk_state *st, int64_t tid, struct sk_proc *p)
{
	struct sk_thread *old = sk_state_thread(st, tid);
	if (old)
		sk_thread_remove(st, old);
	struct sk_thread *t = xcalloc(1, sizeof(*t));
	t->refs = 1;
	t->tid = tid;
	t->proc = sk_proc_ref(p);
	t->next_in_proc = p->threads;
	if (p->threads)
		p->threads->prev_in_proc = t;
	p->threads = t;
	p->nthreads++;
	p->exited = 0;
	tab_insert(st, t);
	return t;
}

/* A thread we have no birth record for: join its process if we know it. */
static struct sk_thread *thread_stub(struct sk_state *st, int64_t tid, int64_t pid)
{
	struct sk_thread *leader = tid != pid ? sk_state_thread(st, pid) : NULL;
	if (leader)
		return sk_thread_add(st, tid, leader->proc);
	struct sk_proc *p = proc_new(st, pid);
	p->fds = sk_fdtable_new(st);
	struct sk_thread *t = sk_thread_add(st, tid, p);
	sk_proc_unref(st, p);
	return t;
}

/* ------------------------------------------------------------ lifecycle */

static void fork_child(struct sk_state *st, struct sk_thread *parent, int64_t ctid, int64_t cpid,
		       uint64_t flags, const struct sk_param *comm, int64_t start)
{
	struct sk_proc *pp = parent->proc;
	if (flags & CLONE_THREAD_F) {
		struct sk_thread *t = sk_thread_add(st, ctid, pp);
		if (comm && (!pp->comm || pp->comm->len != comm->len ||
			     memcmp(pp->comm->data, comm->ptr, comm->len)))
			thread_set_comm(t, comm);
		return;
	}
	struct sk_proc *c = proc_fork(st, pp, cpid, flags);
	if (comm) {
		sk_str_unref(c->comm);
		c->comm = sk_str_new(comm->ptr, comm->len);
	}
	if (start > 0) {
		c->start_time = (uint64_t)start;
		c->known |= SK_PK_START;
	}
	sk_thread_add(st, ctid, c);
	sk_proc_unref(st, c);
}

static void on_proc_fork(struct sk_state *st, struct sk_thread *t, const struct sk_event *ev,
			 const struct sk_event_info *info)
{
	int64_t ctid, cpid, flags = 0, start = 0;
	if (sk_ev_num(ev, info, 0, &ctid) < 0 || sk_ev_num(ev, info, 1, &cpid) < 0 || ctid <= 0)
		return;
	sk_ev_num(ev, info, 2, &flags);
	sk_ev_num(ev, info, 4, &start);
	const struct sk_param *comm = ev->nparams > 3 ? &ev->params[3] : NULL;
	fork_child(st, t, ctid, cpid, (uint64_t)flags, comm, start);
}

/* clone/fork/vfork exit in the parent when no PROC_FORK announced the child. */
static void on_clone_exit(struct sk_state *st, struct sk_thread *t, const struct sk_event *ev,
			  const struct sk_event_info *info)
{
	int64_t res, flags = 0;
	if (sk_ev_num(ev, info, 0, &res) < 0 || res <= 0 || sk_state_thread(st, res))
		return;
	if (ev->type == SK_E_VFORK)
		flags = CLONE_VFORK_F | CLONE_VM_F;
	else if (ev->type == SK_E_CLONE || ev->type == SK_E_CLONE3)
		sk_ev_num(ev, info, 1, &flags);
	int64_t cpid = (flags & CLONE_THREAD_F) ? t->proc->pid : res;
	fork_child(st, t, res, cpid, (uint64_t)flags, NULL, 0);
}

static struct sk_str *param_str(const struct sk_event *ev, int i)
{
	if ((uint32_t)i >= ev->nparams)
		return NULL;
	return sk_str_new(ev->params[i].ptr, ev->params[i].len);
}

static void set_str(struct sk_str **dst, struct sk_str *v)
{
	sk_str_unref(*dst);
	*dst = v;
}

/* PROC_EXEC and SNAP_PROC share one parameter layout. */
enum {
	PX_EXE,
	PX_EXEPATH,
	PX_ARGS,
	PX_ENV,
	PX_CWD,
	PX_COMM,
	PX_PPID,
	PX_SID,
	PX_PGID,
	PX_VPID,
	PX_VTID,
	PX_TTY,
	PX_UID,
	PX_GID,
	PX_EUID,
	PX_EGID,
	PX_LOGINUID,
	PX_CAPINH,
	PX_CAPPRM,
	PX_CAPEFF,
	PX_CGROUPS,
	PX_START,
	PX_EXEINO,
	PX_EXECTIME,
	PX_EXEMTIME,
	PX_UPPER,
	PX_MEMFD,
};

static void proc_fill(struct sk_proc *p, const struct sk_event *ev,
		      const struct sk_event_info *info)
{
	int64_t v[PX_MEMFD + 1];
	uint32_t ok = 0;
	for (int i = PX_PPID; i <= PX_MEMFD; i++)
		if (i != PX_CGROUPS && sk_ev_num(ev, info, i, &v[i]) == 0)
			ok |= 1u << i;
#define HAS(i) (ok & (1u << (i)))
	set_str(&p->exe, param_str(ev, PX_EXE));
	set_str(&p->exepath, param_str(ev, PX_EXEPATH));
	set_str(&p->args, param_str(ev, PX_ARGS));
	set_str(&p->env, param_str(ev, PX_ENV));
	set_str(&p->cwd, param_str(ev, PX_CWD));
	set_str(&p->comm, param_str(ev, PX_COMM));
	set_str(&p->cgroups, param_str(ev, PX_CGROUPS));
	p->known = 0;
	if (HAS(PX_PPID)) {
		p->ppid = v[PX_PPID];
		p->known |= SK_PK_PPID;
	}
	if (HAS(PX_SID) && HAS(PX_PGID) && HAS(PX_TTY)) {
		p->sid = v[PX_SID];
		p->pgid = v[PX_PGID];
		p->tty = (uint64_t)v[PX_TTY];
		p->known |= SK_PK_SESSION;
	}
	if (HAS(PX_VPID)) {
		p->vpid = v[PX_VPID];
		p->known |= SK_PK_VPID;
	}
	if (HAS(PX_UID) && HAS(PX_GID) && HAS(PX_EUID) && HAS(PX_EGID)) {
		p->uid = (uint32_t)v[PX_UID];
		p->gid = (uint32_t)v[PX_GID];
		p->euid = (uint32_t)v[PX_EUID];
		p->egid = (uint32_t)v[PX_EGID];
		p->known |= SK_PK_IDS;
	}
	if (HAS(PX_LOGINUID)) {
		p->loginuid = (uint32_t)v[PX_LOGINUID];
		p->known |= SK_PK_LOGINUID;
	}
	if (HAS(PX_CAPINH) && HAS(PX_CAPPRM) && HAS(PX_CAPEFF)) {
		p->cap_inh = (uint64_t)v[PX_CAPINH];
		p->cap_prm = (uint64_t)v[PX_CAPPRM];
		p->cap_eff = (uint64_t)v[PX_CAPEFF];
		p->known |= SK_PK_CAPS;
	}
	if (HAS(PX_START) && v[PX_START] > 0) {
		p->start_time = (uint64_t)v[PX_START];
		p->known |= SK_PK_START;
	}
	if (HAS(PX_EXEINO) && HAS(PX_EXECTIME) && HAS(PX_EXEMTIME)) {
		p->exe_ino = (uint64_t)v[PX_EXEINO];
		p->exe_ino_ctime = (uint64_t)v[PX_EXECTIME];
		p->exe_ino_mtime = (uint64_t)v[PX_EXEMTIME];
		p->exe_upper_layer = HAS(PX_UPPER) && v[PX_UPPER];
		p->exe_from_memfd = HAS(PX_MEMFD) && v[PX_MEMFD];
		p->known |= SK_PK_EXEINO;
	}
#undef HAS
	p->container_id[0] = 0;
	if (p->cgroups)
		sk_container_id_from_cgroups(p->cgroups->data, p->cgroups->len, p->container_id);
}

static void link_parent(struct sk_state *st, struct sk_proc *p)
{
	if (!(p->known & SK_PK_PPID) || p->ppid <= 0 || p->ppid == p->pid)
		return;
	if (p->parent && p->parent->pid == p->ppid)
		return;
	struct sk_thread *pt = sk_state_thread(st, p->ppid);
	if (pt && pt->proc != p)
		proc_set_parent(st, p, pt->proc);
}

static void on_proc_exec(struct sk_state *st, struct sk_thread *t, const struct sk_event *ev,
			 const struct sk_event_info *info)
{
	struct sk_proc *p = t->proc;
	/* The thread group collapses to the exec'ing thread. */
	while (p->threads && p->nthreads > 1) {
		struct sk_thread *o = p->threads == t ? t->next_in_proc : p->threads;
		if (!o)
			break;
		sk_thread_remove(st, o);
	}
	if (p->fds && p->fds->refs > 1) {
		struct sk_fdtable *own = sk_fdtable_copy(st, p->fds);
		sk_fdtable_unref(st, p->fds);
		p->fds = own;
	}
	if (!p->fds)
		p->fds = sk_fdtable_new(st);
	for (uint32_t i = 0; i < p->fds->cap; i++)
		if (p->fds->v[i] && p->fds->v[i]->cloexec)
			sk_fd_remove(st, p, i);
	proc_fill(p, ev, info);
	thread_set_comm(t, NULL);
	link_parent(st, p);
}

#define PR_SET_NAME_V		 15
#define PR_SET_CHILD_SUBREAPER_V 36

/* prctl(PR_SET_NAME) names the calling thread (the process, for its leader);
 * prctl(PR_SET_CHILD_SUBREAPER) makes the process adopt orphaned
 * descendants. */
static void on_prctl(struct sk_thread *t, const struct sk_event *ev,
		     const struct sk_event_info *info)
{
	int64_t res, opt, arg;
	if (sk_ev_num(ev, info, 0, &res) < 0 || res < 0 || sk_ev_num(ev, info, 1, &opt) < 0)
		return;
	if (opt == PR_SET_CHILD_SUBREAPER_V && sk_ev_num(ev, info, 3, &arg) == 0)
		t->proc->subreaper = arg != 0;
	if (opt != PR_SET_NAME_V || ev->nparams < 3)
		return;
	if (t->tid == t->proc->pid) {
		set_str(&t->proc->comm, param_str(ev, 2));
		thread_set_comm(t, NULL);
	} else {
		thread_set_comm(t, &ev->params[2]);
	}
}

static void on_proc_exit(struct sk_state *st, struct sk_thread *t, const struct sk_event *ev,
			 const struct sk_event_info *info)
{
	int64_t reaper_tid = 0;
	sk_ev_num(ev, info, 1, &reaper_tid);
	if (t->proc->nthreads == 1)
		reparent_children(st, t->proc, reaper_tid);
	sk_thread_remove(st, t);
}

/* ------------------------------------------------------------ snapshot */

static void on_snap_proc(struct sk_state *st, const struct sk_event *ev,
			 const struct sk_event_info *info)
{
	struct sk_thread *leader = ev->tid != ev->pid ? sk_state_thread(st, ev->pid) : NULL;
	if (leader) {
		struct sk_thread *t = sk_thread_add(st, ev->tid, leader->proc);
		if (ev->nparams > PX_COMM)
			thread_set_comm(t, &ev->params[PX_COMM]);
		return;
	}
	struct sk_proc *p = proc_new(st, ev->pid);
	p->fds = sk_fdtable_new(st);
	proc_fill(p, ev, info);
	sk_thread_add(st, ev->tid, p);
	sk_proc_unref(st, p);
	st->snapshot_open = 1;
}

/* Parents of snapshot processes are linked once all of them are known. The
 * result of each link depends only on ppid, so slot order is irrelevant. */
static void snapshot_close(struct sk_state *st)
{
	st->snapshot_open = 0;
	for (uint32_t i = 0; i < st->tabcap; i++)
		if (st->tab[i])
			link_parent(st, st->tab[i]->proc);
}

static void on_snap_container(struct sk_state *st, const struct sk_event *ev,
			      const struct sk_event_info *info)
{
	if (ev->nparams < 1 || !ev->params[0].len)
		return;
	if (st->ncontainers == st->capcontainers) {
		st->capcontainers = st->capcontainers ? st->capcontainers * 2 : 8;
		st->containers =
		    realloc(st->containers, st->capcontainers * sizeof(*st->containers));
		if (!st->containers)
			abort();
	}
	struct sk_container *c = &st->containers[st->ncontainers++];
	memset(c, 0, sizeof(*c));
	uint32_t n = ev->params[0].len < 64 ? ev->params[0].len : 64;
	memcpy(c->id, ev->params[0].ptr, n);
	c->runtime = param_str(ev, 1);
	c->name = param_str(ev, 2);
	c->image = param_str(ev, 3);
	int64_t v;
	if (sk_ev_num(ev, info, 4, &v) == 0)
		c->privileged = v != 0;
	if (sk_ev_num(ev, info, 5, &v) == 0)
		c->start_ts = (uint64_t)v;
}

const struct sk_container *sk_state_container(const struct sk_state *st, const char *id)
{
	size_t n = strlen(id);
	if (!n)
		return NULL;
	for (size_t i = 0; i < st->ncontainers; i++)
		if (!strncmp(st->containers[i].id, id, n) ||
		    !strncmp(st->containers[i].id, id, strlen(st->containers[i].id)))
			return &st->containers[i];
	return NULL;
}

/* ------------------------------------------------------------ state */

struct sk_state *sk_state_new(const struct sk_file_info *finfo)
{
	struct sk_state *st = xcalloc(1, sizeof(*st));
	if (finfo)
		st->finfo = *finfo;
	st->wall_offset = st->finfo.start_wall_ns - (int64_t)st->finfo.start_boot_ns;
	st->tabcap = 1024;
	st->tab = xcalloc(st->tabcap, sizeof(*st->tab));
	st->arena = sk_arena_new();
	return st;
}

static void ctx_release(struct sk_state *st, struct sk_evctx *ctx)
{
	if (ctx->fdcopy_held) {
		sk_str_unref(ctx->fdcopy.name);
		sk_str_unref(ctx->fdcopy.nameraw);
		ctx->fdcopy_held = 0;
	}
	sk_thread_unref(st, st->ctx_thread);
	sk_proc_unref(st, st->ctx_proc);
	st->ctx_thread = NULL;
	st->ctx_proc = NULL;
	ctx->fd = NULL;
}

void sk_state_free(struct sk_state *st)
{
	if (!st)
		return;
	if (st->last_ctx)
		ctx_release(st, st->last_ctx);
	for (uint32_t i = 0; i < st->tabcap; i++) {
		struct sk_thread *t = st->tab[i];
		if (t) {
			st->tab[i] = NULL;
			t->in_table = 0;
			sk_thread_unref(st, t);
		}
	}
	free(st->tab);
	for (size_t i = 0; i < st->ncontainers; i++) {
		sk_str_unref(st->containers[i].runtime);
		sk_str_unref(st->containers[i].name);
		sk_str_unref(st->containers[i].image);
	}
	free(st->containers);
	sk_idmap_free(&st->users);
	sk_idmap_free(&st->groups);
	sk_arena_free(st->arena);
	free(st);
}

const struct sk_file_info *sk_state_finfo(const struct sk_state *st)
{
	return &st->finfo;
}

void sk_state_stats(const struct sk_state *st, struct sk_state_stats *out)
{
	out->threads = st->nthreads;
	out->procs = st->nprocs;
	out->fdtables = st->nfdtables;
	out->fds = st->nfds;
}

static int needs_thread(const struct sk_event_info *info)
{
	return info && (info->category == SK_CAT_SYSCALL || info->category == SK_CAT_PROCESS);
}

/* The event's thread stays alive for the whole event, even if it exits. */
static struct sk_thread *hold_thread(struct sk_state *st, struct sk_thread *t)
{
	if (t) {
		t->refs++;
		st->ctx_thread = t;
	}
	return t;
}

/* Records that change the thread and process tables. */
static void on_lifecycle(struct sk_state *st, struct sk_thread *t, const struct sk_event *ev,
			 const struct sk_event_info *info)
{
	switch (ev->type) {
	case SK_E_PROC_FORK:
		on_proc_fork(st, t, ev, info);
		break;
	case SK_E_PROC_EXEC:
		on_proc_exec(st, t, ev, info);
		break;
	case SK_E_PROC_EXIT:
		on_proc_exit(st, t, ev, info);
		break;
	case SK_E_PRCTL:
		on_prctl(t, ev, info);
		break;
	default: /* clone, clone3, fork, vfork */
		on_clone_exit(st, t, ev, info);
		break;
	}
}

void sk_state_apply(struct sk_state *st, const struct sk_event *ev, struct sk_evctx *ctx)
{
	const struct sk_event_info *info = sk_event_info(ev->type);
	if (st->last_ctx)
		ctx_release(st, st->last_ctx);
	sk_arena_reset(st->arena);
	memset(ctx, 0, sizeof(*ctx));
	st->last_ctx = ctx;
	ctx->ev = ev;
	ctx->info = info;
	ctx->state = st;
	ctx->fdnum = -1;
	ctx->fdparam = -1;
	ctx->arena = st->arena;
	ctx->wall_ts = (uint64_t)((int64_t)ev->ts + st->wall_offset);

	if (st->snapshot_open && info && info->category != SK_CAT_SNAPSHOT)
		snapshot_close(st);

	struct sk_thread *t = NULL;
	if (needs_thread(info) && ev->tid > 0) {
		t = sk_state_thread(st, ev->tid);
		if (!t)
			t = thread_stub(st, ev->tid, ev->pid > 0 ? ev->pid : ev->tid);
	}
	hold_thread(st, t);
	if (t && info && info->category == SK_CAT_SYSCALL)
		sk_fd_before(st, t->proc, ev, info, ctx);

	switch (ev->type) {
	case SK_E_PROC_FORK:
	case SK_E_CLONE:
	case SK_E_CLONE3:
	case SK_E_FORK:
	case SK_E_VFORK:
	case SK_E_PROC_EXEC:
	case SK_E_PROC_EXIT:
	case SK_E_PRCTL:
		if (t) /* a record with thread id 0 changes nothing */
			on_lifecycle(st, t, ev, info);
		break;
	case SK_E_SNAP_PROC:
		on_snap_proc(st, ev, info);
		t = hold_thread(st, sk_state_thread(st, ev->tid));
		break;
	case SK_E_SNAP_FD:
		sk_fd_snapshot(st, ev, info);
		t = hold_thread(st, sk_state_thread(st, ev->pid));
		break;
	case SK_E_SNAP_FILE:
		sk_users_snapshot(st, ev);
		break;
	case SK_E_SNAP_CONTAINER:
		on_snap_container(st, ev, info);
		break;
	case SK_E_SNAP_END:
		snapshot_close(st);
		break;
	default:
		if (t && info && info->category == SK_CAT_SYSCALL)
			sk_fd_apply(st, t->proc, ev, info);
		break;
	}

	if (t) {
		ctx->thread = t;
		ctx->proc = t->proc;
		st->ctx_proc = sk_proc_ref(t->proc);
		if (info && info->category == SK_CAT_SYSCALL)
			sk_fd_after(st, t->proc, ev, info, ctx);
	}
}
