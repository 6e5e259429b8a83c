/* blocked.c - entry records at stop for threads blocked in a syscall (see
 * blocked.h): the probe skips these entries, since a record per read at
 * entry and another at exit costs far more than a look at /proc once. */
#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/blocked.h"
#include "capture/saker.h"

int sk_blocked_nr(long nr)
{
	switch (nr) {
	case 0:	  /* read */
	case 17:  /* pread64 */
	case 19:  /* readv */
	case 42:  /* connect */
	case 43:  /* accept */
	case 45:  /* recvfrom */
	case 47:  /* recvmsg */
	case 288: /* accept4 */
		return 1;
	}
	return 0;
}

int sk_blocked_parse(const char *text, long *nr, uint64_t args[6])
{
	char *end;

	*nr = strtol(text, &end, 10);
	if (end == text || *nr < 0)
		return -1;
	for (int i = 0; i < 6; i++) {
		text = end;
		args[i] = strtoull(text, &end, 16);
		if (end == text)
			return -1;
	}
	return 0;
}

static int read_text(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, cap - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	return 0;
}

/* The CPU a thread last ran on: field 39 of its stat. */
static uint16_t last_cpu(const char *dir)
{
	char path[160], buf[1024], *p;
	int field = 2;

	snprintf(path, sizeof(path), "%s/stat", dir);
	if (read_text(path, buf, sizeof(buf)) || !(p = strrchr(buf, ')')))
		return 0;
	while (*p && field < 39)
		if (*p++ == ' ')
			field++;
	return (uint16_t)strtoul(p, NULL, 10);
}

static size_t sweep_tgid(const char *proc, pid_t tgid, uint64_t ts, sk_blocked_fn fn, void *ctx)
{
	char dir[64], path[128], text[256];
	struct dirent *de;
	size_t made = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/%d/task", proc, (int)tgid);
	if (!(d = opendir(dir)))
		return 0;
	while ((de = readdir(d))) {
		struct sk_rec r = {.ts = ts,
				   .pid = tgid,
				   .kind = SK_K_SYS_ENTER,
				   .flags = SK_RF_BLOCKED,
				   .size = sizeof(r)};
		long tid = strtol(de->d_name, NULL, 10), nr;
		uint64_t args[6];

		if (tid <= 0)
			continue;
		snprintf(path, sizeof(path), "%s/%ld/syscall", dir, tid);
		if (read_text(path, text, sizeof(text)) || sk_blocked_parse(text, &nr, args) ||
		    !sk_blocked_nr(nr))
			continue;
		snprintf(path, sizeof(path), "%s/%ld", dir, tid);
		for (int i = 0; i < 6; i++)
			r.args[i] = args[i];
		r.tid = (uint32_t)tid;
		r.nr = (uint16_t)nr;
		r.cpu = last_cpu(path);
		fn(ctx, &r, sizeof(r));
		made++;
	}
	closedir(d);
	return made;
}

size_t sk_blocked_sweep(const char *proc, const pid_t *tgids, size_t n, pid_t self, uint64_t ts,
			sk_blocked_fn fn, void *ctx)
{
	struct dirent *de;
	size_t made = 0;
	DIR *d;

	if (tgids) {
		for (size_t i = 0; i < n; i++)
			made += sweep_tgid(proc, tgids[i], ts, fn, ctx);
		return made;
	}
	if (!(d = opendir(proc)))
		return 0;
	while ((de = readdir(d))) {
		long tgid = strtol(de->d_name, NULL, 10);

		if (tgid > 0 && tgid != self)
			made += sweep_tgid(proc, (pid_t)tgid, ts, fn, ctx);
	}
	closedir(d);
	return made;
}
