/* skstrace.c - compares a capture with strace's log of the same run.
 *   skstrace CAPTURE STRACE_LOG
 * The log comes from `strace -f -s 4096 -o LOG` run under saker-record, so
 * both saw the same threads. For every thread strace logged, its sequence
 * of (syscall name, first string argument) must appear in order among the
 * capture's syscall records of that thread. Prints the share matched, for
 * all syscalls and for the decoded set; exits 0 only when the decoded set
 * matches 100% and everything else at least 99%.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/syscalls.h"
#include "tests/capture/evfmt.h"

struct call {
	unsigned tid;
	char name[32];
	char path[512]; /* first string argument, "" when none */
	int decoded;
};

struct calls {
	struct call *v;
	size_t n, cap;
};

static struct call *push(struct calls *c)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 4096;
		c->v = realloc(c->v, c->cap * sizeof(*c->v));
	}
	memset(&c->v[c->n], 0, sizeof(c->v[0]));
	return &c->v[c->n++];
}

static int is_decoded(const char *name)
{
	for (unsigned i = 0; i < sk_syscall_count(); i++)
		if (strcmp(sk_syscall_name(sk_syscall_at(i)->nr), name) == 0)
			return 1;
	return 0;
}

/* The first PATH or STR parameter of a record, unescaped. */
static void first_string(const struct sk_event *ev, char *out, size_t cap)
{
	const struct sk_event_info *info = sk_event_info(ev->type);

	out[0] = 0;
	for (uint32_t i = 0; info && i < ev->nparams && i < info->nparams; i++) {
		uint8_t t = info->params[i].type;

		if (t == SK_PT_PATH || t == SK_PT_STR) {
			size_t n = ev->params[i].len < cap - 1 ? ev->params[i].len : cap - 1;

			memcpy(out, ev->params[i].ptr, n);
			out[n] = 0;
			return;
		}
	}
}

static int load_capture(const char *path, struct calls *c)
{
	struct sk_error err;
	struct sk_event ev;
	struct sk_reader *r = sk_reader_open(path, &err);
	int rc;

	if (!r) {
		fprintf(stderr, "skstrace: %s\n", err.msg);
		return -1;
	}
	while ((rc = sk_reader_next(r, &ev, &err)) > 0) {
		const struct sk_event_info *info = sk_event_info(ev.type);
		const char *name = sk_test_syscall_name(&ev);
		struct call *k;

		if (!name || !info)
			continue;
		/* exit records, and entries of calls that never return */
		if (info->dir == SK_DIR_ENTER && ev.type != SK_E_EXIT_E &&
		    ev.type != SK_E_EXIT_GROUP_E)
			continue;
		k = push(c);
		k->tid = ev.tid;
		snprintf(k->name, sizeof(k->name), "%s", name);
		first_string(&ev, k->path, sizeof(k->path));
	}
	sk_reader_close(r);
	return rc < 0 ? -1 : 0;
}

/* strace's "..." argument with C escapes undone (enough for paths). */
static void unquote(const char *s, char *out, size_t cap)
{
	size_t n = 0;

	for (s++; *s && *s != '"' && n + 1 < cap; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			if (*s >= '0' && *s <= '7') {
				int v = 0, k = 0;

				while (k < 3 && *s >= '0' && *s <= '7')
					v = v * 8 + (*s++ - '0'), k++;
				s--;
				out[n++] = (char)v;
				continue;
			}
			out[n++] = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
			continue;
		}
		out[n++] = *s;
	}
	out[n] = 0;
}

static int load_strace(const char *path, struct calls *c)
{
	char line[16384];
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char name[32], *p, *q;
		unsigned tid;
		int off = 0;
		struct call *k;

		if (sscanf(line, "%u %n", &tid, &off) != 1)
			continue;
		p = line + off;
		if (strncmp(p, "<...", 4) == 0 || strncmp(p, "+++", 3) == 0 ||
		    strncmp(p, "---", 3) == 0)
			continue;
		q = strchr(p, '(');
		if (!q || q - p >= (long)sizeof(name) || q == p)
			continue;
		memcpy(name, p, q - p);
		name[q - p] = 0;
		k = push(c);
		k->tid = tid;
		snprintf(k->name, sizeof(k->name), "%s", name);
		k->decoded = is_decoded(name);
		/* first quoted argument before the closing parenthesis */
		q = strchr(q, '"');
		if (q && !strstr(name, "read") && !strstr(name, "recv") && !strstr(name, "write") &&
		    !strstr(name, "send"))
			unquote(q, k->path, sizeof(k->path));
	}
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	struct calls cap = {0}, st = {0};
	size_t all = 0, all_ok = 0, dec = 0, dec_ok = 0, shown = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: skstrace CAPTURE STRACE_LOG\n");
		return 2;
	}
	if (load_capture(argv[1], &cap) || load_strace(argv[2], &st)) {
		fprintf(stderr, "skstrace: cannot read the inputs\n");
		return 1;
	}
	/* per thread, greedy in-order matching of strace's calls */
	for (size_t i = 0; i < st.n; i++) {
		struct call *s = &st.v[i];
		size_t *cursor = NULL, j;
		static size_t cur[1 << 16];

		cursor = &cur[s->tid & 0xffff];
		for (j = *cursor; j < cap.n; j++) {
			struct call *k = &cap.v[j];

			if (k->tid == s->tid && strcmp(k->name, s->name) == 0 &&
			    (!k->path[0] || !s->path[0] || strcmp(k->path, s->path) == 0))
				break;
		}
		all++;
		dec += s->decoded;
		if (j < cap.n) {
			*cursor = j + 1;
			all_ok++;
			dec_ok += s->decoded;
		} else if (shown++ < 20) {
			printf("not in capture: tid %u %s %s\n", s->tid, s->name, s->path);
		}
	}
	printf("skstrace: %zu/%zu strace calls matched (%.2f%%); decoded set %zu/%zu (%.2f%%)\n",
	       all_ok, all, all ? 100.0 * all_ok / all : 0, dec_ok, dec,
	       dec ? 100.0 * dec_ok / dec : 0);
	free(cap.v);
	free(st.v);
	return all && dec_ok == dec && all_ok * 100 >= all * 99 ? 0 : 1;
}
