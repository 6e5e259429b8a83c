/* render.c - record parameters as text, the way sysdig and Falco show them
 * in evt.args and evt.arg.NAME: fds with their type and name, results with
 * errno names, flag sets by name, relative paths with their resolution.
 */
#include <stdio.h>
#include <string.h>

#include "replay/flags.h"
#include "replay/numfmt.h"
#include "replay/param.h"
#include "replay/fields_int.h"
#include "replay/state_int.h"

#define AT_FDCWD_V (-100)

int sk_res_param(const struct sk_event_info *info)
{
	int i = sk_pidx(info, SK_PN_RES);
	if (i >= 0)
		return i;
	/* open, socket, accept...: the new fd is the result */
	return sk_created_fd_pname(info->id) == SK_PN_FD ? sk_pidx(info, SK_PN_FD) : -1;
}

/* A growing text buffer in the arena. */
struct tbuf {
	struct sk_arena *a;
	char *p;
	size_t n, cap;
};

static void tb_reserve(struct tbuf *t, size_t more)
{
	if (t->n + more + 1 <= t->cap)
		return;
	size_t cap = t->cap ? t->cap * 2 : 256;
	while (cap < t->n + more + 1)
		cap *= 2;
	char *p = sk_arena_alloc(t->a, cap);
	if (t->n)
		memcpy(p, t->p, t->n);
	t->p = p;
	t->cap = cap;
}

static void tb_put(struct tbuf *t, const void *s, size_t n)
{
	tb_reserve(t, n);
	memcpy(t->p + t->n, s, n);
	t->n += n;
	t->p[t->n] = 0;
}

static void tb_str(struct tbuf *t, const char *s)
{
	tb_put(t, s, strlen(s));
}

static void tb_u64(struct tbuf *t, uint64_t v, unsigned base)
{
	char tmp[24];
	tb_put(t, tmp, sk_fmt_u64(tmp, v, base));
}

static void tb_i64(struct tbuf *t, int64_t v)
{
	char tmp[24];
	tb_put(t, tmp, sk_fmt_i64(tmp, v));
}

static char typechar(const struct sk_fdinfo *f)
{
	return f->kind == SK_FDK_USERFAULTFD ? 'u' : (char)f->kind;
}

static void render_fd(struct sk_evctx *ctx, struct tbuf *t, int i, int64_t fd)
{
	tb_i64(t, fd);
	if (fd == AT_FDCWD_V && ctx->info->params[i].type == SK_PT_FD) {
		tb_str(t, "(AT_FDCWD)");
		return;
	}
	if (fd < 0) {
		const char *e = i == sk_res_param(ctx->info) ? sk_errno_name(-fd) : NULL;
		if (e) {
			tb_str(t, "(");
			tb_str(t, e);
			tb_str(t, ")");
		}
		return;
	}
	const struct sk_fdinfo *f = i == ctx->fdparam ? ctx->fd : sk_proc_fd(ctx->proc, fd);
	if (!f)
		return;
	char tc[4] = {'<', typechar(f), '>', 0};
	tb_str(t, "(");
	tb_str(t, tc);
	if (f->name)
		tb_put(t, f->name->data, f->name->len);
	tb_str(t, ")");
}

static void render_strlist(struct tbuf *t, const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		char c = p[i] ? (char)p[i] : ' ';
		if (!p[i] && i + 1 == n)
			break;
		tb_put(t, &c, 1);
	}
}

static void render_path(struct sk_evctx *ctx, struct tbuf *t, const uint8_t *p, uint32_t n)
{
	tb_put(t, p, n);
	if (n && p[0] == '/')
		return;
	int64_t dirfd = AT_FDCWD_V;
	int di = sk_pidx(ctx->info, SK_PN_DIRFD);
	if (di >= 0)
		sk_ev_num(ctx->ev, ctx->info, di, &dirfd);
	struct sk_str *abs =
	    ctx->proc ? sk_path_resolve(ctx->proc, dirfd, (const char *)p, n) : NULL;
	if (abs) {
		tb_str(t, "(");
		tb_put(t, abs->data, abs->len);
		tb_str(t, ")");
		sk_str_unref(abs);
	}
}

static void render_addr(struct tbuf *t, const uint8_t *p, uint32_t n, int tuple)
{
	struct sk_addr l, r;
	char buf[300];
	if (tuple ? sk_decode_tuple(p, n, &l, &r) : sk_decode_sockaddr(p, n, &l))
		return;
	if (!l.family)
		return;
	sk_addr_format(&l, buf, sizeof(buf));
	tb_str(t, buf);
	if (tuple && l.family != 'u') {
		sk_addr_format(&r, buf, sizeof(buf));
		tb_str(t, "->");
		tb_str(t, buf);
	}
}

static void render_named(struct tbuf *t, const char *name, uint64_t v, int full, int hex)
{
	if (full || !name) {
		if (hex)
			tb_str(t, "0x");
		tb_u64(t, v, hex ? 16 : 10);
		if (name) {
			tb_str(t, "(");
			tb_str(t, name);
			tb_str(t, ")");
		}
		return;
	}
	tb_str(t, name);
}

int sk_render_param(struct sk_evctx *ctx, int i, int full, const char **s, size_t *len)
{
	const struct sk_event_info *info = ctx->info;
	if (!info || i < 0 || i >= info->nparams || (uint32_t)i >= ctx->ev->nparams)
		return -1;
	struct tbuf t = {ctx->arena, NULL, 0, 0};
	const struct sk_param_info *pi = &info->params[i];
	const struct sk_param *p = &ctx->ev->params[i];
	int64_t v = 0;
	int numeric = sk_ev_num(ctx->ev, info, i, &v) == 0;
	char names[2048];
	tb_reserve(&t, 32);
	switch (pi->type) {
	case SK_PT_STR:
		tb_put(&t, p->ptr, p->len);
		break;
	case SK_PT_BYTES:
		tb_put(&t, p->ptr, sk_bytes_shown(p->len));
		break;
	case SK_PT_PATH:
		render_path(ctx, &t, p->ptr, p->len);
		break;
	case SK_PT_STRLIST:
		render_strlist(&t, p->ptr, p->len);
		break;
	case SK_PT_SOCKADDR:
	case SK_PT_TUPLE:
		render_addr(&t, p->ptr, p->len, pi->type == SK_PT_TUPLE);
		break;
	default:
		if (!numeric)
			return -1;
		switch (pi->type) {
		case SK_PT_FD:
			render_fd(ctx, &t, i, v);
			break;
		case SK_PT_RES:
		case SK_PT_INT:
		case SK_PT_PID:
			tb_i64(&t, v);
			if (pi->type == SK_PT_RES && v < 0 && sk_errno_name(-v)) {
				tb_str(&t, "(");
				tb_str(&t, sk_errno_name(-v));
				tb_str(&t, ")");
			}
			break;
		case SK_PT_FLAGS:
		case SK_PT_ENUM:
			render_named(&t,
				     sk_flags_render(pi->ftable, (uint64_t)v, names, sizeof(names))
					 ? names
					 : NULL,
				     (uint64_t)v, full, 0);
			break;
		case SK_PT_SIG:
			render_named(&t, sk_signal_name(v), (uint64_t)v, full, 0);
			break;
		case SK_PT_SYSCALL:
			render_named(&t, sk_syscall_name(v), (uint64_t)v, full, 0);
			break;
		case SK_PT_MODE:
			tb_str(&t, v ? "0" : "");
			tb_u64(&t, (uint64_t)v, 8);
			break;
		case SK_PT_ADDR:
			tb_str(&t, "0x");
			tb_u64(&t, (uint64_t)v, 16);
			break;
		case SK_PT_DEV:
			tb_u64(&t, (uint64_t)v, 16);
			break;
		case SK_PT_CAPS:
			sk_caps_render((uint64_t)v, names, sizeof(names));
			tb_str(&t, names);
			break;
		default:
			tb_u64(&t, (uint64_t)v, 10);
			break;
		}
	}
	*s = t.p ? t.p : "";
	*len = t.n;
	return 0;
}

int sk_render_args(struct sk_evctx *ctx, const char **s, size_t *len)
{
	const struct sk_event_info *info = ctx->info;
	if (!info)
		return -1;
	struct tbuf t = {ctx->arena, NULL, 0, 0};
	tb_reserve(&t, 64);
	for (int i = 0; i < info->nparams && (uint32_t)i < ctx->ev->nparams; i++) {
		const char *v;
		size_t n;
		if (sk_render_param(ctx, i, 1, &v, &n) < 0)
			continue;
		if (t.n)
			tb_str(&t, " ");
		tb_str(&t, info->params[i].name);
		tb_str(&t, "=");
		tb_put(&t, v, n);
	}
	*s = t.p;
	*len = t.n;
	return 0;
}
