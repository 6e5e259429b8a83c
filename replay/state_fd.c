/* state_fd.c - per-process fd tables driven by the syscalls that create,
 * copy, change and close descriptors, plus path resolution for *at calls.
 *
 * Which parameter names "the" fd of an event, and whether it is looked up
 * before the update (close, read...) or after it (open, socket, accept...),
 * is decided once per record type from the schema.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay/param.h"
#include "replay/state_int.h"

#define AT_FDCWD_V	  (-100)
#define O_CLOEXEC_V	  02000000u
#define O_DIRECTORY_V	  0200000u
#define O_CREAT_V	  0100u
#define O_WRONLY_V	  01u
#define O_TRUNC_V	  01000u
#define F_DUPFD_V	  0
#define F_SETFD_V	  2
#define F_DUPFD_CLOEXEC_V 1030
#define FD_CLOEXEC_V	  1
#define EINPROGRESS_V	  115

/* Per record type: the fd parameter and when to resolve it. */
struct fdspec {
	int8_t param; /* -1: none */
	int8_t after; /* resolve after the update (the fd is created by it) */
};

static struct fdspec specs[SK_E_MAX_KNOWN];
static int specs_ready;

static int is_dir_param(const char *name)
{
	static const char *dirs[] = {"dirfd",	  "olddirfd", "newdirfd",
				     "linkdirfd", "olddir",   "newdir"};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (!strcmp(name, dirs[i]))
			return 1;
	return 0;
}

int sk_created_fd_pname(uint16_t type)
{
	switch (type) {
	case SK_E_OPEN:
	case SK_E_OPENAT:
	case SK_E_OPENAT2:
	case SK_E_CREAT:
	case SK_E_SOCKET:
	case SK_E_ACCEPT_X:
	case SK_E_ACCEPT4_X:
	case SK_E_MEMFD_CREATE:
		return SK_PN_FD;
	case SK_E_EVENTFD2:
	case SK_E_USERFAULTFD:
	case SK_E_IO_URING_SETUP:
	case SK_E_DUP:
	case SK_E_DUP2:
	case SK_E_DUP3:
		return SK_PN_RES;
	case SK_E_PIPE:
	case SK_E_PIPE2:
	case SK_E_SOCKETPAIR:
		return SK_PN_FD1;
	default:
		return -1;
	}
}

static struct fdspec spec_for(const struct sk_event_info *info)
{
	struct fdspec s = {-1, 0};
	int created = sk_created_fd_pname(info->id);
	if (created >= 0) {
		s.param = (int8_t)sk_pidx(info, created);
		s.after = 1;
		return s;
	}
	if (info->category != SK_CAT_SYSCALL)
		return s;
	for (int i = 0; i < info->nparams; i++) {
		if (info->params[i].type == SK_PT_FD && !is_dir_param(info->params[i].name)) {
			s.param = (int8_t)i;
			break;
		}
	}
	return s;
}

static void specs_init(void)
{
	if (specs_ready)
		return;
	for (unsigned i = 0; i < sk_event_count(); i++) {
		const struct sk_event_info *info = sk_event_at(i);
		if (info->id < SK_E_MAX_KNOWN)
			specs[info->id] = spec_for(info);
	}
	specs_ready = 1;
}

static struct fdspec spec_of(uint16_t type)
{
	specs_init();
	struct fdspec none = {-1, 0};
	return type < SK_E_MAX_KNOWN ? specs[type] : none;
}

void sk_fd_before(struct sk_state *st, struct sk_proc *p, const struct sk_event *ev,
		  const struct sk_event_info *info, struct sk_evctx *ctx)
{
	(void)st;
	struct fdspec s = spec_of(ev->type);
	int64_t fd;
	if (s.param < 0 || s.after || sk_ev_num(ev, info, s.param, &fd) < 0)
		return;
	ctx->fdparam = s.param;
	ctx->fdnum = fd;
	struct sk_fdinfo *f = sk_proc_fd(p, fd);
	if (!f)
		return;
	/* A copy: the update (close, dup2 over it) may free the original. */
	ctx->fdcopy = *f;
	sk_str_ref(f->name);
	sk_str_ref(f->nameraw);
	ctx->fdcopy_held = 1;
	ctx->fd = &ctx->fdcopy;
}

static int is_open(uint16_t type);
static void open_describe(struct sk_proc *p, const struct sk_event *ev,
			  const struct sk_event_info *info, struct sk_fdinfo *f);

static int str_eq(const struct sk_str *a, const struct sk_str *b)
{
	if (!a || !b)
		return a == b;
	return a->len == b->len && !memcmp(a->data, b->data, a->len);
}

void sk_fd_after(struct sk_state *st, struct sk_proc *p, const struct sk_event *ev,
		 const struct sk_event_info *info, struct sk_evctx *ctx)
{
	(void)st;
	struct fdspec s = spec_of(ev->type);
	int64_t fd;
	if (s.param >= 0 && !s.after) {
		/* Still open after the call (not closed, not replaced): show
		 * its updated facts, e.g. the tuple a connect just set. */
		struct sk_fdinfo *live = sk_proc_fd(p, ctx->fdnum);
		if (live && ctx->fd) {
			ctx->fd_name_changed = !str_eq(live->name, ctx->fdcopy.name);
			ctx->fd = live;
		} else if (live && ev->type != SK_E_CLOSE) {
			ctx->fd = live;
		}
		return;
	}
	if (s.param < 0 || sk_ev_num(ev, info, s.param, &fd) < 0)
		return;
	ctx->fdparam = s.param;
	if (fd >= 0) {
		ctx->fdnum = fd;
		ctx->fd = sk_proc_fd(p, fd);
	} else if (is_open(ev->type)) {
		/* A failed open still names a file (fd.num is -1), as in Falco. */
		memset(&ctx->fdcopy, 0, sizeof(ctx->fdcopy));
		open_describe(p, ev, info, &ctx->fdcopy);
		ctx->fdcopy_held = 1;
		ctx->fd = &ctx->fdcopy;
	}
}

/* ------------------------------------------------------------ paths */

/* Appends path components to out (which holds an absolute path of length
 * *n), resolving "." and "..". */
static void path_push(char *out, size_t *n, const char *path, size_t len)
{
	size_t i = 0;
	while (i < len) {
		while (i < len && path[i] == '/')
			i++;
		size_t j = i;
		while (j < len && path[j] != '/')
			j++;
		size_t cl = j - i;
		if (cl == 0 || (cl == 1 && path[i] == '.')) {
			/* nothing */
		} else if (cl == 2 && path[i] == '.' && path[i + 1] == '.') {
			while (*n > 1 && out[*n - 1] != '/')
				(*n)--;
			if (*n > 1)
				(*n)--;
		} else {
			if (*n > 1)
				out[(*n)++] = '/';
			memcpy(out + *n, path + i, cl);
			*n += cl;
		}
		i = j;
	}
}

static struct sk_str *base_dir(const struct sk_proc *p, int64_t dirfd)
{
	if (dirfd == AT_FDCWD_V)
		return p->cwd;
	struct sk_fdinfo *f = sk_proc_fd(p, dirfd);
	return f ? f->name : NULL;
}

struct sk_str *sk_path_resolve(const struct sk_proc *p, int64_t dirfd, const char *path, size_t len)
{
	struct sk_str *base = NULL;
	if (!len || path[0] != '/') {
		base = base_dir(p, dirfd);
		if (!base || !base->len || base->data[0] != '/')
			return NULL;
	}
	size_t cap = (base ? base->len : 0) + len + 2;
	char *buf = malloc(cap);
	if (!buf)
		abort();
	size_t n = 1;
	buf[0] = '/';
	if (base)
		path_push(buf, &n, base->data, base->len);
	path_push(buf, &n, path, len);
	struct sk_str *s = sk_str_new(buf, n);
	free(buf);
	return s;
}

/* ------------------------------------------------------------ updates */

static int is_open(uint16_t type)
{
	return type == SK_E_OPEN || type == SK_E_OPENAT || type == SK_E_OPENAT2 ||
	       type == SK_E_CREAT;
}

/* Describes the file an open-like record names (opened or not). */
static void open_describe(struct sk_proc *p, const struct sk_event *ev,
			  const struct sk_event_info *info, struct sk_fdinfo *f)
{
	int64_t dirfd = AT_FDCWD_V, flags = 0, v;
	sk_ev_pnum(ev, info, SK_PN_DIRFD, &dirfd);
	if (ev->type == SK_E_CREAT)
		flags = O_CREAT_V | O_WRONLY_V | O_TRUNC_V;
	else
		sk_ev_pnum(ev, info, SK_PN_FLAGS, &flags);
	const uint8_t *path;
	uint32_t plen;
	sk_ev_pbytes(ev, info, SK_PN_NAME, &path, &plen);
	f->kind = (flags & O_DIRECTORY_V) ? SK_FDK_DIR : SK_FDK_FILE;
	f->flags = (uint32_t)flags;
	f->cloexec = (flags & O_CLOEXEC_V) != 0;
	if (path) {
		f->nameraw = sk_str_new(path, plen);
		f->name = sk_path_resolve(p, dirfd, (const char *)path, plen);
		if (!f->name)
			f->name = sk_str_ref(f->nameraw);
	}
	if (sk_ev_pnum(ev, info, SK_PN_DEV, &v) == 0)
		f->dev = (uint64_t)v;
	if (sk_ev_pnum(ev, info, SK_PN_INO, &v) == 0)
		f->ino = (uint64_t)v;
}

static void on_open(struct sk_state *st, struct sk_proc *p, const struct sk_event *ev,
		    const struct sk_event_info *info)
{
	int64_t fd;
	if (sk_ev_pnum(ev, info, SK_PN_FD, &fd) < 0 || fd < 0)
		return;
	struct sk_fdinfo *f = sk_fdinfo_new(st, SK_FDK_FILE);
	open_describe(p, ev, info, f);
	sk_fd_install(st, p, fd, f);
}

static void sock_name(struct sk_fdinfo *f, const char *unixpath, size_t ulen)
{
	char buf[256];
	struct sk_sock *s = &f->sock;
	if (s->family == 'u') {
		if (!unixpath)
			return;
		sk_str_unref(f->name);
		f->name = sk_str_new(unixpath, ulen);
		return;
	}
	if (s->family != 4 && s->family != 6)
		return;
	struct sk_addr l = {.family = s->family, .port = s->lport};
	struct sk_addr r = {.family = s->family, .port = s->rport};
	memcpy(l.ip, s->lip, 16);
	memcpy(r.ip, s->rip, 16);
	const struct sk_addr *c = s->role == SK_ROLE_SERVER ? &r : &l;
	const struct sk_addr *sv = s->role == SK_ROLE_SERVER ? &l : &r;
	int n = 0;
	if (s->has_local && s->has_remote) {
		n = sk_addr_format(c, buf, sizeof(buf));
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "->");
		n += sk_addr_format(sv, buf + n, sizeof(buf) - (size_t)n);
	} else if (s->has_local) {
		n = sk_addr_format(&l, buf, sizeof(buf));
	} else {
		return;
	}
	sk_str_unref(f->name);
	f->name = sk_str_new(buf, (size_t)n);
}

static void sock_set_local(struct sk_fdinfo *f, const struct sk_addr *a)
{
	if (a->family != 4 && a->family != 6)
		return;
	memcpy(f->sock.lip, a->ip, 16);
	f->sock.lport = a->port;
	f->sock.has_local = 1;
}

static void sock_set_remote(struct sk_fdinfo *f, const struct sk_addr *a)
{
	if (a->family != 4 && a->family != 6)
		return;
	memcpy(f->sock.rip, a->ip, 16);
	f->sock.rport = a->port;
	f->sock.has_remote = 1;
}

static int sock_kind(int64_t domain, uint8_t *family)
{
	switch (domain) {
	case 2:
		*family = 4;
		return SK_FDK_IPV4;
	case 10:
		*family = 6;
		return SK_FDK_IPV6;
	case 1:
		*family = 'u';
		return SK_FDK_UNIX;
	case 16:
		*family = 0;
		return SK_FDK_NETLINK;
	default:
		*family = 0;
		return SK_FDK_UNKNOWN;
	}
}

static uint8_t l4_of(int64_t type, int64_t proto)
{
	switch (type & 0xf) {
	case 1:
		return SK_L4_TCP;
	case 2:
		return (proto == 1 || proto == 58) ? SK_L4_ICMP : SK_L4_UDP;
	case 3:
		return SK_L4_RAW;
	default:
		return SK_L4_UNKNOWN;
	}
}

static void on_socket(struct sk_state *st, struct sk_proc *p, const struct sk_event *ev,
		      const struct sk_event_info *info, int pair)
{
	int64_t domain = 0, type = 0, proto = 0;
	sk_ev_pnum(ev, info, SK_PN_DOMAIN, &domain);
	sk_ev_pnum(ev, info, SK_PN_TYPE, &type);
	sk_ev_pnum(ev, info, SK_PN_PROTO, &proto);
	int64_t fds[2] = {-1, -1};
	if (pair) {
		int64_t res;
		if (sk_ev_pnum(ev, info, SK_PN_RES, &res) < 0 || res < 0)
			return;
		sk_ev_pnum(ev, info, SK_PN_FD1, &fds[0]);
		sk_ev_pnum(ev, info, SK_PN_FD2, &fds[1]);
	} else {
		sk_ev_pnum(ev, info, SK_PN_FD, &fds[0]);
	}
	for (int i = 0; i < 2; i++) {
		if (fds[i] < 0)
			continue;
		uint8_t fam;
		struct sk_fdinfo *f = sk_fdinfo_new(st, (uint8_t)sock_kind(domain, &fam));
		f->sock.family = fam;
		f->sock.l4proto = l4_of(type, proto);
		f->cloexec = (type & O_CLOEXEC_V) != 0;
		sk_fd_install(st, p, fds[i], f);
	}
}

static struct sk_fdinfo *fd_of(struct sk_proc *p, const struct sk_event *ev,
			       const struct sk_event_info *info, int pname)
{
	int64_t fd;
	if (sk_ev_pnum(ev, info, pname, &fd) < 0)
		return NULL;
	return sk_proc_fd(p, fd);
}

static int tuple_of(const struct sk_event *ev, const struct sk_event_info *info, struct sk_addr *l,
		    struct sk_addr *r)
{
	const uint8_t *b;
	uint32_t n;
	if (sk_ev_pbytes(ev, info, SK_PN_TUPLE, &b, &n) < 0 || !n)
		return -1;
	return sk_decode_tuple(b, n, l, r);
}

static void on_connect(struct sk_proc *p, const struct sk_event *ev,
		       const struct sk_event_info *info)
{
	int64_t res;
	if (sk_ev_pnum(ev, info, SK_PN_RES, &res) < 0 || (res < 0 && res != -EINPROGRESS_V))
		return;
	struct sk_fdinfo *f = fd_of(p, ev, info, SK_PN_FD);
	if (!f)
		return;
	struct sk_addr l, r;
	const char *upath = NULL;
	size_t ulen = 0;
	if (tuple_of(ev, info, &l, &r) == 0) {
		sock_set_local(f, &l);
		sock_set_remote(f, &r);
	} else {
		const uint8_t *b;
		uint32_t n;
		sk_ev_pbytes(ev, info, SK_PN_ADDR, &b, &n);
		if (b && n && sk_decode_sockaddr(b, n, &r) == 0) {
			sock_set_remote(f, &r);
			if (r.family == 'u') {
				upath = r.path;
				ulen = r.pathlen;
			}
		}
	}
	if (f->sock.role == SK_ROLE_NONE)
		f->sock.role = SK_ROLE_CLIENT;
	f->connected = 1;
	sock_name(f, upath, ulen);
}

static void on_accept(struct sk_state *st, struct sk_proc *p, const struct sk_event *ev,
		      const struct sk_event_info *info)
{
	int64_t fd, flags = 0;
	if (sk_ev_pnum(ev, info, SK_PN_FD, &fd) < 0 || fd < 0)
		return;
	sk_ev_pnum(ev, info, SK_PN_FLAGS, &flags);
	struct sk_fdinfo *lsn = fd_of(p, ev, info, SK_PN_SOCKFD);
	struct sk_addr l, r;
	int have = tuple_of(ev, info, &l, &r) == 0;
	uint8_t fam = have ? l.family : lsn ? lsn->sock.family : 0;
	uint8_t kind = fam == 4	    ? SK_FDK_IPV4
		       : fam == 6   ? SK_FDK_IPV6
		       : fam == 'u' ? SK_FDK_UNIX
		       : lsn	    ? lsn->kind
				    : SK_FDK_UNKNOWN;
	struct sk_fdinfo *f = sk_fdinfo_new(st, kind);
	f->sock.family = fam;
	f->sock.l4proto = lsn ? lsn->sock.l4proto : SK_L4_TCP;
	f->sock.role = SK_ROLE_SERVER;
	f->connected = 1;
	f->cloexec = (flags & O_CLOEXEC_V) != 0;
	if (have) {
		sock_set_local(f, &l);
		sock_set_remote(f, &r);
	}
	if (fam == 'u' && lsn && lsn->name)
		f->name = sk_str_ref(lsn->name);
	else
		sock_name(f, have && l.family == 'u' ? l.path : NULL, have ? l.pathlen : 0);
	sk_fd_install(st, p, fd, f);
}

static void on_bind(struct sk_proc *p, const struct sk_event *ev, const struct sk_event_info *info)
{
	int64_t res;
	if (sk_ev_pnum(ev, info, SK_PN_RES, &res) < 0 || res < 0)
		return;
	struct sk_fdinfo *f = fd_of(p, ev, info, SK_PN_FD);
	const uint8_t *b;
	uint32_t n;
	struct sk_addr a;
	sk_ev_pbytes(ev, info, SK_PN_ADDR, &b, &n);
	if (!f || !b || !n || sk_decode_sockaddr(b, n, &a) < 0)
		return;
	sock_set_local(f, &a);
	sock_name(f, a.family == 'u' ? a.path : NULL, a.pathlen);
}

static void on_listen(struct sk_proc *p, const struct sk_event *ev,
		      const struct sk_event_info *info)
{
	int64_t res;
	if (sk_ev_pnum(ev, info, SK_PN_RES, &res) < 0 || res < 0)
		return;
	struct sk_fdinfo *f = fd_of(p, ev, info, SK_PN_FD);
	if (f)
		f->sock.role = SK_ROLE_SERVER;
}

/* sendto/recvfrom/sendmsg/recvmsg on unconnected sockets carry a tuple. */
static void on_datagram(struct sk_proc *p, const struct sk_event *ev,
			const struct sk_event_info *info)
{
	int64_t res;
	if (sk_ev_pnum(ev, info, SK_PN_RES, &res) < 0 || res < 0)
		return;
	struct sk_fdinfo *f = fd_of(p, ev, info, SK_PN_FD);
	struct sk_addr l, r;
	if (!f || f->connected || (f->sock.family != 4 && f->sock.family != 6) ||
	    tuple_of(ev, info, &l, &r) < 0 || (l.family != 4 && l.family != 6))
		return;
	sock_set_local(f, &l);
	sock_set_remote(f, &r);
	if (f->sock.role == SK_ROLE_NONE)
		f->sock.role = ev->type == SK_E_SENDTO || ev->type == SK_E_SENDMSG ? SK_ROLE_CLIENT
										   : SK_ROLE_SERVER;
	sock_name(f, NULL, 0);
}

static void dup_to(struct sk_state *st, struct sk_proc *p, int64_t oldfd, int64_t newfd,
		   int cloexec)
{
	if (newfd < 0 || oldfd == newfd)
		return;
	struct sk_fdinfo *o = sk_proc_fd(p, oldfd);
	if (!o) {
		sk_fd_remove(st, p, newfd);
		return;
	}
	struct sk_fdinfo *n = sk_fdinfo_dup(st, o);
	n->cloexec = (uint8_t)cloexec;
	sk_fd_install(st, p, newfd, n);
}

static void on_dup(struct sk_state *st, struct sk_proc *p, const struct sk_event *ev,
		   const struct sk_event_info *info)
{
	int64_t res, oldfd, flags = 0;
	if (sk_ev_pnum(ev, info, SK_PN_RES, &res) < 0 || res < 0 ||
	    sk_ev_pnum(ev, info, SK_PN_OLDFD, &oldfd) < 0)
		return;
	sk_ev_pnum(ev, info, SK_PN_FLAGS, &flags);
	dup_to(st, p, oldfd, res, (flags & O_CLOEXEC_V) != 0);
}

static void on_fcntl(struct sk_state *st, struct sk_proc *p, const struct sk_event *ev,
		     const struct sk_event_info *info)
{
	int64_t res, fd, cmd, arg = 0;
	if (sk_ev_pnum(ev, info, SK_PN_RES, &res) < 0 || res < 0 ||
	    sk_ev_pnum(ev, info, SK_PN_FD, &fd) < 0 || sk_ev_pnum(ev, info, SK_PN_CMD, &cmd) < 0)
		return;
	sk_ev_pnum(ev, info, SK_PN_ARG, &arg);
	if (cmd == F_DUPFD_V || cmd == F_DUPFD_CLOEXEC_V) {
		dup_to(st, p, fd, res, cmd == F_DUPFD_CLOEXEC_V);
	} else if (cmd == F_SETFD_V) {
		struct sk_fdinfo *f = sk_proc_fd(p, fd);
		if (f)
			f->cloexec = (arg & FD_CLOEXEC_V) != 0;
	}
}

static void on_pipe(struct sk_state *st, struct sk_proc *p, const struct sk_event *ev,
		    const struct sk_event_info *info)
{
	int64_t res, fd1, fd2, ino = 0, flags = 0;
	if (sk_ev_pnum(ev, info, SK_PN_RES, &res) < 0 || res < 0 ||
	    sk_ev_pnum(ev, info, SK_PN_FD1, &fd1) < 0 || sk_ev_pnum(ev, info, SK_PN_FD2, &fd2) < 0)
		return;
	sk_ev_pnum(ev, info, SK_PN_INO, &ino);
	sk_ev_pnum(ev, info, SK_PN_FLAGS, &flags);
	char name[64];
	int n = snprintf(name, sizeof(name), "pipe:[%llu]", (unsigned long long)ino);
	int64_t fds[2] = {fd1, fd2};
	for (int i = 0; i < 2; i++) {
		struct sk_fdinfo *f = sk_fdinfo_new(st, SK_FDK_PIPE);
		f->ino = (uint64_t)ino;
		f->cloexec = (flags & O_CLOEXEC_V) != 0;
		if (ino)
			f->name = sk_str_new(name, (size_t)n);
		sk_fd_install(st, p, fds[i], f);
	}
}

/* A new fd whose number is the result: eventfd, userfaultfd, io_uring. */
static void on_simple_fd(struct sk_state *st, struct sk_proc *p, const struct sk_event *ev,
			 const struct sk_event_info *info, uint8_t kind, const char *name)
{
	int64_t res, flags = 0;
	if (sk_ev_pnum(ev, info, SK_PN_RES, &res) < 0 || res < 0)
		return;
	sk_ev_pnum(ev, info, SK_PN_FLAGS, &flags);
	struct sk_fdinfo *f = sk_fdinfo_new(st, kind);
	f->cloexec = (flags & O_CLOEXEC_V) != 0;
	if (name)
		f->name = sk_str_new(name, strlen(name));
	sk_fd_install(st, p, res, f);
}

static void on_memfd(struct sk_state *st, struct sk_proc *p, const struct sk_event *ev,
		     const struct sk_event_info *info)
{
	int64_t fd, flags = 0;
	if (sk_ev_pnum(ev, info, SK_PN_FD, &fd) < 0 || fd < 0)
		return;
	sk_ev_pnum(ev, info, SK_PN_FLAGS, &flags);
	const uint8_t *b;
	uint32_t n;
	sk_ev_pbytes(ev, info, SK_PN_NAME, &b, &n);
	struct sk_fdinfo *f = sk_fdinfo_new(st, SK_FDK_MEMFD);
	f->cloexec = (flags & 1u) != 0; /* MFD_CLOEXEC */
	char *buf = malloc(n + 7);
	if (!buf)
		abort();
	memcpy(buf, "memfd:", 6);
	if (n)
		memcpy(buf + 6, b, n);
	f->name = sk_str_new(buf, n + 6);
	free(buf);
	sk_fd_install(st, p, fd, f);
}

static void on_chdir(struct sk_proc *p, const struct sk_event *ev, const struct sk_event_info *info)
{
	int64_t res;
	if (sk_ev_pnum(ev, info, SK_PN_RES, &res) < 0 || res < 0)
		return;
	struct sk_str *cwd = NULL;
	if (ev->type == SK_E_FCHDIR) {
		struct sk_fdinfo *f = fd_of(p, ev, info, SK_PN_FD);
		cwd = f ? sk_str_ref(f->name) : NULL;
	} else {
		const uint8_t *b;
		uint32_t n;
		sk_ev_pbytes(ev, info, SK_PN_PATH, &b, &n);
		if (b)
			cwd = sk_path_resolve(p, AT_FDCWD_V, (const char *)b, n);
	}
	/* An unknown new cwd must not leave the old one in place. */
	sk_str_unref(p->cwd);
	p->cwd = cwd;
}

static void on_close(struct sk_state *st, struct sk_proc *p, const struct sk_event *ev,
		     const struct sk_event_info *info)
{
	int64_t res, fd;
	if (sk_ev_pnum(ev, info, SK_PN_RES, &res) < 0 || res < 0 ||
	    sk_ev_pnum(ev, info, SK_PN_FD, &fd) < 0)
		return;
	sk_fd_remove(st, p, fd);
}

static void on_setuid(struct sk_proc *p, const struct sk_event *ev,
		      const struct sk_event_info *info)
{
	int64_t res, v;
	if (sk_ev_pnum(ev, info, SK_PN_RES, &res) < 0 || res < 0 || !(p->known & SK_PK_IDS))
		return;
	switch (ev->type) {
	case SK_E_SETUID:
		if (sk_ev_pnum(ev, info, SK_PN_UID, &v) == 0)
			p->euid = p->uid = (uint32_t)v;
		break;
	case SK_E_SETGID:
		if (sk_ev_pnum(ev, info, SK_PN_GID, &v) == 0)
			p->egid = p->gid = (uint32_t)v;
		break;
	case SK_E_SETREUID:
	case SK_E_SETRESUID:
		if (sk_ev_pnum(ev, info, SK_PN_RUID, &v) == 0 && (uint32_t)v != UINT32_MAX)
			p->uid = (uint32_t)v;
		if (sk_ev_pnum(ev, info, SK_PN_EUID, &v) == 0 && (uint32_t)v != UINT32_MAX)
			p->euid = (uint32_t)v;
		break;
	case SK_E_SETREGID:
	case SK_E_SETRESGID:
		if (sk_ev_pnum(ev, info, SK_PN_RGID, &v) == 0 && (uint32_t)v != UINT32_MAX)
			p->gid = (uint32_t)v;
		if (sk_ev_pnum(ev, info, SK_PN_EGID, &v) == 0 && (uint32_t)v != UINT32_MAX)
			p->egid = (uint32_t)v;
		break;
	}
}

static void on_capset(struct sk_proc *p, const struct sk_event *ev,
		      const struct sk_event_info *info)
{
	int64_t res, i, pm, e;
	if (sk_ev_pnum(ev, info, SK_PN_RES, &res) < 0 || res < 0 ||
	    sk_ev_pnum(ev, info, SK_PN_CAP_INHERITABLE, &i) ||
	    sk_ev_pnum(ev, info, SK_PN_CAP_PERMITTED, &pm) ||
	    sk_ev_pnum(ev, info, SK_PN_CAP_EFFECTIVE, &e))
		return;
	p->cap_inh = (uint64_t)i;
	p->cap_prm = (uint64_t)pm;
	p->cap_eff = (uint64_t)e;
	p->known |= SK_PK_CAPS;
}

void sk_fd_apply(struct sk_state *st, struct sk_proc *p, const struct sk_event *ev,
		 const struct sk_event_info *info)
{
	switch (ev->type) {
	case SK_E_OPEN:
	case SK_E_OPENAT:
	case SK_E_OPENAT2:
	case SK_E_CREAT:
		on_open(st, p, ev, info);
		break;
	case SK_E_CLOSE:
		on_close(st, p, ev, info);
		break;
	case SK_E_SOCKET:
		on_socket(st, p, ev, info, 0);
		break;
	case SK_E_SOCKETPAIR:
		on_socket(st, p, ev, info, 1);
		break;
	case SK_E_CONNECT_X:
		on_connect(p, ev, info);
		break;
	case SK_E_ACCEPT_X:
	case SK_E_ACCEPT4_X:
		on_accept(st, p, ev, info);
		break;
	case SK_E_BIND:
		on_bind(p, ev, info);
		break;
	case SK_E_LISTEN:
		on_listen(p, ev, info);
		break;
	case SK_E_SENDTO:
	case SK_E_RECVFROM_X:
	case SK_E_SENDMSG:
	case SK_E_RECVMSG_X:
		on_datagram(p, ev, info);
		break;
	case SK_E_DUP:
	case SK_E_DUP2:
	case SK_E_DUP3:
		on_dup(st, p, ev, info);
		break;
	case SK_E_FCNTL:
		on_fcntl(st, p, ev, info);
		break;
	case SK_E_PIPE:
	case SK_E_PIPE2:
		on_pipe(st, p, ev, info);
		break;
	case SK_E_EVENTFD2:
		on_simple_fd(st, p, ev, info, SK_FDK_EVENT, NULL);
		break;
	case SK_E_USERFAULTFD:
		on_simple_fd(st, p, ev, info, SK_FDK_USERFAULTFD, NULL);
		break;
	case SK_E_IO_URING_SETUP:
		on_simple_fd(st, p, ev, info, SK_FDK_IOURING, NULL);
		break;
	case SK_E_MEMFD_CREATE:
		on_memfd(st, p, ev, info);
		break;
	case SK_E_CHDIR:
	case SK_E_FCHDIR:
		on_chdir(p, ev, info);
		break;
	case SK_E_SETUID:
	case SK_E_SETGID:
	case SK_E_SETREUID:
	case SK_E_SETREGID:
	case SK_E_SETRESUID:
	case SK_E_SETRESGID:
		on_setuid(p, ev, info);
		break;
	case SK_E_CAPSET:
		on_capset(p, ev, info);
		break;
	}
}

/* ------------------------------------------------------------ snapshot */

static const uint8_t snap_kinds[SK_SFD_COUNT] = {
    [SK_SFD_UNKNOWN] = SK_FDK_UNKNOWN,
    [SK_SFD_FILE] = SK_FDK_FILE,
    [SK_SFD_DIRECTORY] = SK_FDK_DIR,
    [SK_SFD_IPV4] = SK_FDK_IPV4,
    [SK_SFD_IPV6] = SK_FDK_IPV6,
    [SK_SFD_UNIX] = SK_FDK_UNIX,
    [SK_SFD_PIPE] = SK_FDK_PIPE,
    [SK_SFD_EVENT] = SK_FDK_EVENT,
    [SK_SFD_SIGNALFD] = SK_FDK_SIGNALFD,
    [SK_SFD_EVENTPOLL] = SK_FDK_EVENTPOLL,
    [SK_SFD_INOTIFY] = SK_FDK_INOTIFY,
    [SK_SFD_TIMERFD] = SK_FDK_TIMERFD,
    [SK_SFD_NETLINK] = SK_FDK_NETLINK,
    [SK_SFD_BPF] = SK_FDK_BPF,
    [SK_SFD_USERFAULTFD] = SK_FDK_USERFAULTFD,
    [SK_SFD_IOURING] = SK_FDK_IOURING,
    [SK_SFD_MEMFD] = SK_FDK_MEMFD,
    [SK_SFD_PIDFD] = SK_FDK_PIDFD,
};

void sk_fd_snapshot(struct sk_state *st, const struct sk_event *ev,
		    const struct sk_event_info *info)
{
	struct sk_thread *t = sk_state_thread(st, ev->pid);
	if (!t)
		t = sk_state_thread(st, ev->tid);
	int64_t fd, type = 0, flags = 0, v;
	if (!t || sk_ev_num(ev, info, 0, &fd) < 0 || fd < 0)
		return;
	sk_ev_num(ev, info, 1, &type);
	sk_ev_num(ev, info, 2, &flags);
	uint8_t kind = type >= 0 && type < SK_SFD_COUNT ? snap_kinds[type] : SK_FDK_UNKNOWN;
	struct sk_fdinfo *f = sk_fdinfo_new(st, kind);
	f->flags = (uint32_t)flags;
	f->cloexec = (flags & O_CLOEXEC_V) != 0;
	if (sk_ev_num(ev, info, 5, &v) == 0)
		f->dev = (uint64_t)v;
	if (sk_ev_num(ev, info, 6, &v) == 0)
		f->ino = (uint64_t)v;
	const uint8_t *b;
	uint32_t n;
	sk_ev_bytes(ev, 3, &b, &n);
	if (b && n) {
		f->name = sk_str_new(b, n);
		f->nameraw = sk_str_ref(f->name);
	}
	struct sk_addr l, r;
	sk_ev_bytes(ev, 4, &b, &n);
	if ((kind == SK_FDK_IPV4 || kind == SK_FDK_IPV6) && b && n &&
	    sk_decode_tuple(b, n, &l, &r) == 0) {
		f->sock.family = kind == SK_FDK_IPV4 ? 4 : 6;
		sock_set_local(f, &l);
		int zero = 1;
		for (int i = 0; i < 16; i++)
			zero &= r.ip[i] == 0;
		if (!zero || r.port) {
			sock_set_remote(f, &r);
			f->connected = 1;
		}
		sock_name(f, NULL, 0);
	} else if (kind == SK_FDK_UNIX) {
		f->sock.family = 'u';
	}
	sk_fd_install(st, t->proc, fd, f);
}
