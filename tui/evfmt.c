/* evfmt.c - rendering records as text for the browser (see evfmt.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "replay/flags.h"
#include "replay/param.h"
#include "tui/esc.h"
#include "tui/evfmt.h"

void evfmt_time(int64_t wall_ns, int full, char *out, size_t len)
{
	time_t s = (time_t)(wall_ns / 1000000000);
	long ns = (long)(wall_ns % 1000000000);
	struct tm tm;
	char day[32];

	if (ns < 0)
		ns += 1000000000, s--;
	gmtime_r(&s, &tm);
	strftime(day, sizeof(day), full ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S", &tm);
	snprintf(out, len, "%s.%09ld", day, ns);
}

static void fmt_addr(const uint8_t *p, uint32_t n, int tuple, char *out, size_t len)
{
	struct sk_addr l, r;
	char a[200], b[200];

	if (tuple ? sk_decode_tuple(p, n, &l, &r) : sk_decode_sockaddr(p, n, &l)) {
		snprintf(out, len, "<bad address>");
		return;
	}
	sk_addr_format(&l, a, sizeof(a));
	if (!tuple) {
		snprintf(out, len, "%s", a);
		return;
	}
	sk_addr_format(&r, b, sizeof(b));
	snprintf(out, len, "%s->%s", a, b);
}

/* Text of a numeric or address parameter, named the way Falco names flags,
 * errors, signals and syscalls. */
static void raw_value(const struct sk_event *ev, const struct sk_event_info *info, int i, char *out,
		      size_t len)
{
	const struct sk_param_info *pi = &info->params[i];
	const char *name = NULL;
	int64_t v;

	if (pi->type == SK_PT_SOCKADDR || pi->type == SK_PT_TUPLE) {
		fmt_addr(ev->params[i].ptr, ev->params[i].len, pi->type == SK_PT_TUPLE, out, len);
		return;
	}
	if (sk_ev_num(ev, info, i, &v) < 0) {
		snprintf(out, len, "<bad>");
		return;
	}
	switch (pi->type) {
	case SK_PT_FLAGS:
	case SK_PT_ENUM:
		if (!sk_flags_render(pi->ftable, (uint64_t)v, out, len))
			snprintf(out, len, "0x%" PRIx64, (uint64_t)v);
		return;
	case SK_PT_CAPS:
	case SK_PT_ADDR:
		snprintf(out, len, "0x%" PRIx64, (uint64_t)v);
		return;
	case SK_PT_MODE:
		snprintf(out, len, "0%" PRIo64, (uint64_t)v);
		return;
	case SK_PT_RES:
		name = v < 0 ? sk_errno_name(-v) : NULL;
		break;
	case SK_PT_SIG:
		name = sk_signal_name(v);
		break;
	case SK_PT_SYSCALL:
		name = sk_syscall_name(v);
		break;
	default:
		break;
	}
	if (name)
		snprintf(out, len, "%" PRId64 "(%s)", v, name);
	else
		snprintf(out, len, sk_ptype_is_signed(pi->type) ? "%" PRId64 : "%" PRIu64, v);
}

static int is_bytes_type(uint8_t t)
{
	return t == SK_PT_STR || t == SK_PT_PATH || t == SK_PT_BYTES || t == SK_PT_STRLIST ||
	       t == SK_PT_FDLIST;
}

/* Appends "(name)" to an fd value when the namer knows the fd. */
static void name_fd(const struct sk_event *ev, const struct sk_event_info *info, int i,
		    const struct evfmt_fdnamer *namer, char *val, size_t len, int cols)
{
	const char *name;
	int64_t fd;
	size_t n = strlen(val);

	if (!namer || info->params[i].type != SK_PT_FD || sk_ev_num(ev, info, i, &fd) < 0 ||
	    fd < 0 || !(name = namer->name(namer->arg, ev, fd)) || n + 3 >= len ||
	    (cols >= 0 && (int)n + 3 > cols))
		return;
	val[n++] = '(';
	n += (size_t)tui_escape_str(name, val + n, len - n - 1, cols < 0 ? -1 : cols - (int)n - 1);
	n = strlen(val);
	val[n++] = ')';
	val[n] = 0;
}

void evfmt_param(const struct sk_event *ev, int i, const struct evfmt_fdnamer *namer, char *out,
		 size_t len, int cols)
{
	const struct sk_event_info *info = sk_event_info(ev->type);
	char raw[512];

	if (!info || i < 0 || i >= info->nparams || (uint32_t)i >= ev->nparams) {
		snprintf(out, len, "<NA>");
		return;
	}
	if (is_bytes_type(info->params[i].type)) {
		tui_escape(ev->params[i].ptr, ev->params[i].len, out, len, cols);
		return;
	}
	raw_value(ev, info, i, raw, sizeof(raw));
	tui_escape_str(raw, out, len, cols);
	name_fd(ev, info, i, namer, out, len, cols);
}

void evfmt_args(const struct sk_event *ev, const struct evfmt_fdnamer *namer, char *out, size_t len,
		int cols)
{
	const struct sk_event_info *info = sk_event_info(ev->type);
	size_t o = 0;
	char val[1024];

	out[0] = 0;
	if (!info)
		return;
	for (int i = 0; i < info->nparams && (uint32_t)i < ev->nparams; i++) {
		int room = cols < 0 ? -1 : cols - (int)o;
		int n;
		if (room >= 0 && room < 4)
			break;
		evfmt_param(ev, i, namer, val, sizeof(val),
			    room < 0 ? 80 : (room < 80 ? room : 80));
		n = snprintf(out + o, len - o, "%s%s=%s", o ? " " : "", info->params[i].name, val);
		if (n < 0 || (size_t)n >= len - o) {
			out[o] = 0;
			break;
		}
		o += (size_t)n;
	}
	if (cols >= 0 && o > (size_t)cols)
		out[cols] = 0;
}

const char *evfmt_name(const struct sk_event *ev, char *buf, size_t len)
{
	const struct sk_event_info *info = sk_event_info(ev->type);

	if (!info)
		snprintf(buf, len, "? type%u", ev->type);
	else if (info->dir == SK_DIR_NONE)
		snprintf(buf, len, "  %s", info->name);
	else
		snprintf(buf, len, "%c %s", info->dir == SK_DIR_ENTER ? '>' : '<', info->name);
	return buf;
}

int64_t evfmt_fd(const struct sk_event *ev)
{
	const struct sk_event_info *info = sk_event_info(ev->type);
	int64_t v;

	if (!info || sk_ev_num_by_name(ev, info, "fd", &v) < 0)
		return -1;
	return v;
}

const uint8_t *evfmt_payload(const struct sk_event *ev, uint32_t *len)
{
	const struct sk_event_info *info = sk_event_info(ev->type);

	if (!info)
		return NULL;
	for (int i = 0; i < info->nparams && (uint32_t)i < ev->nparams; i++)
		if (info->params[i].type == SK_PT_BYTES) {
			*len = ev->params[i].len;
			return ev->params[i].ptr;
		}
	return NULL;
}

int evfmt_io_dir(uint16_t type)
{
	switch (type) {
	case SK_E_READ_X:
	case SK_E_PREAD_X:
	case SK_E_READV_X:
	case SK_E_RECVFROM_X:
	case SK_E_RECVMSG_X:
		return 0;
	case SK_E_WRITE:
	case SK_E_PWRITE:
	case SK_E_WRITEV:
	case SK_E_SENDTO:
	case SK_E_SENDMSG:
		return 1;
	default:
		return -1;
	}
}
