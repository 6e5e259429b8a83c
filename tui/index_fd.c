/* index_fd.c - what processes do with their fds, for `saker index`: one
 * file row per (process, path) merged over opens, one connection row per
 * connected or accepted socket, and the bytes read and written through each,
 * following dup/dup2/dup3 so a shell's redirections count. The fd map holds
 * row pointers tagged in the low bit (files vs connections).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay/param.h"
#include "tui/evfmt.h"
#include "tui/index_int.h"

char *ix_dup_bytes(const char *p, size_t len)
{
	char *s = malloc(len + 1);

	if (s) {
		memcpy(s, p, len);
		s[len] = 0;
	}
	return s;
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

int64_t ix_param(const struct sk_evctx *ctx, const char *name)
{
	int64_t v;

	if (sk_ev_num_by_name(ctx->ev, ctx->info, name, &v) < 0)
		return SK_CDB_NULL;
	return v;
}

int ix_param_bytes(const struct sk_evctx *ctx, const char *name, const uint8_t **p, uint32_t *len)
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
	f->path = ix_dup_bytes(path, len);
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
	int64_t fd = ix_param(ctx, "fd"), flags = ix_param(ctx, "flags");
	struct ix_file *f;

	if (ctx->fd && ctx->fd->name && fd >= 0) {
		name = (const uint8_t *)ctx->fd->name->data;
		len = ctx->fd->name->len;
	} else if (ix_param_bytes(ctx, "name", &name, &len) < 0) {
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
	int64_t fd = ix_param(ctx, "fd"), res = ix_param(ctx, "res");
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
	if (ix_param_bytes(ctx, "tuple", &tb, &tlen) == 0 &&
	    sk_decode_tuple(tb, tlen, &l, &r) == 0) {
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
	int64_t res = ix_param(ctx, "res");

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
	int64_t oldfd = ix_param(ctx, "oldfd"), newfd = ix_param(ctx, "res");
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
	if (ctx->ev->type == SK_E_CLOSE && ix_param(ctx, "res") == 0)
		return fd_unbind(t, p, fd, ctx->wall_ts);
	return 0;
}

int ix_fd_event(struct ix_tracker *t, struct ix_proc *p, const struct sk_evctx *ctx)
{
	switch (ctx->ev->type) {
	case SK_E_OPEN:
	case SK_E_OPENAT:
	case SK_E_OPENAT2:
	case SK_E_CREAT:
		return on_open(t, p, ctx);
	case SK_E_CONNECT_X:
		return on_connect(t, p, ctx, "connect");
	case SK_E_ACCEPT_X:
	case SK_E_ACCEPT4_X:
		return on_connect(t, p, ctx, "accept");
	case SK_E_DUP:
	case SK_E_DUP2:
	case SK_E_DUP3:
		return on_dup(t, p, ctx);
	default:
		return on_fd_event(t, p, ctx);
	}
}

int ix_fd_write_all(struct ix_tracker *t, struct ix_proc *p)
{
	for (struct ix_file *f = p->files; f; f = f->next)
		if (file_write(t, f) < 0)
			return -1;
	for (struct ix_conn *c = p->conns; c; c = c->next)
		if (conn_write(t, c) < 0)
			return -1;
	return 0;
}

void ix_fd_free_all(struct ix_proc *p)
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
}
