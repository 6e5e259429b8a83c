/* skdump.c - prints a capture one record per line, for the capture tests.
 *
 * Line format (stable, grep-friendly):
 *   NUM TS TID PID TYPE-NAME DIR FLAGS name=value name=value ...
 * DIR is '>' entry, '<' exit, '-' other. Integer parameters print in
 * decimal; byte parameters print with every byte outside 0x21..0x7e (and
 * '\' and '=') escaped as \xNN, so one value never contains a space.
 * SOCKADDR and TUPLE print their raw bytes the same way.
 * With -s, the syscall name (from the nr parameter) replaces "syscall" for
 * GENERIC records.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "capture/syscalls.h"
#include "format/capture.h"

static void put_bytes(const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (p[i] > 0x20 && p[i] < 0x7f && p[i] != '\\' && p[i] != '=')
			putchar(p[i]);
		else
			printf("\\x%02x", p[i]);
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

static void put_event(const struct sk_event *ev, int names)
{
	const struct sk_event_info *info = sk_event_info(ev->type);
	const char *name = info ? info->name : "?";

	if (names && ev->type == SK_E_GENERIC_X && ev->nparams > 0) {
		uint64_t nr;

		if (sk_param_uint(&ev->params[0], &nr) == 0 && sk_syscall_name(nr))
			name = sk_syscall_name(nr);
	}
	printf("%" PRIu64 " %" PRIu64 " %u %u %s %c %u", ev->num, ev->ts, ev->tid, ev->pid, name,
	       !info			   ? '?'
	       : info->dir == SK_DIR_ENTER ? '>'
	       : info->dir == SK_DIR_EXIT  ? '<'
					   : '-',
	       ev->flags);
	for (uint32_t i = 0; info && i < ev->nparams && i < info->nparams; i++) {
		const struct sk_param_info *pi = &info->params[i];

		printf(" %s=", pi->name);
		if (is_bytes(pi->type)) {
			put_bytes(ev->params[i].ptr, ev->params[i].len);
		} else if (is_signed(pi->type)) {
			int64_t v = 0;

			sk_param_int(&ev->params[i], &v);
			printf("%" PRId64, v);
		} else {
			uint64_t v = 0;

			sk_param_uint(&ev->params[i], &v);
			printf("%" PRIu64, v);
		}
	}
	putchar('\n');
}

int main(int argc, char **argv)
{
	int names = argc > 2 && strcmp(argv[1], "-s") == 0;
	const char *path = argv[argc - 1];
	struct sk_error err;
	struct sk_event ev;
	struct sk_reader *r;
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: skdump [-s] CAPTURE\n");
		return 2;
	}
	r = sk_reader_open(path, &err);
	if (!r) {
		fprintf(stderr, "skdump: %s\n", err.msg);
		return 1;
	}
	while ((rc = sk_reader_next(r, &ev, &err)) > 0)
		put_event(&ev, names);
	if (rc < 0)
		fprintf(stderr, "skdump: %s\n", err.msg);
	sk_reader_close(r);
	return rc < 0;
}
