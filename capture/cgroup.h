/* cgroup.h - cgroup paths and the containers they reveal.
 *
 * The probe reports a task's cgroup v2 id (bpf_get_current_cgroup_id), the
 * inode number of its directory under /sys/fs/cgroup; the recorder turns it
 * into a path by walking that tree, caching what it found and walking again
 * on a miss. A container id is read from a cgroup path only when the path
 * follows a known runtime's naming; a bare hex name is not a container.
 */
#ifndef SAKER_CAPTURE_CGROUP_H
#define SAKER_CAPTURE_CGROUP_H

#include <stddef.h>
#include <stdint.h>

struct sk_cgroups;

struct sk_cgroups *sk_cgroups_new(const char *root);
void sk_cgroups_free(struct sk_cgroups *c);

/* The path of cgroup id relative to the root ("/" for the root), or NULL
 * when the cgroup no longer exists. Valid until the next call. */
const char *sk_cgroups_path(struct sk_cgroups *c, uint64_t id);

struct sk_container_ref {
	char id[65];	  /* full id as the runtime names it */
	char runtime[16]; /* "docker", "containerd", "cri-o", "podman" */
};

/* Recognizes the container a cgroup path belongs to; returns 1 and fills
 * ref, or 0 when the path is not a known runtime's container cgroup. */
int sk_container_from_cgroup(const char *path, struct sk_container_ref *ref);

#endif
