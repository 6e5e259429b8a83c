/* evfmt.c - text form of capture records for tests (see evfmt.h). */
#include <inttypes.h>

#include "capture/syscalls.h"
#include "tests/capture/evfmt.h"

static void put_bytes(FILE *f, const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (p[i] > 0x20 && p[i] < 0x7f && p[i] != '\\' && p[i] != '=')
			fputc(p[i], f);
		else
			fprintf(f, "\\x%02x", p[i]);
	}
}

static int is_bytes(uint8_t t)
{
	return t == SK_PT_STR || t == SK_PT_PATH || t == SK_PT_BYTES || t == SK_PT_SOCKADDR ||
	       t == SK_PT_TUPLE || t == SK_PT_STRLIST || t == SK_PT_FDLIST;
}

static int is_signed(uint8_t t)
{
	return t == SK_PT_INT || t == SK_PT_RES || t == SK_PT_FD || t == SK_PT_PID ||
	       t == SK_PT_SIG;
}

const char *sk_test_syscall_name(const struct sk_event *ev)
{
	const struct sk_event_info *info = sk_event_info(ev->type);
	uint64_t nr;

	if (!info || info->category != SK_CAT_SYSCALL)
		return NULL;
	if (ev->type == SK_E_GENERIC_X || ev->type == SK_E_GENERIC_E)
		return ev->nparams && sk_param_uint(&ev->params[0], &nr) == 0 ? sk_syscall_name(nr)
									      : NULL;
	for (unsigned i = 0; i < sk_syscall_count(); i++) {
		const struct sk_syscall *sc = sk_syscall_at(i);

		if (sc->type_x == ev->type || sc->type_e == ev->type)
			return sk_syscall_name(sc->nr);
	}
	return NULL;
}

void sk_test_put_event(FILE *f, const struct sk_event *ev)
{
	const struct sk_event_info *info = sk_event_info(ev->type);
	const char *name = info ? info->name : "?";

	if (ev->type == SK_E_GENERIC_X && sk_test_syscall_name(ev))
		name = sk_test_syscall_name(ev);
	fprintf(f, "%" PRIu64 " %" PRIu64 " %u %u %s %c %u", ev->num, ev->ts, ev->tid, ev->pid,
		name,
		!info			    ? '?'
		: info->dir == SK_DIR_ENTER ? '>'
		: info->dir == SK_DIR_EXIT  ? '<'
					    : '-',
		ev->flags);
	for (uint32_t i = 0; info && i < ev->nparams && i < info->nparams; i++) {
		const struct sk_param_info *pi = &info->params[i];

		fprintf(f, " %s=", pi->name);
		if (is_bytes(pi->type)) {
			put_bytes(f, ev->params[i].ptr, ev->params[i].len);
		} else if (is_signed(pi->type)) {
			int64_t v = 0;

			sk_param_int(&ev->params[i], &v);
			fprintf(f, "%" PRId64, v);
		} else {
			uint64_t v = 0;

			sk_param_uint(&ev->params[i], &v);
			fprintf(f, "%" PRIu64, v);
		}
	}
	fputc('\n', f);
}
