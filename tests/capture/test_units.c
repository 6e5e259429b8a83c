/* test_units.c - the recorder's pure functions, without BPF: container
 * recognition from cgroup paths, SOCKADDR/TUPLE encodings, the decoder
 * table's consistency with the schema, and overlay mounts from mountinfo. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include "capture/blocked.h"
#include "capture/cgroup.h"
#include "capture/overlay.h"
#include "capture/sockaddr.h"
#include "capture/syscalls.h"
#include "format/schema.h"

static int failures;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                     \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

#define ID64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void containers(void)
{
	static const struct {
		const char *path, *runtime;
	} yes[] = {
	    {"0::/system.slice/docker-" ID64 ".scope", "docker"},
	    {"4:memory:/docker/" ID64, "docker"},
	    {"0::/kubepods.slice/kubepods-pod1.slice/cri-containerd-" ID64 ".scope", "containerd"},
	    {"0::/kubepods.slice/kubepods-burstable.slice/crio-" ID64 ".scope", "cri-o"},
	    {"0::/machine.slice/libpod-" ID64 ".scope", "podman"},
	    {"1:cpu:/kubepods/besteffort/pod1234-5678/" ID64, "containerd"},
	};
	static const char *no[] = {
	    "4:memory:/process_api/49d64e3b759f7b123da6081630960181", /* this host's sandbox */
	    "0::/" ID64, /* bare hex: not a container */
	    "0::/user.slice/user-0.slice/session-1.scope",
	    "0::/docker-" ID64 "x.scope",
	    "0::/",
	};
	struct sk_container_ref ref;

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		memset(&ref, 0, sizeof(ref));
		CHECK(sk_container_from_cgroup(yes[i].path, &ref) == 1);
		CHECK(strcmp(ref.id, ID64) == 0);
		CHECK(strcmp(ref.runtime, yes[i].runtime) == 0);
	}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		CHECK(sk_container_from_cgroup(no[i], &ref) == 0);
}

static void sockaddrs(void)
{
	struct sockaddr_in in = {.sin_family = AF_INET, .sin_port = htons(8080)};
	struct sockaddr_un un = {.sun_family = AF_UNIX, .sun_path = "/run/x.sock"};
	struct sockaddr_un abs = {.sun_family = AF_UNIX};
	uint8_t out[SK_TUPLE_ENC_MAX];
	struct sk_raw_tuple t = {.family = AF_INET, .lport = 40000};
	char none[SK_UNIX_PATH] = "", path[SK_UNIX_PATH] = "/run/x.sock";
	size_t n;

	inet_pton(AF_INET, "10.1.2.3", &in.sin_addr);
	n = sk_sockaddr_encode(out, &in, sizeof(in));
	CHECK(n == 7 && out[0] == AF_INET && memcmp(out + 1, "\x0a\x01\x02\x03", 4) == 0);
	CHECK(out[5] == (8080 & 0xff) && out[6] == 8080 >> 8);
	n = sk_sockaddr_encode(out, &un, sizeof(un));
	CHECK(n == 1 + strlen("/run/x.sock") && memcmp(out + 1, "/run/x.sock", n - 1) == 0);
	memcpy(abs.sun_path, "\0hidden", 7);
	n = sk_sockaddr_encode(out, &abs, offsetof(struct sockaddr_un, sun_path) + 7);
	CHECK(n == 8 && memcmp(out + 1, "@hidden", 7) == 0);
	CHECK(sk_sockaddr_encode(out, &in, 1) == 0);

	inet_pton(AF_INET, "192.168.0.1", t.laddr);
	n = sk_tuple_encode(out, &t, offsetof(struct sk_raw_tuple, lpath), &in, sizeof(in));
	/* remote unset in the socket: taken from the call's address */
	CHECK(n == 13 && memcmp(out + 1, "\xc0\xa8\x00\x01", 4) == 0);
	CHECK(out[5] == (40000 & 0xff) && out[6] == 40000 >> 8);
	CHECK(memcmp(out + 7, "\x0a\x01\x02\x03", 4) == 0 && out[11] == (8080 & 0xff));
	n = sk_tuple_encode_unix(out, none, path);
	CHECK(n == 1 + strlen("/run/x.sock") && out[0] == AF_UNIX);
}

static void table(void)
{
	for (unsigned i = 0; i < sk_syscall_count(); i++) {
		const struct sk_syscall *sc = sk_syscall_at(i);
		const char *recipes[2] = {sc->recipe_x, sc->recipe_e};
		uint16_t types[2] = {sc->type_x, sc->type_e};

		CHECK(sk_syscall_get(sc->nr) == sc);
		CHECK(sk_syscall_name(sc->nr) != NULL);
		for (int k = 0; k < 2; k++) {
			const struct sk_event_info *info =
			    types[k] ? sk_event_info(types[k]) : NULL;
			unsigned ntok = 0;

			if (!types[k])
				continue;
			CHECK(info && recipes[k]);
			if (!info || !recipes[k])
				continue;
			for (const char *p = recipes[k]; *p; p++)
				ntok += (p == recipes[k] || p[-1] == ' ') && *p != ' ';
			/* one token per schema parameter */
			if (ntok != info->nparams)
				printf("FAIL: %s recipe has %u tokens for %u params\n", info->name,
				       ntok, info->nparams),
				    failures++;
		}
	}
}

/* Overlay mounts from a mountinfo with an escaped space in the mount point
 * and a bind mount of a subdirectory: upper-layer files are told apart by
 * path below the mount and by device. */
static void overlays(void)
{
	char dir[] = "/tmp/saker-ovl-test.XXXXXX", path[512];
	struct sk_overlays *o;
	FILE *f;

	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/up", dir);
	CHECK(mkdir(path, 0700) == 0);
	snprintf(path, sizeof(path), "%s/up/sub", dir);
	CHECK(mkdir(path, 0700) == 0);
	snprintf(path, sizeof(path), "%s/up/sub/new", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f)
		fclose(f);
	snprintf(path, sizeof(path), "%s/mountinfo", dir);
	f = fopen(path, "w");
	if (!f) {
		CHECK(!"fopen mountinfo");
		return;
	}
	fprintf(f, "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n");
	fprintf(f,
		"2 1 0:50 / /m\\040x rw shared:1 - overlay overlay "
		"rw,lowerdir=/l,upperdir=%s/up,workdir=/w\n",
		dir);
	fprintf(f, "3 1 0:50 /sub /b rw - overlay overlay rw,lowerdir=/l,upperdir=%s/up\n", dir);
	fclose(f);
	o = sk_overlays_new(path);
	CHECK(o != NULL);
	CHECK(sk_overlays_upper(o, makedev(0, 50), "/m x/sub/new") == 1);
	CHECK(sk_overlays_upper(o, makedev(0, 50), "/m x/sub/old") == 0);
	CHECK(sk_overlays_upper(o, makedev(0, 50), "/m x/sub") == 0);
	CHECK(sk_overlays_upper(o, makedev(0, 50), "/b/new") == 1);
	CHECK(sk_overlays_upper(o, makedev(0, 51), "/m x/sub/new") == 0);
	CHECK(sk_overlays_upper(o, makedev(8, 1), "/m x/sub/new") == 0);
	sk_overlays_free(o);
	unlink(path);
	snprintf(path, sizeof(path), "%s/up/sub/new", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/up/sub", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/up", dir);
	rmdir(path);
	rmdir(dir);
}

/* /proc/.../syscall texts: blocked in read, running, not in a syscall. */
static void blocked(void)
{
	uint64_t a[6];
	long nr;

	CHECK(sk_blocked_parse("0 0x4 0x5644bec29b10 0x4d 0x0 0x7f 0x1 0x7fff1f8 0x7f29\n", &nr,
			       a) == 0);
	CHECK(nr == 0 && a[0] == 4 && a[1] == 0x5644bec29b10ull && a[2] == 77 && a[5] == 1);
	CHECK(sk_blocked_nr(nr) && sk_blocked_nr(288) && !sk_blocked_nr(61) && !sk_blocked_nr(59));
	CHECK(sk_blocked_parse("running\n", &nr, a) == -1);
	CHECK(sk_blocked_parse("-1 0x7fff1f8 0x7f29\n", &nr, a) == -1);
	CHECK(sk_blocked_parse("61 0x1 0x2\n", &nr, a) == -1);
}

int main(void)
{
	containers();
	sockaddrs();
	table();
	overlays();
	blocked();
	printf("%s\n", failures ? "FAILED" : "ok");
	return failures != 0;
}
