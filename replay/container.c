/* container.c - container ids from cgroup paths.
 *
 * Only container-runtime layouts count: docker (v1 "/docker/<id>", v2
 * "docker-<id>.scope"), containerd/CRI ("cri-containerd-<id>.scope" and
 * kubepods trees), CRI-O ("crio-<id>[.scope]") and podman/libpod
 * ("libpod-<id>.scope", v1 "/libpod_parent/libpod-<id>"). A bare hex
 * component anywhere else (systemd units, hosting providers' memory
 * cgroups) is not a container: such a process is on the host.
 */
#include <string.h>

#include "replay/state.h"

static int is_hex_id(const char *p, size_t n)
{
	if (n != 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
			return 0;
	return 1;
}

static int has_prefix(const char *p, size_t n, const char *pre)
{
	size_t l = strlen(pre);
	return n >= l && !memcmp(p, pre, l);
}

/* A component naming a container by runtime prefix: "<pre><id>[.scope]". */
static int prefixed_id(const char *p, size_t n, char out[65])
{
	static const char *pre[] = {"docker-", "cri-containerd-", "crio-", "libpod-"};
	if (has_prefix(p, n, "libpod-conmon-") || has_prefix(p, n, "crio-conmon-"))
		return 0;
	if (n > 6 && !memcmp(p + n - 6, ".scope", 6))
		n -= 6;
	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		size_t l = strlen(pre[i]);
		if (has_prefix(p, n, pre[i]) && is_hex_id(p + l, n - l)) {
			memcpy(out, p + l, 64);
			out[64] = 0;
			return 1;
		}
	}
	return 0;
}

/* Scans one cgroup path. A bare 64-hex component counts only below a
 * runtime's own parent directory. */
static int path_id(const char *p, size_t n, char out[65])
{
	int runtime_tree = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && p[i] == '/')
			i++;
		size_t j = i;
		while (j < n && p[j] != '/')
			j++;
		const char *c = p + i;
		size_t cl = j - i;
		if (cl && prefixed_id(c, cl, out))
			return 1;
		if (runtime_tree && is_hex_id(c, cl)) {
			memcpy(out, c, 64);
			out[64] = 0;
			return 1;
		}
		if ((cl == 6 && !memcmp(c, "docker", 6)) || has_prefix(c, cl, "kubepods") ||
		    (cl == 13 && !memcmp(c, "libpod_parent", 13)))
			runtime_tree = 1;
		i = j;
	}
	return 0;
}

/* Lines are "hierarchy:controllers:path" (/proc/PID/cgroup) or
 * "controller=path"; separated by NUL or newline. */
int sk_container_id_from_cgroups(const char *cg, size_t len, char out[65])
{
	out[0] = 0;
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && cg[j] && cg[j] != '\n')
			j++;
		const char *line = cg + i, *end = cg + j;
		const char *path = NULL;
		const char *c1 = memchr(line, ':', (size_t)(end - line));
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(end - c1 - 1)) : NULL;
		if (c2)
			path = c2 + 1;
		else if ((path = memchr(line, '=', (size_t)(end - line))))
			path++;
		if (path && path_id(path, (size_t)(end - path), out))
			return 1;
		i = j + 1;
	}
	out[0] = 0;
	return 0;
}
