/* cgroup.c - cgroup id to path resolution, and container recognition. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "capture/cgroup.h"

#define SK_CG_DEPTH 16

struct sk_cg_entry {
	uint64_t id;
	char *path;
};

struct sk_cgroups {
	char *root;
	struct sk_cg_entry *v;
	size_t n, cap;
	uint64_t last_scan_ns;
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

static void add(struct sk_cgroups *c, uint64_t id, const char *path)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 64;
		struct sk_cg_entry *v = realloc(c->v, cap * sizeof(*v));

		if (!v)
			return;
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n].id = id;
	c->v[c->n].path = strdup(path);
	if (c->v[c->n].path)
		c->n++;
}

static void clear(struct sk_cgroups *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].path);
	c->n = 0;
}

static void scan(struct sk_cgroups *c, int dirfd, char *rel, size_t len, int depth)
{
	DIR *d = fdopendir(dirfd);
	struct dirent *de;

	if (!d) {
		close(dirfd);
		return;
	}
	while ((de = readdir(d))) {
		struct stat st;
		size_t nl = strlen(de->d_name);
		int sub;

		if (de->d_type != DT_DIR || de->d_name[0] == '.' || len + nl + 2 > 4096)
			continue;
		sub = openat(dirfd, de->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (sub < 0)
			continue;
		if (fstat(sub, &st)) {
			close(sub);
			continue;
		}
		rel[len] = '/';
		memcpy(rel + len + 1, de->d_name, nl + 1);
		add(c, st.st_ino, rel);
		if (depth < SK_CG_DEPTH)
			scan(c, sub, rel, len + 1 + nl, depth + 1);
		else
			close(sub);
		rel[len] = 0;
	}
	closedir(d);
}

static void rescan(struct sk_cgroups *c)
{
	char rel[4096] = "";
	struct stat st;
	int fd;

	clear(c);
	c->last_scan_ns = now_ns();
	fd = open(c->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0)
		add(c, st.st_ino, "/");
	scan(c, fd, rel, 0, 0);
}

struct sk_cgroups *sk_cgroups_new(const char *root)
{
	struct sk_cgroups *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->root = strdup(root);
	if (!c->root) {
		free(c);
		return NULL;
	}
	rescan(c);
	return c;
}

void sk_cgroups_free(struct sk_cgroups *c)
{
	if (!c)
		return;
	clear(c);
	free(c->v);
	free(c->root);
	free(c);
}

static const char *find(struct sk_cgroups *c, uint64_t id)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].id == id)
			return c->v[i].path;
	return NULL;
}

const char *sk_cgroups_path(struct sk_cgroups *c, uint64_t id)
{
	const char *p = find(c, id);

	/* new cgroups appear while recording; walk again, at most 10 times/s */
	if (!p && now_ns() - c->last_scan_ns > 100000000u) {
		rescan(c);
		p = find(c, id);
	}
	return p;
}

static int hex_run(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];

		if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')))
			return 0;
	}
	return 1;
}

/* Finds prefix followed by a 64-hex id (and then end, '/', or suffix). */
static int match_id(const char *path, const char *prefix, const char *suffix, char *id)
{
	const char *p = path;
	size_t pl = strlen(prefix), sl = strlen(suffix);

	while ((p = strstr(p, prefix))) {
		const char *s = p + pl;

		if (strlen(s) >= 64 && hex_run(s, 64) &&
		    (sl ? strncmp(s + 64, suffix, sl) == 0 : (s[64] == 0 || s[64] == '/'))) {
			memcpy(id, s, 64);
			id[64] = 0;
			return 1;
		}
		p += pl;
	}
	return 0;
}

int sk_container_from_cgroup(const char *path, struct sk_container_ref *ref)
{
	static const struct {
		const char *prefix, *suffix, *runtime;
	} pat[] = {
	    {"/docker-", ".scope", "docker"},
	    {"/docker/", "", "docker"},
	    {"/cri-containerd-", ".scope", "containerd"},
	    {"/crio-", ".scope", "cri-o"},
	    {"/libpod-", ".scope", "podman"},
	    {"/libpod-", "/container", "podman"},
	    {"/kubepods/", "", "containerd"},
	};

	for (size_t i = 0; i < sizeof(pat) / sizeof(pat[0]); i++) {
		if (strcmp(pat[i].prefix, "/kubepods/") == 0) {
			/* cgroupfs driver: /kubepods/<qos>/pod<uid>/<64-hex> */
			const char *s = strstr(path, "/kubepods");
			const char *last = s ? strrchr(s, '/') : NULL;

			if (last && strstr(s, "/pod") && strlen(last + 1) == 64 &&
			    hex_run(last + 1, 64)) {
				memcpy(ref->id, last + 1, 65);
				strcpy(ref->runtime, pat[i].runtime);
				return 1;
			}
			continue;
		}
		if (match_id(path, pat[i].prefix, pat[i].suffix, ref->id)) {
			strcpy(ref->runtime, pat[i].runtime);
			return 1;
		}
	}
	return 0;
}
