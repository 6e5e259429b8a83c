/* evscan.c - incremental filtered scans over a capture (evscan.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay/state.h"
#include "tui/evscan.h"

struct evscan {
	struct sk_reader *rd;
	struct sk_state *st;
	struct evscan_pred pred;
	struct sk_evctx ctx; /* the state refers to it until the next apply */
	uint64_t from, to, next;
	int done;
	uint64_t *v;
	size_t n, cap;
	struct sk_error err;
};

struct evscan *evscan_new(const char *path, uint64_t from, uint64_t to,
			  const struct evscan_pred *pred, struct sk_error *err)
{
	struct evscan *s = calloc(1, sizeof(*s));

	if (!s) {
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return NULL;
	}
	s->pred = *pred;
	s->from = from;
	s->to = to ? to : UINT64_MAX;
	s->rd = sk_reader_open(path, err);
	if (!s->rd)
		goto fail;
	if (pred->need_state) {
		s->st = sk_state_new(sk_reader_info(s->rd));
		if (!s->st) {
			snprintf(err->msg, sizeof(err->msg), "out of memory");
			goto fail;
		}
	} else if (from > 1 && sk_reader_seek_num(s->rd, from, err) < 0) {
		s->done = 1; /* nothing at or after from */
	}
	s->next = pred->need_state ? 1 : from;
	return s;
fail:
	evscan_free(s);
	return NULL;
}

void evscan_free(struct evscan *s)
{
	if (!s)
		return;
	if (s->st)
		sk_state_free(s->st);
	if (s->rd)
		sk_reader_close(s->rd);
	free(s->v);
	free(s);
}

static int keep(struct evscan *s, uint64_t num)
{
	if (s->n == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 1024;
		uint64_t *nv = realloc(s->v, ncap * sizeof(*nv));
		if (!nv) {
			snprintf(s->err.msg, sizeof(s->err.msg), "out of memory");
			return -1;
		}
		s->v = nv;
		s->cap = ncap;
	}
	s->v[s->n++] = num;
	return 0;
}

int evscan_step(struct evscan *s, unsigned budget)
{
	struct sk_event ev;

	while (!s->done && budget--) {
		int rc = sk_reader_next(s->rd, &ev, &s->err);
		if (rc < 0) {
			s->done = 1;
			return -1;
		}
		if (rc == 0 || ev.num > s->to) {
			s->done = 1;
			break;
		}
		s->next = ev.num + 1;
		if (s->st)
			sk_state_apply(s->st, &ev, &s->ctx);
		if (ev.num < s->from)
			continue;
		int m = s->pred.match(s->pred.arg, &ev, s->st ? &s->ctx : NULL);
		if (m < 0)
			s->done = 1;
		else if (m && keep(s, ev.num) < 0) {
			s->done = 1;
			return -1;
		}
	}
	return !s->done;
}

int evscan_done(const struct evscan *s)
{
	return s->done;
}

const char *evscan_error(const struct evscan *s)
{
	return s->err.msg;
}

size_t evscan_count(const struct evscan *s)
{
	return s->n;
}

uint64_t evscan_at(const struct evscan *s, size_t i)
{
	return i < s->n ? s->v[i] : 0;
}

uint64_t evscan_next(const struct evscan *s)
{
	return s->next;
}

size_t evscan_find(const struct evscan *s, uint64_t num)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->v[mid] < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
