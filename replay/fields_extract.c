/* fields_extract.c - the value of each field for the current event, from
 * the record and the replay state. A fact the capture does not hold yields
 * no value (0 results), which prints as <NA>.
 */
#include <stdio.h>
#include <string.h>

#include "replay/flags.h"
#include "replay/param.h"
#include "replay/fields_int.h"
#include "replay/state_int.h"

#define O_ACCMODE_V 3u
#define O_CREAT_V   0100u
#define O_TMPFILE_V 020000000u

static int v_str(struct sk_value *o, const char *s, size_t n)
{
	o->vtype = SK_V_STRING;
	o->v.s.ptr = s;
	o->v.s.len = n;
	return 1;
}

static int v_cstr(struct sk_value *o, const char *s)
{
	return s ? v_str(o, s, strlen(s)) : 0;
}

static int v_sk(struct sk_value *o, const struct sk_str *s)
{
	return s ? v_str(o, s->data, s->len) : 0;
}

/* Paths and snapshot strings the recorder could not learn are stored empty:
 * they are unknown, not empty. */
static int v_known(struct sk_value *o, const struct sk_str *s)
{
	return s && s->len ? v_sk(o, s) : 0;
}

static int v_uint(struct sk_value *o, uint64_t u)
{
	o->vtype = SK_V_UINT;
	o->v.u = u;
	return 1;
}

static int v_int(struct sk_value *o, int64_t i)
{
	o->vtype = SK_V_INT;
	o->v.i = i;
	return 1;
}

static int v_bool(struct sk_value *o, int b)
{
	o->vtype = SK_V_BOOL;
	o->v.u = b != 0;
	return 1;
}

static int v_typed(struct sk_value *o, uint8_t vt, uint64_t u)
{
	o->vtype = vt;
	o->v.u = u;
	return 1;
}

static char *arena_text(struct sk_evctx *ctx, size_t n)
{
	return sk_arena_alloc(ctx->arena, n + 1);
}

/* ------------------------------------------------------------ processes */

/* argv[0] (proc.exe): the exe string, i.e. the first argument. */
static int proc_exe(struct sk_value *o, const struct sk_proc *p)
{
	return p ? v_sk(o, p->exe) : 0;
}

/* A NUL-separated list as one space-separated string. */
static int joined(struct sk_evctx *ctx, struct sk_value *o, const struct sk_str *list)
{
	if (!list)
		return 0;
	size_t n = list->len;
	char *s = arena_text(ctx, n);
	memcpy(s, list->data, n);
	while (n && !s[n - 1])
		n--;
	for (size_t i = 0; i < n; i++)
		if (!s[i])
			s[i] = ' ';
	s[n] = 0;
	return v_str(o, s, n);
}

/* proc.args: arguments after argv[0], space-separated. */
static int proc_args(struct sk_evctx *ctx, struct sk_value *o, const struct sk_proc *p)
{
	return p ? joined(ctx, o, p->args) : 0;
}

/* The name of process p as the event sees it: the event thread's own name
 * for the event's process (threads can be named apart), else p's. */
static const struct sk_str *comm_of(const struct sk_evctx *ctx, const struct sk_proc *p)
{
	if (ctx->thread && p == ctx->proc && p == ctx->thread->proc)
		return sk_thread_comm(ctx->thread);
	return p ? p->comm : NULL;
}

/* proc.cmdline: name then arguments. */
static int proc_cmdline(struct sk_evctx *ctx, struct sk_value *o, const struct sk_proc *p)
{
	const struct sk_str *comm = comm_of(ctx, p);
	if (!comm)
		return 0;
	struct sk_value a;
	int has = proc_args(ctx, &a, p);
	size_t n = comm->len + (has && a.v.s.len ? 1 + a.v.s.len : 0);
	char *s = arena_text(ctx, n);
	memcpy(s, comm->data, comm->len);
	if (has && a.v.s.len) {
		s[comm->len] = ' ';
		memcpy(s + comm->len + 1, a.v.s.ptr, a.v.s.len);
	}
	s[n] = 0;
	return v_str(o, s, n);
}

static const struct sk_proc *ancestor(const struct sk_proc *p, int64_t n)
{
	while (p && n-- > 0)
		p = p->parent;
	return p;
}

static int proc_one(struct sk_evctx *ctx, int id, const struct sk_proc *p, struct sk_value *o)
{
	if (!p)
		return 0;
	switch (id) {
	case SK_F_PROC_ANAME:
		return v_sk(o, comm_of(ctx, p));
	case SK_F_PROC_AEXE:
		return proc_exe(o, p);
	case SK_F_PROC_AEXEPATH:
		return v_known(o, p->exepath);
	case SK_F_PROC_APID:
		return v_uint(o, (uint64_t)p->pid);
	case SK_F_PROC_ACMDLINE:
		return proc_cmdline(ctx, o, p);
	}
	return 0;
}

static int ancestors(struct sk_evctx *ctx, const struct sk_field_ref *ref, const struct sk_proc *p,
		     struct sk_value *out, int max)
{
	int id = ref->field->id;
	if (ref->index >= 0)
		return max > 0 ? proc_one(ctx, id, ancestor(p, ref->index), out) : 0;
	int n = 0;
	for (const struct sk_proc *a = p ? p->parent : NULL; a && n < max; a = a->parent)
		n += proc_one(ctx, id, a, &out[n]);
	return n;
}

/* The topmost ancestor still in the same session or group (Falco). */
static const struct sk_proc *leader(const struct sk_proc *p, int session)
{
	const struct sk_proc *m = p;
	int64_t want = session ? p->sid : p->pgid;
	for (const struct sk_proc *a = p->parent; a; a = a->parent) {
		if (!(a->known & SK_PK_SESSION) || (session ? a->sid : a->pgid) != want)
			break;
		m = a;
	}
	return m;
}

static int dur(const struct sk_evctx *ctx, const struct sk_proc *p, struct sk_value *o)
{
	if (!p || !(p->known & SK_PK_START) || ctx->wall_ts < p->start_time)
		return 0;
	return v_typed(o, SK_V_RELTIME, ctx->wall_ts - p->start_time);
}

static int caps(struct sk_evctx *ctx, const struct sk_proc *p, uint64_t set, struct sk_value *o)
{
	if (!p || !(p->known & SK_PK_CAPS))
		return 0;
	char *s = arena_text(ctx, 1024);
	size_t n = sk_caps_render(set, s, 1024);
	return v_str(o, s, n);
}

static int proc_field(struct sk_evctx *ctx, const struct sk_field_ref *ref, struct sk_value *o,
		      int max)
{
	const struct sk_proc *p = ctx->proc;
	const struct sk_proc *pp = p ? p->parent : NULL;
	int id = ref->field->id;
	switch (id) {
	case SK_F_PROC_ANAME:
	case SK_F_PROC_AEXE:
	case SK_F_PROC_AEXEPATH:
	case SK_F_PROC_APID:
	case SK_F_PROC_ACMDLINE:
		return ancestors(ctx, ref, p, o, max);
	}
	if (!p)
		return 0;
	switch (id) {
	case SK_F_PROC_NAME:
		return v_sk(o, comm_of(ctx, p));
	case SK_F_PROC_EXE:
		return proc_exe(o, p);
	case SK_F_PROC_EXEPATH:
		return v_known(o, p->exepath);
	case SK_F_PROC_CMDLINE:
		return proc_cmdline(ctx, o, p);
	case SK_F_PROC_ARGS:
		return proc_args(ctx, o, p);
	case SK_F_PROC_ENV:
		return joined(ctx, o, p->env);
	case SK_F_PROC_CWD:
		return v_known(o, p->cwd);
	case SK_F_PROC_PID:
		return v_uint(o, (uint64_t)p->pid);
	case SK_F_PROC_VPID:
		return (p->known & SK_PK_VPID) ? v_uint(o, (uint64_t)p->vpid) : 0;
	case SK_F_PROC_PPID:
		return (p->known & SK_PK_PPID) ? v_uint(o, (uint64_t)p->ppid) : 0;
	case SK_F_PROC_PNAME:
		return pp ? v_sk(o, pp->comm) : 0;
	case SK_F_PROC_PEXE:
		return proc_exe(o, pp);
	case SK_F_PROC_PEXEPATH:
		return pp ? v_known(o, pp->exepath) : 0;
	case SK_F_PROC_PCMDLINE:
		return proc_cmdline(ctx, o, pp);
	case SK_F_PROC_NTHREADS:
		return v_uint(o, p->nthreads);
	case SK_F_PROC_PID_TS:
		return (p->known & SK_PK_START) ? v_typed(o, SK_V_ABSTIME, p->start_time) : 0;
	case SK_F_PROC_DURATION:
		return dur(ctx, p, o);
	case SK_F_PROC_PPID_DURATION:
		return dur(ctx, pp, o);
	}
	if (id == SK_F_PROC_IS_EXE_UPPER_LAYER || id == SK_F_PROC_IS_EXE_FROM_MEMFD ||
	    id == SK_F_PROC_EXE_INO || id == SK_F_PROC_EXE_INO_CTIME ||
	    id == SK_F_PROC_EXE_INO_MTIME || id == SK_F_PROC_EXE_INO_CTIME_DUR) {
		if (!(p->known & SK_PK_EXEINO))
			return 0;
		switch (id) {
		case SK_F_PROC_IS_EXE_UPPER_LAYER:
			return v_bool(o, p->exe_upper_layer);
		case SK_F_PROC_IS_EXE_FROM_MEMFD:
			return v_bool(o, p->exe_from_memfd);
		case SK_F_PROC_EXE_INO:
			return v_uint(o, p->exe_ino);
		case SK_F_PROC_EXE_INO_CTIME:
			return v_typed(o, SK_V_ABSTIME, p->exe_ino_ctime);
		case SK_F_PROC_EXE_INO_MTIME:
			return v_typed(o, SK_V_ABSTIME, p->exe_ino_mtime);
		default:
			if (!(p->known & SK_PK_START) || p->start_time < p->exe_ino_ctime)
				return 0;
			return v_typed(o, SK_V_RELTIME, p->start_time - p->exe_ino_ctime);
		}
	}
	if (!(p->known & SK_PK_SESSION))
		return 0;
	switch (id) {
	case SK_F_PROC_SID:
		return v_uint(o, (uint64_t)p->sid);
	case SK_F_PROC_SNAME:
		return v_sk(o, leader(p, 1)->comm);
	case SK_F_PROC_VPGID:
		return v_uint(o, (uint64_t)p->pgid);
	case SK_F_PROC_VPGID_NAME:
		return v_sk(o, leader(p, 0)->comm);
	case SK_F_PROC_VPGID_EXE:
		return proc_exe(o, leader(p, 0));
	case SK_F_PROC_VPGID_EXEPATH:
		return v_known(o, leader(p, 0)->exepath);
	case SK_F_PROC_IS_VPGID_LEADER:
		return v_bool(o, p->pid == p->pgid);
	case SK_F_PROC_IS_SID_LEADER:
		return v_bool(o, p->pid == p->sid);
	case SK_F_PROC_TTY:
		return v_uint(o, p->tty);
	}
	return 0;
}

static int thread_field(struct sk_evctx *ctx, int id, struct sk_value *o)
{
	const struct sk_proc *p = ctx->proc;
	switch (id) {
	case SK_F_THREAD_TID:
		return ctx->thread ? v_uint(o, (uint64_t)ctx->thread->tid) : 0;
	case SK_F_THREAD_CAP_EFFECTIVE:
		return caps(ctx, p, p ? p->cap_eff : 0, o);
	case SK_F_THREAD_CAP_PERMITTED:
		return caps(ctx, p, p ? p->cap_prm : 0, o);
	case SK_F_THREAD_CAP_INHERITABLE:
		return caps(ctx, p, p ? p->cap_inh : 0, o);
	}
	return 0;
}

static int user_field(struct sk_evctx *ctx, int id, struct sk_value *o)
{
	const struct sk_proc *p = ctx->proc;
	if (!p)
		return 0;
	int ids = (p->known & SK_PK_IDS) != 0;
	int login = (p->known & SK_PK_LOGINUID) != 0;
	switch (id) {
	case SK_F_USER_UID:
		return ids ? v_uint(o, p->euid) : 0;
	case SK_F_USER_NAME:
		return ids ? v_cstr(o, sk_state_user_name(ctx->state, p->euid)) : 0;
	case SK_F_USER_LOGINUID:
		return login ? v_int(o, p->loginuid == UINT32_MAX ? -1 : (int64_t)p->loginuid) : 0;
	case SK_F_USER_LOGINNAME:
		if (!login || p->loginuid == UINT32_MAX)
			return 0;
		return v_cstr(o, sk_state_user_name(ctx->state, p->loginuid));
	case SK_F_GROUP_GID:
		return ids ? v_uint(o, p->egid) : 0;
	case SK_F_GROUP_NAME:
		return ids ? v_cstr(o, sk_state_group_name(ctx->state, p->egid)) : 0;
	}
	return 0;
}

/* Splits "repo[:tag][@digest]" at the tag's colon (after the last '/'). */
static int image_part(const struct sk_str *img, int tag, struct sk_value *o)
{
	if (!img || !img->len)
		return 0;
	const char *s = img->data, *end = s + img->len;
	const char *at = memchr(s, '@', img->len);
	if (at)
		end = at;
	const char *slash = s;
	for (const char *q = s; q < end; q++)
		if (*q == '/')
			slash = q;
	const char *colon = memchr(slash, ':', (size_t)(end - slash));
	if (tag)
		return colon ? v_str(o, colon + 1, (size_t)(end - colon - 1)) : 0;
	return v_str(o, s, (size_t)((colon ? colon : end) - s));
}

static int container_field(struct sk_evctx *ctx, int id, struct sk_value *o)
{
	const struct sk_proc *p = ctx->proc;
	if (!p || !p->cgroups)
		return 0;
	int host = !p->container_id[0];
	const struct sk_container *c =
	    host ? NULL : sk_state_container(ctx->state, p->container_id);
	switch (id) {
	case SK_F_CONTAINER_ID:
		return host ? v_cstr(o, "host") : v_str(o, p->container_id, 12);
	case SK_F_CONTAINER_FULL_ID:
		return host ? v_cstr(o, "host") : v_cstr(o, p->container_id);
	case SK_F_CONTAINER_NAME:
		return host ? v_cstr(o, "host") : c ? v_known(o, c->name) : 0;
	case SK_F_CONTAINER_TYPE:
		return c ? v_known(o, c->runtime) : 0;
	case SK_F_CONTAINER_IMAGE:
		return c ? v_known(o, c->image) : 0;
	case SK_F_CONTAINER_IMAGE_REPO:
		return c ? image_part(c->image, 0, o) : 0;
	case SK_F_CONTAINER_IMAGE_TAG:
		return c ? image_part(c->image, 1, o) : 0;
	case SK_F_CONTAINER_PRIVILEGED:
		return c ? v_bool(o, c->privileged) : 0;
	case SK_F_CONTAINER_START_TS:
		return c && c->start_ts ? v_typed(o, SK_V_ABSTIME, c->start_ts) : 0;
	}
	return 0;
}

/* ------------------------------------------------------------ fds */

static const char *fd_type_name(uint8_t kind)
{
	switch (kind) {
	case SK_FDK_FILE:
		return "file";
	case SK_FDK_DIR:
		return "directory";
	case SK_FDK_IPV4:
		return "ipv4";
	case SK_FDK_IPV6:
		return "ipv6";
	case SK_FDK_UNIX:
		return "unix";
	case SK_FDK_PIPE:
		return "pipe";
	case SK_FDK_EVENT:
		return "event";
	case SK_FDK_SIGNALFD:
		return "signalfd";
	case SK_FDK_EVENTPOLL:
		return "eventpoll";
	case SK_FDK_INOTIFY:
		return "inotify";
	case SK_FDK_TIMERFD:
		return "timerfd";
	case SK_FDK_NETLINK:
		return "netlink";
	case SK_FDK_BPF:
		return "bpf";
	case SK_FDK_USERFAULTFD:
		return "userfaultfd";
	case SK_FDK_IOURING:
		return "io_uring";
	case SK_FDK_MEMFD:
		return "memfd";
	case SK_FDK_PIDFD:
		return "pidfd";
	default:
		return NULL;
	}
}

static int ip_value(struct sk_value *o, uint8_t fam, const uint8_t *ip, int net)
{
	o->vtype = net ? SK_V_IPNET : SK_V_IPADDR;
	o->v.ip.family = fam;
	o->v.ip.prefix = fam == 4 ? 32 : 128;
	memset(o->v.ip.addr, 0, 16);
	memcpy(o->v.ip.addr, ip, fam == 4 ? 4 : 16);
	return 1;
}

/* which: 'c' client, 's' server, 'l' local, 'r' remote. */
static int endpoint(const struct sk_fdinfo *f, char which, const uint8_t **ip, uint16_t *port)
{
	const struct sk_sock *s = &f->sock;
	if (s->family != 4 && s->family != 6)
		return 0;
	int local;
	if (which == 'l' || which == 'r') {
		local = which == 'l';
	} else {
		if (s->role == SK_ROLE_NONE)
			return 0;
		local = (which == 'c') == (s->role == SK_ROLE_CLIENT);
	}
	if (local ? !s->has_local : !s->has_remote)
		return 0;
	*ip = local ? s->lip : s->rip;
	*port = local ? s->lport : s->rport;
	return 1;
}

static int net_field(const struct sk_fdinfo *f, int id, struct sk_value *o, int max)
{
	const uint8_t *ip;
	uint16_t port;
	static const char ends[] = "cslr";
	int n = 0;
	switch (id) {
	case SK_F_FD_IP:
	case SK_F_FD_NET:
	case SK_F_FD_PORT:
		for (int i = 0; i < 2 && n < max; i++) {
			if (!endpoint(f, ends[i], &ip, &port))
				continue;
			n += id == SK_F_FD_PORT
				 ? v_uint(&o[n], port)
				 : ip_value(&o[n], f->sock.family, ip, id == SK_F_FD_NET);
		}
		return n;
	}
	static const int ipf[] = {SK_F_FD_CIP, SK_F_FD_SIP, SK_F_FD_LIP, SK_F_FD_RIP};
	static const int netf[] = {SK_F_FD_CNET, SK_F_FD_SNET, SK_F_FD_LNET, SK_F_FD_RNET};
	static const int portf[] = {SK_F_FD_CPORT, SK_F_FD_SPORT, SK_F_FD_LPORT, SK_F_FD_RPORT};
	for (int i = 0; i < 4; i++) {
		if (id != ipf[i] && id != netf[i] && id != portf[i])
			continue;
		if (!endpoint(f, ends[i], &ip, &port))
			return 0;
		if (id == portf[i])
			return v_uint(o, port);
		return ip_value(o, f->sock.family, ip, id == netf[i]);
	}
	return 0;
}

static int is_pathish(const struct sk_fdinfo *f)
{
	return (f->kind == SK_FDK_FILE || f->kind == SK_FDK_DIR) && f->name && f->name->len &&
	       f->name->data[0] == '/';
}

static int fd_field(struct sk_evctx *ctx, const struct sk_field_ref *ref, struct sk_value *o,
		    int max)
{
	int id = ref->field->id;
	if (id == SK_F_FD_NUM)
		return ctx->fdparam >= 0 ? v_int(o, ctx->fdnum) : 0;
	const struct sk_fdinfo *f = ctx->fd;
	if (!f)
		return 0;
	const char *slash;
	switch (id) {
	case SK_F_FD_NAME:
		return v_sk(o, f->name);
	case SK_F_FD_NAMERAW:
		return v_sk(o, f->nameraw ? f->nameraw : f->name);
	case SK_F_FD_DIRECTORY:
		if (!is_pathish(f))
			return 0;
		if (f->kind == SK_FDK_DIR)
			return v_sk(o, f->name);
		slash = memrchr(f->name->data, '/', f->name->len);
		return v_str(o, f->name->data,
			     slash == f->name->data ? 1 : (size_t)(slash - f->name->data));
	case SK_F_FD_FILENAME:
		if (!is_pathish(f) || f->kind == SK_FDK_DIR)
			return 0;
		slash = memrchr(f->name->data, '/', f->name->len);
		return v_str(o, slash + 1, f->name->len - (size_t)(slash + 1 - f->name->data));
	case SK_F_FD_TYPE:
		return v_cstr(o, fd_type_name(f->kind));
	case SK_F_FD_TYPES:
		if (ref->index > 0 || max < 1)
			return 0;
		return v_cstr(o, fd_type_name(f->kind));
	case SK_F_FD_TYPECHAR: {
		static const char letters[] = "of4d6upesltinbUrmP";
		const char *c = memchr(letters, f->kind, sizeof(letters) - 1);
		if (!c)
			return 0;
		return f->kind == SK_FDK_USERFAULTFD ? v_str(o, "u", 1) : v_str(o, c, 1);
	}
	case SK_F_FD_INO:
		return f->ino ? v_uint(o, f->ino) : 0;
	case SK_F_FD_DEV:
		return f->dev ? v_uint(o, f->dev) : 0;
	case SK_F_FD_L4PROTO: {
		static const char *const l4[] = {NULL, "tcp", "udp", "icmp", "raw"};
		if (f->sock.family != 4 && f->sock.family != 6)
			return 0;
		return f->sock.l4proto < 5 ? v_cstr(o, l4[f->sock.l4proto]) : 0;
	}
	case SK_F_FD_SOCKFAMILY:
		if (f->sock.family == 4 || f->sock.family == 6)
			return v_cstr(o, "ip");
		return f->sock.family == 'u' ? v_cstr(o, "unix") : 0;
	case SK_F_FD_IS_SERVER:
		if (f->sock.family == 0 || f->sock.role == SK_ROLE_NONE)
			return 0;
		return v_bool(o, f->sock.role == SK_ROLE_SERVER);
	case SK_F_FD_CONNECTED:
		return f->sock.family ? v_bool(o, f->connected) : 0;
	case SK_F_FD_NAME_CHANGED:
		return v_bool(o, ctx->fd_name_changed);
	case SK_F_FD_CIP_NAME:
	case SK_F_FD_SIP_NAME:
	case SK_F_FD_LIP_NAME:
	case SK_F_FD_RIP_NAME:
		return 0;
	}
	return net_field(f, id, o, max);
}

/* ------------------------------------------------------------ events */

/* Flags and mode of an open-like event, decoded on first use. */
static int open_flags(struct sk_evctx *ctx, uint64_t *flags, uint64_t *mode)
{
	if (!ctx->open_decoded) {
		int64_t v = 0, m = 0;
		ctx->open_decoded = 1;
		switch (ctx->ev->type) {
		case SK_E_CREAT:
			v = O_CREAT_V | 1;
			break;
		case SK_E_OPEN:
		case SK_E_OPENAT:
		case SK_E_OPENAT2:
			if (sk_ev_pnum(ctx->ev, ctx->info, SK_PN_FLAGS, &v) < 0)
				ctx->open_decoded = -1;
			break;
		default:
			ctx->open_decoded = -1;
			break;
		}
		if (ctx->open_decoded > 0)
			sk_ev_pnum(ctx->ev, ctx->info, SK_PN_MODE, &m);
		ctx->open_flags = (uint64_t)v;
		ctx->open_mode = (uint64_t)m;
	}
	*flags = ctx->open_flags;
	*mode = ctx->open_mode;
	return ctx->open_decoded > 0;
}

static int arg_index(const struct sk_evctx *ctx, const struct sk_field_ref *ref)
{
	if (!ctx->info)
		return -1;
	if (ref->index >= 0)
		return ref->index < ctx->info->nparams ? (int)ref->index : -1;
	return sk_pidx(ctx->info, ref->pname);
}

static int res_value(const struct sk_evctx *ctx, int64_t *res)
{
	if (!ctx->info)
		return 0;
	return sk_ev_num(ctx->ev, ctx->info, sk_res_param(ctx->info), res) == 0;
}

static int evt_field(struct sk_evctx *ctx, const struct sk_field_ref *ref, struct sk_value *o)
{
	const struct sk_event *ev = ctx->ev;
	const struct sk_event_info *info = ctx->info;
	int id = ref->field->id;
	char *buf;
	const char *s;
	size_t n;
	int64_t v;
	uint64_t fl, mode;
	switch (id) {
	case SK_F_EVT_NUM:
		return v_uint(o, ev->num);
	case SK_F_EVT_TIME:
	case SK_F_EVT_TIME_S:
	case SK_F_EVT_TIME_ISO:
	case SK_F_EVT_DATETIME:
		buf = arena_text(ctx, 64);
		n = sk_time_format(ctx->wall_ts,
				   id == SK_F_EVT_TIME	     ? SK_TIME_OF_DAY
				   : id == SK_F_EVT_TIME_S   ? SK_TIME_OF_DAY_S
				   : id == SK_F_EVT_DATETIME ? SK_TIME_DATETIME
							     : SK_TIME_ISO8601,
				   buf, 64);
		return v_str(o, buf, n);
	case SK_F_EVT_RAWTIME:
		return v_typed(o, SK_V_ABSTIME, ctx->wall_ts);
	case SK_F_EVT_RAWTIME_S:
		return v_uint(o, ctx->wall_ts / 1000000000ull);
	case SK_F_EVT_RAWTIME_NS:
		return v_uint(o, ctx->wall_ts % 1000000000ull);
	case SK_F_EVT_RELTIME: {
		uint64_t start = sk_state_finfo(ctx->state)->start_boot_ns;
		return ev->ts >= start ? v_typed(o, SK_V_RELTIME, ev->ts - start) : 0;
	}
	case SK_F_EVT_CPU:
		return v_uint(o, ev->cpu);
	case SK_F_EVT_SOURCE:
		return v_cstr(o, "syscall");
	case SK_F_EVT_HOSTNAME:
		s = sk_state_finfo(ctx->state)->hostname;
		return s[0] ? v_cstr(o, s) : 0;
	case SK_F_EVT_TRUNCATED:
		return v_bool(o, ev->flags & SK_EF_TRUNCATED);
	}
	if (!info)
		return 0;
	switch (id) {
	case SK_F_EVT_TYPE:
		if ((ev->type == SK_E_GENERIC_E || ev->type == SK_E_GENERIC_X) &&
		    sk_ev_num(ev, info, 0, &v) == 0 && sk_syscall_name(v))
			return v_cstr(o, sk_syscall_name(v));
		return v_cstr(o, info->name);
	case SK_F_EVT_DIR:
		return v_cstr(o, info->dir == SK_DIR_EXIT ? "<" : ">");
	case SK_F_EVT_CATEGORY: {
		static const char *const cats[] = {"syscall", "process", "snapshot", "meta"};
		return info->category < 4 ? v_cstr(o, cats[info->category]) : 0;
	}
	case SK_F_EVT_RES:
		if (!res_value(ctx, &v))
			return 0;
		if (v >= 0 || v < -4095)
			return v_cstr(o, "SUCCESS");
		s = sk_errno_name(-v);
		if (s)
			return v_cstr(o, s);
		buf = arena_text(ctx, 24);
		return v_str(o, buf, (size_t)snprintf(buf, 24, "%lld", (long long)v));
	case SK_F_EVT_RAWRES:
		return res_value(ctx, &v) ? v_int(o, v) : 0;
	case SK_F_EVT_FAILED:
		return res_value(ctx, &v) ? v_bool(o, v < 0 && v >= -4095) : 0;
	case SK_F_EVT_ARGS:
	case SK_F_EVT_INFO:
		return sk_render_args(ctx, &s, &n) == 0 ? v_str(o, s, n) : 0;
	case SK_F_EVT_ARG:
		return sk_render_param(ctx, arg_index(ctx, ref), 0, &s, &n) == 0 ? v_str(o, s, n)
										 : 0;
	case SK_F_EVT_RAWARG: {
		int i = arg_index(ctx, ref);
		if (i < 0 || sk_ev_num(ev, info, i, &v) < 0)
			return 0;
		if (sk_ptype_is_signed(info->params[i].type))
			return v_int(o, v);
		return v_uint(o, (uint64_t)v);
	}
	case SK_F_EVT_BUFFER: {
		int i = sk_pidx(info, SK_PN_DATA);
		if (i < 0 || (uint32_t)i >= ev->nparams)
			return 0;
		o->vtype = SK_V_BYTES;
		o->v.s.ptr = (const char *)ev->params[i].ptr;
		o->v.s.len = ev->params[i].len;
		return 1;
	}
	case SK_F_EVT_BUFLEN:
		if (sk_pidx(info, SK_PN_DATA) < 0 || !res_value(ctx, &v) || v < 0)
			return 0;
		return v_uint(o, (uint64_t)v);
	case SK_F_EVT_IS_OPEN_READ:
		if (!open_flags(ctx, &fl, &mode))
			return v_bool(o, 0);
		return v_bool(o, (fl & O_ACCMODE_V) == 0 || (fl & O_ACCMODE_V) == 2);
	case SK_F_EVT_IS_OPEN_WRITE:
		if (!open_flags(ctx, &fl, &mode))
			return v_bool(o, 0);
		return v_bool(o, (fl & O_ACCMODE_V) == 1 || (fl & O_ACCMODE_V) == 2);
	case SK_F_EVT_IS_OPEN_CREATE:
		if (!open_flags(ctx, &fl, &mode))
			return v_bool(o, 0);
		return v_bool(o, (fl & O_CREAT_V) || (fl & O_TMPFILE_V) == O_TMPFILE_V);
	case SK_F_EVT_IS_OPEN_EXEC:
		if (!open_flags(ctx, &fl, &mode))
			return v_bool(o, 0);
		return v_bool(o, ((fl & O_CREAT_V) || (fl & O_TMPFILE_V) == O_TMPFILE_V) &&
				     (mode & 0111));
	}
	return 0;
}

int sk_field_extract(const struct sk_field_ref *ref, struct sk_evctx *ctx, struct sk_value *out,
		     int max)
{
	if (!ref->field || max < 1)
		return 0;
	int id = ref->field->id;
	if (id <= SK_F_EVT_TRUNCATED)
		return evt_field(ctx, ref, out);
	if (id <= SK_F_PROC_EXE_INO_CTIME_DUR)
		return proc_field(ctx, ref, out, max);
	if (id <= SK_F_THREAD_CAP_INHERITABLE)
		return thread_field(ctx, id, out);
	if (id <= SK_F_FD_RIP_NAME)
		return fd_field(ctx, ref, out, max);
	if (id <= SK_F_GROUP_NAME)
		return user_field(ctx, id, out);
	if (id <= SK_F_CONTAINER_START_TS)
		return container_field(ctx, id, out);
	return 0; /* container.mounts, container.mount.dest, k8s.*: not captured */
}
