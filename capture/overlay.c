/* overlay.c - overlay mounts from mountinfo (see overlay.h).
 *
 * A mountinfo line: ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS [TAGS...] - FSTYPE
 * SOURCE SUPEROPTS, with spaces, tabs, newlines and backslashes in paths
 * written as octal escapes (\040).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "capture/overlay.h"

#define SK_OVERLAYS_MAX 4096

struct overlay {
	dev_t dev;
	char *root, *point, *upper;
};

struct sk_overlays {
	struct overlay *v;
	size_t n;
};

/* Undoes mountinfo's octal escapes in place. */
static void unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*o++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0'));
			s += 3;
		} else {
			*o++ = *s;
		}
	}
	*o = 0;
}

/* The value of upperdir= in overlay's super options, or NULL. */
static char *upperdir(char *opts)
{
	char *save;

	for (char *tok = strtok_r(opts, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (strncmp(tok, "upperdir=", 9) == 0)
			return tok + 9;
	return NULL;
}

static int parse_line(char *line, struct overlay *ov)
{
	char *f[6], *sep, *fstype, *super, *up, *save;
	unsigned maj, min;

	line[strcspn(line, "\n")] = 0;
	sep = strstr(line, " - ");
	if (!sep)
		return -1;
	*sep = 0;
	fstype = strtok_r(sep + 3, " ", &save);
	strtok_r(NULL, " ", &save); /* source */
	super = strtok_r(NULL, " ", &save);
	if (!fstype || !super || strcmp(fstype, "overlay") != 0 || !(up = upperdir(super)))
		return -1;
	f[0] = strtok_r(line, " ", &save);
	for (int i = 1; i < 6; i++)
		f[i] = f[i - 1] ? strtok_r(NULL, " ", &save) : NULL;
	if (!f[4] || sscanf(f[2], "%u:%u", &maj, &min) != 2)
		return -1;
	unescape(f[3]);
	unescape(f[4]);
	unescape(up);
	ov->dev = makedev(maj, min);
	ov->root = strdup(f[3]);
	ov->point = strdup(f[4]);
	ov->upper = strdup(up);
	if (!ov->root || !ov->point || !ov->upper) {
		free(ov->root);
		free(ov->point);
		free(ov->upper);
		return -1;
	}
	return 0;
}

struct sk_overlays *sk_overlays_new(const char *mountinfo)
{
	struct sk_overlays *o = calloc(1, sizeof(*o));
	FILE *f = fopen(mountinfo, "re");
	char line[8192];

	if (!o || !f) {
		if (f)
			fclose(f);
		return o;
	}
	while (o->n < SK_OVERLAYS_MAX && fgets(line, sizeof(line), f)) {
		struct overlay ov, *v;

		if (parse_line(line, &ov))
			continue;
		v = realloc(o->v, (o->n + 1) * sizeof(*v));
		if (!v) {
			free(ov.root);
			free(ov.point);
			free(ov.upper);
			break;
		}
		o->v = v;
		o->v[o->n++] = ov;
	}
	fclose(f);
	return o;
}

void sk_overlays_free(struct sk_overlays *o)
{
	if (!o)
		return;
	for (size_t i = 0; i < o->n; i++) {
		free(o->v[i].root);
		free(o->v[i].point);
		free(o->v[i].upper);
	}
	free(o->v);
	free(o);
}

/* path relative to the mount point, or NULL if not below it. */
static const char *below(const char *point, const char *path)
{
	size_t n = strlen(point);

	if (strcmp(point, "/") == 0)
		return path;
	if (strncmp(path, point, n) != 0 || (path[n] != '/' && path[n] != 0))
		return NULL;
	return path + n;
}

int sk_overlays_upper(const struct sk_overlays *o, dev_t dev, const char *path)
{
	char upath[8192];
	struct stat st;

	for (size_t i = 0; o && i < o->n; i++) {
		const struct overlay *ov = &o->v[i];
		const char *rel;

		if (ov->dev != dev || !(rel = below(ov->point, path)))
			continue;
		snprintf(upath, sizeof(upath), "%s%s%s", ov->upper,
			 strcmp(ov->root, "/") == 0 ? "" : ov->root, rel);
		return lstat(upath, &st) == 0 && S_ISREG(st.st_mode);
	}
	return 0;
}
