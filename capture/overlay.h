/* overlay.h - is a file's copy in an overlay mount's upper (writable) layer?
 *
 * The probe answers this for PROC_EXEC from the kernel's overlay inode; the
 * /proc snapshot has only paths, so it asks the mount table instead: the
 * overlay mounts of /proc/self/mountinfo with their upperdir, and a file of
 * one of them is in the upper layer when upperdir holds a regular file at the
 * same relative path. Mounts the recorder's mount namespace does not see are
 * not known (answer 0).
 */
#ifndef SAKER_CAPTURE_OVERLAY_H
#define SAKER_CAPTURE_OVERLAY_H

#include <sys/types.h>

struct sk_overlays;

/* Reads the overlay mounts of a mountinfo file; NULL when out of memory. */
struct sk_overlays *sk_overlays_new(const char *mountinfo);
void sk_overlays_free(struct sk_overlays *o);

/* 1 when path, a file on the filesystem with device dev (st_dev as stat
 * returns it), is an overlay file with a copy in the upper layer. */
int sk_overlays_upper(const struct sk_overlays *o, dev_t dev, const char *path);

#endif
