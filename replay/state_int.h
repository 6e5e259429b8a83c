/* state_int.h - internals shared by the state engine's files (state.c,
 * state_fd.c, users.c); not part of the replay API.
 */
#ifndef SAKER_REPLAY_STATE_INT_H
#define SAKER_REPLAY_STATE_INT_H

#include "replay/state.h"

/* A sorted id -> name map (users or groups). */
struct sk_idname {
	uint32_t id;
	uint32_t seq; /* line order, so the first entry for an id wins */
	char *name;
};

struct sk_idmap {
	struct sk_idname *v;
	size_t n;
};

struct sk_state {
	struct sk_file_info finfo;
	int64_t wall_offset; /* wall ns = boot ns + wall_offset */
	struct sk_thread **tab;
	uint32_t tabcap;
	uint64_t nthreads, nprocs, nfdtables, nfds;
	int snapshot_open;
	struct sk_container *containers;
	size_t ncontainers, capcontainers;
	struct sk_idmap users, groups;
	struct sk_arena *arena;
	struct sk_evctx *last_ctx;
	struct sk_thread *ctx_thread; /* references held for the current event */
	struct sk_proc *ctx_proc;
};

struct sk_proc *sk_proc_ref(struct sk_proc *p);
void sk_proc_unref(struct sk_state *st, struct sk_proc *p);
struct sk_thread *sk_thread_add(struct sk_state *st, int64_t tid, struct sk_proc *p);
void sk_thread_remove(struct sk_state *st, struct sk_thread *t);
void sk_thread_unref(struct sk_state *st, struct sk_thread *t);

struct sk_fdtable *sk_fdtable_new(struct sk_state *st);
struct sk_fdtable *sk_fdtable_copy(struct sk_state *st, const struct sk_fdtable *src);
void sk_fdtable_unref(struct sk_state *st, struct sk_fdtable *t);
struct sk_fdinfo *sk_fdinfo_new(struct sk_state *st, uint8_t kind);
struct sk_fdinfo *sk_fdinfo_dup(struct sk_state *st, const struct sk_fdinfo *f);
void sk_fdinfo_free(struct sk_state *st, struct sk_fdinfo *f);
void sk_fd_install(struct sk_state *st, struct sk_proc *p, int64_t fd, struct sk_fdinfo *f);
void sk_fd_remove(struct sk_state *st, struct sk_proc *p, int64_t fd);

/* state_fd.c: fd-changing syscalls, and the event's fd before/after them. */

/* The name id (param.h) of the parameter holding the fd a record type
 * creates (SK_PN_FD, SK_PN_RES or SK_PN_FD1), or -1 for types that create
 * none. */
int sk_created_fd_pname(uint16_t type);
void sk_fd_before(struct sk_state *st, struct sk_proc *p, const struct sk_event *ev,
		  const struct sk_event_info *info, struct sk_evctx *ctx);
void sk_fd_apply(struct sk_state *st, struct sk_proc *p, const struct sk_event *ev,
		 const struct sk_event_info *info);
void sk_fd_after(struct sk_state *st, struct sk_proc *p, const struct sk_event *ev,
		 const struct sk_event_info *info, struct sk_evctx *ctx);
void sk_fd_snapshot(struct sk_state *st, const struct sk_event *ev,
		    const struct sk_event_info *info);

/* Resolves path against the directory of dirfd (or cwd for AT_FDCWD and
 * for records without a dirfd) into an absolute normalized path; NULL when
 * the base is unknown and path is relative. */
struct sk_str *sk_path_resolve(const struct sk_proc *p, int64_t dirfd, const char *path,
			       size_t len);

/* users.c */
void sk_users_snapshot(struct sk_state *st, const struct sk_event *ev);
void sk_idmap_free(struct sk_idmap *m);

#endif
