/* encode.c - raw probe records to schema records (see encode.h). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "capture/cgroup.h"
#include "capture/encode.h"
#include "capture/sockaddr.h"
#include "capture/syscalls.h"

/* Blob views of a raw record. */
struct blobs {
	const uint8_t *p[SK_NBLOBS];
	uint32_t len[SK_NBLOBS];
};

static int split_blobs(const struct sk_rec *r, size_t size, size_t start, struct blobs *b)
{
	size_t off = start;

	for (int i = 0; i < SK_NBLOBS; i++) {
		if (off + r->blen[i] > size)
			return -1;
		b->p[i] = (const uint8_t *)r + off;
		b->len[i] = r->blen[i];
		off += r->blen[i];
	}
	return 0;
}

void sk_put_num(struct sk_writer *w, const struct sk_param_info *pi, uint64_t v)
{
	switch (pi->type) {
	case SK_PT_RES:
		sk_writer_int(w, (int64_t)v);
		break;
	case SK_PT_INT:
	case SK_PT_FD:
	case SK_PT_PID:
	case SK_PT_SIG:
		sk_writer_int(w, (int32_t)v);
		break;
	case SK_PT_UID:
	case SK_PT_GID:
	case SK_PT_MODE:
	case SK_PT_ENUM:
	case SK_PT_DEV:
		sk_writer_uint(w, (uint32_t)v);
		break;
	case SK_PT_FLAGS:
		sk_writer_uint(w, pi->ftable == SK_FT_CLONE_FLAGS ? v : (uint32_t)v);
		break;
	case SK_PT_STR:
	case SK_PT_PATH:
	case SK_PT_BYTES:
	case SK_PT_SOCKADDR:
	case SK_PT_TUPLE:
	case SK_PT_STRLIST:
	case SK_PT_FDLIST:
		sk_writer_bytes(w, NULL, 0);
		break;
	default:
		sk_writer_uint(w, v);
	}
}

/* Strings of a NUL-separated list after the first one. */
static void put_rest_strings(struct sk_writer *w, const uint8_t *p, uint32_t len, int skip_first)
{
	uint8_t tmp[SK_ARGV_MAX + 1];
	size_t first = 0;

	if (skip_first) {
		first = strnlen((const char *)p, len);
		first = first < len ? first + 1 : len;
	}
	len -= first;
	if (len > SK_ARGV_MAX)
		len = SK_ARGV_MAX;
	memcpy(tmp, p + first, len);
	if (len && tmp[len - 1] != 0)
		tmp[len++] = 0;
	sk_writer_bytes(w, tmp, len);
}

/* A blob as a parameter of its schema type. */
static void put_blob(struct sk_writer *w, const struct sk_param_info *pi, const uint8_t *p,
		     uint32_t len)
{
	uint8_t enc[SK_TUPLE_ENC_MAX];

	if (pi->type == SK_PT_SOCKADDR)
		sk_writer_bytes(w, enc, len ? sk_sockaddr_encode(enc, p, len) : 0);
	else if (pi->type == SK_PT_STRLIST)
		put_rest_strings(w, p, len, 0);
	else
		sk_writer_bytes(w, p, len);
}

static uint64_t blob_word(const struct blobs *b, int i, int k, int size)
{
	uint32_t v32 = 0;
	uint64_t v64 = 0;

	if ((uint32_t)(k + 1) * size > b->len[i])
		return 0;
	if (size == 4) {
		memcpy(&v32, b->p[i] + k * 4, 4);
		return (uint64_t)(int64_t)(int32_t)v32;
	}
	memcpy(&v64, b->p[i] + k * 8, 8);
	return v64;
}

/* capset's data: two {effective, permitted, inheritable} u32 triples. */
static uint64_t cap_word(const struct blobs *b, int which)
{
	uint32_t lo = 0, hi = 0;

	if (b->len[0] < 24)
		return 0;
	memcpy(&lo, b->p[0] + which * 4, 4);
	memcpy(&hi, b->p[0] + 12 + which * 4, 4);
	return (uint64_t)hi << 32 | lo;
}

/* A recipe token compiled once per syscall (parsing text per record showed
 * up in profiles). */
enum op_kind {
	OP_ZERO,
	OP_RES,
	OP_RES_POS,
	OP_ARG,
	OP_BLOB,
	OP_WORD,
	OP_TUPLE,
	OP_BOUND,
	OP_DEV,
	OP_INO,
	OP_CAP
};

struct op {
	uint8_t kind, a, b, c;
};

struct program {
	uint8_t ready, n;
	struct op ops[SK_MAX_PARAMS];
};

static struct op compile_token(const char *t, size_t tl)
{
	struct op o = {.kind = OP_ZERO};

	if (tl == 1 && t[0] == 'r')
		o.kind = OP_RES;
	else if (tl == 2 && t[0] == 'r')
		o.kind = OP_RES_POS;
	else if (tl == 2 && t[0] == 'a')
		o = (struct op){.kind = OP_ARG, .a = (t[1] - '0') % 6};
	else if (tl == 2 && t[0] == 'b')
		o = (struct op){.kind = OP_BLOB, .a = (t[1] - '0') % SK_NBLOBS};
	else if (tl == 4 && t[0] == 'b')
		o = (struct op){.kind = OP_WORD,
				.a = (t[1] - '0') % SK_NBLOBS,
				.b = t[3] - '0',
				.c = t[2] == 'i' ? 4 : 8};
	else if (t[0] == 't')
		o = (struct op){.kind = OP_TUPLE,
				.a = (t[1] - '0') % SK_NBLOBS,
				.b = tl == 4 ? (t[3] - '0') % SK_NBLOBS : 0xff};
	else if (tl == 3 && t[0] == 'k')
		o = (struct op){
		    .kind = OP_BOUND, .a = (t[1] - '0') % SK_NBLOBS, .b = (t[2] - '0') % SK_NBLOBS};
	else if (tl == 3 && memcmp(t, "dev", 3) == 0)
		o.kind = OP_DEV;
	else if (tl == 3 && memcmp(t, "ino", 3) == 0)
		o.kind = OP_INO;
	else if (tl == 2 && t[0] == 'c')
		o = (struct op){.kind = OP_CAP, .a = t[1] == 'e' ? 0 : t[1] == 'p' ? 1 : 2};
	return o;
}

static const struct program *compile(unsigned nr, int enter, const char *recipe, unsigned nparams)
{
	static struct program cache[SK_NR_MAX][2];
	struct program *p = &cache[nr % SK_NR_MAX][enter];

	if (p->ready)
		return p;
	for (unsigned i = 0; i < nparams && i < SK_MAX_PARAMS; i++) {
		size_t tl;

		while (*recipe == ' ')
			recipe++;
		tl = strcspn(recipe, " ");
		p->ops[i] = compile_token(recipe, tl);
		recipe += tl;
	}
	p->n = nparams;
	p->ready = 1;
	return p;
}

/* bind's address with the port the socket got (the requested one may be 0):
 * the fd's local port in the replay is then the real one. */
static void put_bound(struct sk_writer *w, const struct sk_rec *r, const struct blobs *b,
		      const struct op *o)
{
	uint8_t enc[SK_TUPLE_ENC_MAX];
	struct sk_raw_tuple t;
	size_t n = b->len[o->a] ? sk_sockaddr_encode(enc, b->p[o->a], b->len[o->a]) : 0;
	size_t port_at = n == 7 && enc[0] == AF_INET ? 5 : n == 19 && enc[0] == AF_INET6 ? 17 : 0;

	if (r->res == 0 && port_at && b->len[o->b] >= offsetof(struct sk_raw_tuple, laddr)) {
		memcpy(&t, b->p[o->b], offsetof(struct sk_raw_tuple, laddr));
		if (t.family == enc[0]) {
			enc[port_at] = t.lport & 0xff;
			enc[port_at + 1] = t.lport >> 8;
		}
	}
	sk_writer_bytes(w, enc, n);
}

static void put_op(struct sk_writer *w, const struct sk_param_info *pi, const struct op *o,
		   const struct sk_rec *r, const struct blobs *b)
{
	uint8_t enc[SK_TUPLE_ENC_MAX];
	size_t n;

	switch (o->kind) {
	case OP_RES:
		sk_put_num(w, pi, r->res);
		break;
	case OP_RES_POS:
		sk_put_num(w, pi, r->res > 0 ? r->res : 0);
		break;
	case OP_ARG:
		sk_put_num(w, pi, r->args[o->a]);
		break;
	case OP_BLOB:
		put_blob(w, pi, b->p[o->a], b->len[o->a]);
		break;
	case OP_WORD:
		sk_put_num(w, pi, blob_word(b, o->a, o->b, o->c));
		break;
	case OP_TUPLE:
		n = b->len[o->a] ? sk_tuple_encode(enc, (const void *)b->p[o->a], b->len[o->a],
						   o->b != 0xff ? b->p[o->b] : NULL,
						   o->b != 0xff ? b->len[o->b] : 0)
				 : 0;
		sk_writer_bytes(w, enc, n);
		break;
	case OP_BOUND:
		put_bound(w, r, b, o);
		break;
	case OP_DEV:
		sk_put_num(w, pi, r->dev);
		break;
	case OP_INO:
		sk_put_num(w, pi, r->ino);
		break;
	case OP_CAP:
		sk_put_num(w, pi, cap_word(b, o->a));
		break;
	default:
		sk_put_num(w, pi, 0);
	}
}

static int syscall_record(struct sk_writer *w, const struct sk_rec *r, size_t size,
			  struct sk_error *err)
{
	const struct sk_syscall *sc = sk_syscall_get(r->nr);
	int enter = r->kind == SK_K_SYS_ENTER;
	uint16_t type = sc ? (enter ? sc->type_e : sc->type_x) : 0;
	const char *recipe = sc ? (enter ? sc->recipe_e : sc->recipe_x) : NULL;
	const struct sk_event_info *info = type ? sk_event_info(type) : NULL;
	uint32_t flags = r->flags & (SK_EF_TRUNCATED | SK_EF_FAULT | SK_EF_BLOCKED);
	const struct program *prog;
	struct blobs b;

	if (split_blobs(r, size, sizeof(*r), &b))
		return 1;
	if (!info || !recipe) {
		if (enter)
			return 0; /* entries are only kept for decoded calls */
		sk_writer_begin(w, SK_E_GENERIC_X, r->ts, r->tid, r->pid, r->cpu, 0);
		sk_writer_uint(w, r->nr);
		sk_writer_int(w, r->res);
		for (int i = 0; i < 6; i++)
			sk_writer_uint(w, r->args[i]);
		return sk_writer_end(w, err);
	}
	/* prctl's second argument is a string only for PR_SET_NAME/PR_GET_NAME */
	if (type == SK_E_PRCTL && r->args[0] != 15 && r->args[0] != 16) {
		b.len[0] = 0;
		flags &= ~SK_EF_FAULT;
	}
	prog = compile(r->nr, enter, recipe, info->nparams);
	sk_writer_begin(w, type, r->ts, r->tid, r->pid, r->cpu, flags);
	for (unsigned i = 0; i < prog->n; i++)
		put_op(w, &info->params[i], &prog->ops[i], r, &b);
	return sk_writer_end(w, err);
}

static int fork_record(const struct sk_encoder *enc, struct sk_writer *w, const struct sk_rec *r,
		       size_t size, struct sk_error *err)
{
	struct blobs b;

	if (split_blobs(r, size, sizeof(*r), &b))
		return 1;
	sk_writer_begin(w, SK_E_PROC_FORK, r->ts, r->tid, r->pid, r->cpu, 0);
	sk_writer_int(w, (int32_t)r->args[0]);
	sk_writer_int(w, (int32_t)r->args[1]);
	sk_writer_uint(w, r->args[2]);
	sk_writer_bytes(w, b.p[0], strnlen((const char *)b.p[0], b.len[0]));
	sk_writer_uint(w, enc->boot_time_ns + r->args[3]);
	return sk_writer_end(w, err);
}

/* Path components leaf first (each NUL-terminated) to "/a/b/c". */
static size_t join_path(char *out, size_t cap, const uint8_t *p, uint32_t len)
{
	const char *comp[SK_PATH_DEPTH + 1];
	size_t n = 0, ncomp = 0, off = 0;

	while (off < len && ncomp < SK_PATH_DEPTH + 1) {
		size_t l = strnlen((const char *)p + off, len - off);

		comp[ncomp++] = (const char *)p + off;
		off += l + 1;
	}
	if (ncomp == 0 && cap > 1)
		out[n++] = '/';
	while (ncomp > 0) {
		const char *c = comp[--ncomp];
		size_t l = strlen(c);
		int abs = c[0] != '/';

		/* names like "memfd:x" or "pipe:[1]" are shown without a slash,
		 * like d_path shows a dentry that is not below a mount */
		if (ncomp == 0 && n == 0 && strchr(c, ':'))
			abs = 0;
		if (n + l + abs >= cap)
			break;
		if (abs)
			out[n++] = '/';
		memcpy(out + n, c, l);
		n += l;
	}
	return n;
}

static void put_cgroups(const struct sk_encoder *enc, struct sk_writer *w, uint32_t pid,
			uint64_t cgid)
{
	char path[64], buf[8192];
	const char *v2;
	size_t n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%u/cgroup", pid);
	f = fopen(path, "re");
	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		for (size_t i = 0; i < n; i++)
			if (buf[i] == '\n')
				buf[i] = 0;
	}
	if (n == 0 && enc->cgroups && (v2 = sk_cgroups_path(enc->cgroups, cgid)))
		n = snprintf(buf, sizeof(buf), "0::%s", v2) + 1;
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	sk_writer_bytes(w, buf, n);
}

static int exec_record(const struct sk_encoder *enc, struct sk_writer *w, const struct sk_rec *r,
		       size_t size, struct sk_error *err)
{
	const struct sk_exec *e = (const void *)(r + 1);
	char path[SK_STR_MAX + 2];
	struct blobs b;

	if (size < sizeof(*r) + sizeof(*e) || split_blobs(r, size, sizeof(*r) + sizeof(*e), &b))
		return 1;
	sk_writer_begin(w, SK_E_PROC_EXEC, r->ts, r->tid, r->pid, r->cpu,
			r->flags & (SK_EF_TRUNCATED | SK_EF_FAULT));
	sk_writer_bytes(w, b.p[2], strnlen((const char *)b.p[2], b.len[2]));
	sk_writer_bytes(w, path, join_path(path, sizeof(path), b.p[1], b.len[1]));
	put_rest_strings(w, b.p[2], b.len[2], 1);
	put_rest_strings(w, b.p[3], b.len[3], 0);
	sk_writer_bytes(w, path, join_path(path, sizeof(path), b.p[4], b.len[4]));
	sk_writer_bytes(w, b.p[5], strnlen((const char *)b.p[5], b.len[5]));
	sk_writer_int(w, e->ppid);
	sk_writer_int(w, e->sid);
	sk_writer_int(w, e->pgid);
	sk_writer_int(w, e->vpid);
	sk_writer_int(w, e->vtid);
	sk_writer_uint(w, e->tty);
	sk_writer_uint(w, e->uid);
	sk_writer_uint(w, e->gid);
	sk_writer_uint(w, e->euid);
	sk_writer_uint(w, e->egid);
	sk_writer_uint(w, e->loginuid);
	sk_writer_uint(w, e->cap_inh);
	sk_writer_uint(w, e->cap_prm);
	sk_writer_uint(w, e->cap_eff);
	put_cgroups(enc, w, r->pid, e->cgroup_id);
	sk_writer_uint(w, enc->boot_time_ns + e->start_boot_ns);
	sk_writer_uint(w, e->exe_ino);
	sk_writer_uint(w, e->exe_ctime_ns);
	sk_writer_uint(w, e->exe_mtime_ns);
	sk_writer_uint(w, e->exe_upper_layer);
	sk_writer_uint(w, e->exe_from_memfd);
	sk_writer_uint(w, e->fdlimit);
	sk_writer_bytes(w, b.p[0], b.len[0]);
	return sk_writer_end(w, err);
}

static int exit_record(struct sk_writer *w, const struct sk_rec *r, struct sk_error *err)
{
	sk_writer_begin(w, SK_E_PROC_EXIT, r->ts, r->tid, r->pid, r->cpu, 0);
	sk_writer_int(w, (int32_t)r->args[0]);
	sk_writer_int(w, (int32_t)r->args[2]);
	return sk_writer_end(w, err);
}

int sk_encode(const struct sk_encoder *enc, struct sk_writer *w, const struct sk_rec *r,
	      size_t size, struct sk_error *err)
{
	if (size < sizeof(*r))
		return 1;
	switch (r->kind) {
	case SK_K_SYS_EXIT:
	case SK_K_SYS_ENTER:
		return syscall_record(w, r, size, err);
	case SK_K_FORK:
		return fork_record(enc, w, r, size, err);
	case SK_K_EXEC:
		return exec_record(enc, w, r, size, err);
	case SK_K_EXIT:
		return exit_record(w, r, err);
	case SK_K_DROP:
		return sk_encode_drop(w, r->ts, r->args[0], r->args[1], err);
	}
	return 1;
}

int sk_encode_drop(struct sk_writer *w, uint64_t ts, uint32_t cpu, uint64_t count,
		   struct sk_error *err)
{
	sk_writer_begin(w, SK_E_DROP, ts, 0, 0, cpu, 0);
	sk_writer_uint(w, cpu);
	sk_writer_uint(w, count);
	sk_writer_uint(w, SK_DROP_RINGBUF_FULL);
	return sk_writer_end(w, err);
}
