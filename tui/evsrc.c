/* evsrc.c - the browser's cached, seekable view of a capture (evsrc.h).
 * A cache slot owns a copy of its record's parameter bytes, since the
 * reader's buffers only live until its next call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/evsrc.h"

struct slot {
	struct sk_event ev; /* ev.num == 0: empty */
	uint8_t *buf;
	size_t cap;
};

struct evsrc {
	struct sk_reader *rd;
	uint64_t first, last;
	uint64_t next_num; /* what sk_reader_next returns next; 0 = unknown */
	struct slot slots[EVSRC_CACHE];
	struct sk_error err;
};

struct evsrc *evsrc_open(const char *path, struct sk_error *err)
{
	struct evsrc *s = calloc(1, sizeof(*s));
	const struct sk_capture_summary *sum;

	if (!s) {
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return NULL;
	}
	s->rd = sk_reader_open(path, err);
	if (!s->rd) {
		free(s);
		return NULL;
	}
	sum = sk_reader_summary(s->rd);
	s->first = sk_reader_nchunks(s->rd) ? sk_reader_chunk(s->rd, 0)->first_num : 1;
	s->last = s->first + sum->nevents - 1;
	s->next_num = s->first;
	return s;
}

void evsrc_close(struct evsrc *s)
{
	if (!s)
		return;
	for (int i = 0; i < EVSRC_CACHE; i++)
		free(s->slots[i].buf);
	sk_reader_close(s->rd);
	free(s);
}

uint64_t evsrc_first(const struct evsrc *s)
{
	return s->first;
}

uint64_t evsrc_last(const struct evsrc *s)
{
	return s->last;
}

const char *evsrc_error(const struct evsrc *s)
{
	return s->err.msg;
}

/* Copies a record into its slot, parameters included. */
static const struct sk_event *store(struct evsrc *s, const struct sk_event *ev)
{
	struct slot *sl = &s->slots[ev->num % EVSRC_CACHE];
	size_t need = 0, o = 0;

	for (uint32_t i = 0; i < ev->nparams; i++)
		need += ev->params[i].len;
	if (need > sl->cap) {
		uint8_t *nb = realloc(sl->buf, need);
		if (!nb)
			return NULL;
		sl->buf = nb;
		sl->cap = need;
	}
	sl->ev = *ev;
	for (uint32_t i = 0; i < ev->nparams; i++) {
		if (ev->params[i].len)
			memcpy(sl->buf + o, ev->params[i].ptr, ev->params[i].len);
		sl->ev.params[i].ptr = sl->buf + o;
		o += ev->params[i].len;
	}
	return &sl->ev;
}

const struct sk_event *evsrc_get(struct evsrc *s, uint64_t num)
{
	struct slot *sl = &s->slots[num % EVSRC_CACHE];
	struct sk_event ev;
	const struct sk_event *out = NULL;

	if (sl->ev.num == num && num)
		return &sl->ev;
	if (num < s->first || num > s->last)
		return NULL;
	if (!s->next_num || num < s->next_num || num - s->next_num > EVSRC_CACHE) {
		s->next_num = 0;
		if (sk_reader_seek_num(s->rd, num, &s->err) < 0)
			return NULL;
	}
	for (;;) {
		int rc = sk_reader_next(s->rd, &ev, &s->err);
		if (rc <= 0) {
			s->next_num = 0;
			return out;
		}
		s->next_num = ev.num + 1;
		if (ev.num >= num) {
			out = store(s, &ev);
			return ev.num == num ? out : NULL;
		}
		store(s, &ev);
	}
}

uint64_t evsrc_find_ts(struct evsrc *s, uint64_t ts)
{
	struct sk_event ev;

	s->next_num = 0;
	if (sk_reader_seek_ts(s->rd, ts, &s->err) < 0 || sk_reader_next(s->rd, &ev, &s->err) != 1)
		return 0;
	s->next_num = ev.num + 1;
	store(s, &ev);
	return ev.num;
}
