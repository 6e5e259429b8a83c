/* netsock.c - /proc/<pid>/net socket tables, cached per namespace. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "capture/netsock.h"

struct netns {
	uint64_t ns_ino;
	struct sk_netsock *v;
	size_t n, cap;
};

struct sk_netsocks {
	char proc[256];
	struct netns *ns;
	size_t nns;
};

static struct sk_netsock *grow(struct netns *t)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		struct sk_netsock *v = realloc(t->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		t->v = v;
		t->cap = cap;
	}
	memset(&t->v[t->n], 0, sizeof(t->v[0]));
	return &t->v[t->n];
}

/* "0100007F:0035": 32-bit words printed in host order, port in hex. */
static int parse_addr(const char *s, uint8_t *addr, int words, uint16_t *port)
{
	for (int i = 0; i < words; i++) {
		uint32_t w;

		if (sscanf(s + 8 * i, "%8" SCNx32, &w) != 1)
			return -1;
		memcpy(addr + 4 * i, &w, 4);
	}
	if (s[8 * words] != ':')
		return -1;
	*port = (uint16_t)strtoul(s + 8 * words + 1, NULL, 16);
	return 0;
}

/* Parses one table line into s (family preset); returns 0 to keep it. */
typedef int (*line_fn)(const char *line, struct sk_netsock *s);

static int inet_line(const char *line, struct sk_netsock *s)
{
	int words = s->family == AF_INET ? 1 : 4;
	char la[64], ra[64];
	unsigned long ino;

	if (sscanf(line, " %*d: %63s %63s %*x %*s %*s %*s %*u %*u %lu", la, ra, &ino) != 3)
		return -1;
	s->ino = ino;
	return parse_addr(la, s->laddr, words, &s->lport) ||
	       parse_addr(ra, s->raddr, words, &s->rport);
}

static int unix_line(const char *line, struct sk_netsock *s)
{
	unsigned long ino;
	int off = 0;

	if (sscanf(line, "%*s %*s %*s %*s %*s %*s %lu%n", &ino, &off) != 1)
		return -1;
	s->ino = ino;
	sscanf(line + off, " %107s", s->path);
	return 0;
}

static int netlink_line(const char *line, struct sk_netsock *s)
{
	unsigned long ino;

	if (sscanf(line, "%*s %*s %*s %*s %*s %*s %*s %*s %*s %lu", &ino) != 1)
		return -1;
	s->ino = ino;
	return 0;
}

/* Reads a table (after its header line) into t. */
static void load_table(struct netns *t, const char *path, int family, line_fn fn)
{
	char line[512];
	FILE *f = fopen(path, "re");

	if (!f)
		return;
	if (fgets(line, sizeof(line), f)) {
		while (fgets(line, sizeof(line), f)) {
			struct sk_netsock *s = grow(t);

			if (!s)
				break;
			s->family = family;
			if (fn(line, s) == 0)
				t->n++;
		}
	}
	fclose(f);
}

static struct netns *load(struct sk_netsocks *n, int pid, uint64_t ns_ino)
{
	static const struct {
		const char *name;
		int family;
	} inet[] = {{"tcp", AF_INET},	{"udp", AF_INET},   {"raw", AF_INET},
		    {"tcp6", AF_INET6}, {"udp6", AF_INET6}, {"raw6", AF_INET6}};
	struct netns *v = realloc(n->ns, (n->nns + 1) * sizeof(*v)), *t;
	char path[512];

	if (!v)
		return NULL;
	n->ns = v;
	t = &v[n->nns++];
	memset(t, 0, sizeof(*t));
	t->ns_ino = ns_ino;
	for (size_t i = 0; i < sizeof(inet) / sizeof(inet[0]); i++) {
		snprintf(path, sizeof(path), "%s/%d/net/%s", n->proc, pid, inet[i].name);
		load_table(t, path, inet[i].family, inet_line);
	}
	snprintf(path, sizeof(path), "%s/%d/net/unix", n->proc, pid);
	load_table(t, path, AF_UNIX, unix_line);
	snprintf(path, sizeof(path), "%s/%d/net/netlink", n->proc, pid);
	load_table(t, path, AF_NETLINK, netlink_line);
	return t;
}

struct sk_netsocks *sk_netsocks_new(const char *proc)
{
	struct sk_netsocks *n = calloc(1, sizeof(*n));

	if (n)
		snprintf(n->proc, sizeof(n->proc), "%s", proc);
	return n;
}

void sk_netsocks_free(struct sk_netsocks *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nns; i++)
		free(n->ns[i].v);
	free(n->ns);
	free(n);
}

const struct sk_netsock *sk_netsocks_find(struct sk_netsocks *n, int pid, uint64_t ino)
{
	struct netns *t = NULL;
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%d/ns/net", n->proc, pid);
	if (stat(path, &st))
		return NULL;
	for (size_t i = 0; i < n->nns; i++)
		if (n->ns[i].ns_ino == st.st_ino)
			t = &n->ns[i];
	if (!t)
		t = load(n, pid, st.st_ino);
	for (size_t i = 0; t && i < t->n; i++)
		if (t->v[i].ino == ino)
			return &t->v[i];
	return NULL;
}
