/* follow.c - "follow stream": the bytes read and written on one fd of one
 * process, in event order, shown as text or as a hex dump (like Wireshark's
 * Follow TCP Stream). The scan keeps a copy of each payload; lines are laid
 * out from the copies, so switching between text and hex needs no rescan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/browse.h"
#include "tui/esc.h"
#include "replay/param.h"
#include "tui/evfmt.h"

#define LINE_BYTES 16

static int keep_chunk(struct follow *f, const struct sk_event *ev, int out)
{
	uint32_t len = 0;
	const uint8_t *p = evfmt_payload(ev, &len);
	struct fchunk *c;

	if (!p || !len)
		return 0;
	if (f->bytes_in + f->bytes_out + len > FOLLOW_MAX_BYTES) {
		f->truncated = 1;
		return -1; /* ends the scan: enough to read on a screen */
	}
	if (f->nchunks == f->capchunks) {
		size_t ncap = f->capchunks ? f->capchunks * 2 : 64;
		struct fchunk *nv = realloc(f->chunks, ncap * sizeof(*nv));
		if (!nv)
			return -1;
		f->chunks = nv;
		f->capchunks = ncap;
	}
	c = &f->chunks[f->nchunks];
	c->data = malloc(len);
	if (!c->data)
		return -1;
	memcpy(c->data, p, len);
	c->len = len;
	c->num = ev->num;
	c->out = out;
	f->nchunks++;
	*(out ? &f->bytes_out : &f->bytes_in) += len;
	return 1;
}

static int alias_index(const struct follow *f, int64_t fd)
{
	for (int i = 0; i < f->nalias; i++)
		if (f->alias[i] == fd)
			return i;
	return -1;
}

/* dup, dup2, dup3 and fcntl(F_DUPFD*) of a followed fd make the new fd part
 * of the stream (a shell's `>file` works through a dup2 to fd 1). */
static void track_dup(struct follow *f, const struct sk_event *ev)
{
	const struct sk_event_info *info = sk_event_info(ev->type);
	int64_t oldfd, newfd, cmd;

	if (ev->type == SK_E_FCNTL) {
		if (sk_ev_num_by_name(ev, info, "cmd", &cmd) < 0 || (cmd != 0 && cmd != 1030))
			return;
		if (sk_ev_num_by_name(ev, info, "fd", &oldfd) < 0)
			return;
	} else if (sk_ev_num_by_name(ev, info, "oldfd", &oldfd) < 0) {
		return;
	}
	if (sk_ev_num_by_name(ev, info, "res", &newfd) < 0 || newfd < 0 || newfd == oldfd)
		return;
	int in_old = alias_index(f, oldfd), in_new = alias_index(f, newfd);
	if (in_old >= 0 && in_new < 0 && f->nalias < FOLLOW_MAXFDS) {
		f->alias[f->nalias++] = newfd;
	} else if (in_old < 0 && in_new >= 0) { /* the new fd now refers to something else */
		f->nalias--;
		f->alias[in_new] = f->alias[f->nalias];
	}
}

static int match_fd(void *arg, const struct sk_event *ev, struct sk_evctx *ctx)
{
	struct follow *f = arg;
	int dir, i;

	(void)ctx;
	if (ev->pid != f->pid)
		return 0;
	if (ev->type == SK_E_DUP || ev->type == SK_E_DUP2 || ev->type == SK_E_DUP3 ||
	    ev->type == SK_E_FCNTL) {
		track_dup(f, ev);
		return f->nalias ? 0 : -1;
	}
	i = alias_index(f, evfmt_fd(ev));
	if (i < 0)
		return 0;
	if (ev->type == SK_E_CLOSE) {
		f->nalias--;
		f->alias[i] = f->alias[f->nalias];
		return f->nalias ? 0 : -1; /* the stream ends with its last fd */
	}
	dir = evfmt_io_dir(ev->type);
	if (dir < 0)
		return 0;
	return keep_chunk(f, ev, dir);
}

static int add_line(struct follow *f, const char *text, int attr)
{
	if (f->nlines == f->caplines) {
		size_t ncap = f->caplines ? f->caplines * 2 : 256;
		struct fline *nv = realloc(f->lines, ncap * sizeof(*nv));
		if (!nv)
			return -1;
		f->lines = nv;
		f->caplines = ncap;
	}
	f->lines[f->nlines].text = strdup(text);
	if (!f->lines[f->nlines].text)
		return -1;
	f->lines[f->nlines++].attr = attr;
	return 0;
}

static void lay_chunk(struct follow *f, const struct fchunk *c)
{
	char buf[1024];
	int attr = c->out ? 2 : 1;

	snprintf(buf, sizeof(buf), "-- event %llu: %s %u bytes", (unsigned long long)c->num,
		 c->out ? "written" : "read", c->len);
	add_line(f, buf, 0);
	if (f->hex) {
		for (uint32_t o = 0; o < c->len; o += LINE_BYTES) {
			uint32_t n = c->len - o < LINE_BYTES ? c->len - o : LINE_BYTES;
			tui_hexline(c->data + o, n, o, buf, sizeof(buf));
			add_line(f, buf, attr);
		}
		return;
	}
	for (uint32_t o = 0; o < c->len;) {
		const uint8_t *nl = memchr(c->data + o, '\n', c->len - o);
		uint32_t end = nl ? (uint32_t)(nl - c->data) : c->len;
		uint32_t take = end - o > 200 ? 200 : end - o;
		tui_escape(c->data + o, take, buf, sizeof(buf), -1);
		add_line(f, buf, attr);
		o += take;
		if (o == end && nl)
			o++;
	}
}

void follow_layout(struct follow *f)
{
	if (f->laid > f->nchunks || f->laid == 0) {
		for (size_t i = 0; i < f->nlines; i++)
			free(f->lines[i].text);
		f->nlines = 0;
		f->laid = 0;
	}
	for (; f->laid < f->nchunks; f->laid++)
		lay_chunk(f, &f->chunks[f->laid]);
}

void follow_stop(struct follow *f)
{
	evscan_free(f->scan);
	for (size_t i = 0; i < f->nchunks; i++)
		free(f->chunks[i].data);
	for (size_t i = 0; i < f->nlines; i++)
		free(f->lines[i].text);
	free(f->chunks);
	free(f->lines);
	memset(f, 0, sizeof(*f));
}

int follow_start(struct app *a, int64_t pid, int64_t fd, uint64_t from, char *err, size_t len)
{
	struct follow *f = &a->fol;
	struct evscan_pred pred = {match_fd, f, 0};
	struct sk_error e;

	follow_stop(f);
	f->pid = pid;
	f->fd = fd;
	f->alias[0] = fd;
	f->nalias = 1;
	f->scan = evscan_new(a->path, from, 0, &pred, &e);
	if (!f->scan) {
		snprintf(err, len, "%s", e.msg);
		return -1;
	}
	return 0;
}
