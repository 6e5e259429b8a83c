/* skexpect.c - checks that a capture holds the records a workload says it
 * caused.
 *   skexpect CAPTURE EXPECTATIONS
 * Each expectation line is "TID NAME DIR key=value ...": some record of
 * thread TID, after the one that matched this thread's previous
 * expectation, must have that NAME and DIR (as evfmt.h prints them) and
 * every listed key=value among its parameters. Exits 0 when all match, 1
 * otherwise, listing the ones that did not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/capture/evfmt.h"

struct rec {
	unsigned tid;
	char *line; /* "NAME DIR FLAGS k=v ..." followed by a space */
};

struct cursor {
	unsigned tid;
	size_t next;
};

static struct rec *load(const char *path, size_t *n)
{
	struct sk_error err;
	struct sk_event ev;
	struct sk_reader *r = sk_reader_open(path, &err);
	struct rec *v = NULL;
	size_t cap = 0;
	int rc;

	*n = 0;
	if (!r) {
		fprintf(stderr, "skexpect: %s\n", err.msg);
		return NULL;
	}
	while ((rc = sk_reader_next(r, &ev, &err)) > 0) {
		char *buf = NULL, *p;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);

		sk_test_put_event(f, &ev);
		fclose(f);
		buf[len - 1] = ' '; /* newline to a token separator */
		p = buf;
		for (int i = 0; i < 4; i++) /* skip NUM TS TID PID */
			p = strchr(p, ' ') + 1;
		memmove(buf, p, strlen(p) + 1);
		if (*n == cap) {
			cap = cap ? 2 * cap : 4096;
			v = realloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = (struct rec){.tid = ev.tid, .line = buf};
	}
	if (rc < 0)
		fprintf(stderr, "skexpect: %s\n", err.msg);
	sk_reader_close(r);
	return v;
}

/* Does the record line carry NAME, DIR and every key=value of want? */
static int matches(const char *line, const char *name, const char *dir, char *kvs)
{
	char tok[4096];
	size_t nl = strlen(name);

	if (strncmp(line, name, nl) || line[nl] != ' ' || strncmp(line + nl + 1, dir, 1))
		return 0;
	for (char *kv = strtok(kvs, " \n"); kv; kv = strtok(NULL, " \n")) {
		snprintf(tok, sizeof(tok), " %s ", kv);
		if (!strstr(line, tok))
			return 0;
	}
	return 1;
}

static struct cursor *cursor_of(struct cursor **cs, size_t *ncs, unsigned tid)
{
	for (size_t i = 0; i < *ncs; i++)
		if ((*cs)[i].tid == tid)
			return &(*cs)[i];
	*cs = realloc(*cs, (*ncs + 1) * sizeof(**cs));
	(*cs)[*ncs] = (struct cursor){.tid = tid};
	return &(*cs)[(*ncs)++];
}

int main(int argc, char **argv)
{
	struct cursor *cs = NULL;
	size_t n, ncs = 0, total = 0, ok = 0;
	char line[8192], copy[8192];
	struct rec *recs;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: skexpect CAPTURE EXPECTATIONS\n");
		return 2;
	}
	recs = load(argv[1], &n);
	f = fopen(argv[2], "r");
	if (!recs || !f) {
		fprintf(stderr, "skexpect: cannot read %s\n", recs ? argv[2] : argv[1]);
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		char name[128], dir[4];
		unsigned tid;
		int off = 0;
		struct cursor *c;
		size_t i;

		if (sscanf(line, "%u %127s %3s %n", &tid, name, dir, &off) != 3)
			continue;
		total++;
		c = cursor_of(&cs, &ncs, tid);
		for (i = c->next; i < n; i++) {
			snprintf(copy, sizeof(copy), "%s", line + off);
			if (recs[i].tid == tid && matches(recs[i].line, name, dir, copy))
				break;
		}
		if (i == n) {
			printf("missing: %s", line);
			continue;
		}
		c->next = i + 1;
		ok++;
	}
	fclose(f);
	printf("skexpect: %zu/%zu expectations matched\n", ok, total);
	for (size_t i = 0; i < n; i++)
		free(recs[i].line);
	free(recs);
	free(cs);
	return ok == total && total > 0 ? 0 : 1;
}
