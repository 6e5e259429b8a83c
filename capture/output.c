/* output.c - capture file lifecycle: size limit and rotation (output.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture/output.h"

struct sk_output {
	struct sk_output_opts opts;
	struct sk_file_info info;
	struct sk_writer *w;
	unsigned index;
	char path[4096];
	struct sk_writer_stats done; /* totals of closed files */
};

static int open_current(struct sk_output *o, struct sk_error *err)
{
	struct sk_writer_opts wo = {.zstd_level = o->opts.zstd_level};
	struct stat st;

	if (o->opts.rotate)
		snprintf(o->path, sizeof(o->path), "%s.%u", o->opts.path, o->index);
	else
		snprintf(o->path, sizeof(o->path), "%s", o->opts.path);
	/* a fresh inode, so an old capture's wider permissions do not carry
	 * over; only ever a regular file (never /dev/... or a symlink target) */
	if (lstat(o->path, &st) == 0 && S_ISREG(st.st_mode))
		unlink(o->path);
	o->w = sk_writer_open(o->path, &o->info, &wo, err);
	if (!o->w)
		return -1;
	if (o->opts.on_open && o->opts.on_open(o->opts.ctx, o->w, err)) {
		sk_writer_abandon(o->w);
		o->w = NULL;
		return -1;
	}
	return 0;
}

struct sk_output *sk_output_open(const struct sk_output_opts *opts, const struct sk_file_info *info,
				 struct sk_error *err)
{
	struct sk_output *o = calloc(1, sizeof(*o));

	if (!o) {
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return NULL;
	}
	o->opts = *opts;
	o->info = *info;
	if (open_current(o, err)) {
		free(o);
		return NULL;
	}
	return o;
}

struct sk_writer *sk_output_writer(struct sk_output *o)
{
	return o->w;
}

const char *sk_output_path(const struct sk_output *o)
{
	return o->path;
}

static void add_stats(struct sk_writer_stats *to, const struct sk_writer_stats *st)
{
	to->events += st->events;
	to->chunks += st->chunks;
	to->bytes_raw += st->bytes_raw;
	to->bytes_written += st->bytes_written;
}

int sk_output_check(struct sk_output *o, struct sk_error *err)
{
	struct sk_writer_stats st;

	if (!o->opts.max_bytes)
		return 0;
	sk_writer_stats(o->w, &st);
	if (st.bytes_written < o->opts.max_bytes)
		return 0;
	if (!o->opts.rotate)
		return 1;
	add_stats(&o->done, &st);
	if (sk_writer_close(o->w, err)) {
		o->w = NULL;
		return -1;
	}
	o->index = (o->index + 1) % o->opts.rotate;
	return open_current(o, err);
}

void sk_output_stats(const struct sk_output *o, struct sk_writer_stats *st)
{
	*st = o->done;
	if (o->w) {
		struct sk_writer_stats cur;

		sk_writer_stats(o->w, &cur);
		add_stats(st, &cur);
	}
}

int sk_output_close(struct sk_output *o, struct sk_error *err)
{
	int rc = o->w ? sk_writer_close(o->w, err) : -1;

	free(o);
	return rc;
}

void sk_output_abandon(struct sk_output *o)
{
	if (o->w)
		sk_writer_abandon(o->w);
	free(o);
}
