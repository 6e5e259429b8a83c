/* evlist.c - the lists the Events view shows: every event (read lazily by
 * number, no scan at all), a process's events (a scan over the process's
 * event range keeping its pids), a container's, or a filter's matches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/browse.h"
#include "tui/evfmt.h"

size_t evlist_count(const struct app *a, const struct evlist *l)
{
	return l->scan ? evscan_count(l->scan) : (size_t)a->nevents;
}

uint64_t evlist_at(const struct app *a, const struct evlist *l, size_t i)
{
	return l->scan ? evscan_at(l->scan, i) : evsrc_first(a->src) + i;
}

int evlist_busy(const struct evlist *l)
{
	return l->scan && !evscan_done(l->scan);
}

static struct evlist *list_new(const char *title)
{
	struct evlist *l = calloc(1, sizeof(*l));

	if (l) {
		snprintf(l->title, sizeof(l->title), "%s", title);
		l->proc_row = -1;
	}
	return l;
}

struct evlist *evlist_all(struct app *a)
{
	(void)a;
	return list_new("all events");
}

void evlist_free(struct evlist *l)
{
	if (!l)
		return;
	evscan_free(l->scan);
	if (l->filter)
		sk_filter_free(l->filter);
	free(l);
}

static int cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return (a > b) - (a < b);
}

static int match_pids(void *arg, const struct sk_event *ev, struct sk_evctx *ctx)
{
	struct evlist *l = arg;
	int64_t pid = ev->pid;

	(void)ctx;
	return bsearch(&pid, l->pids, l->npids, sizeof(pid), cmp_i64) != NULL;
}

static struct evlist *pid_scan(struct app *a, struct evlist *l, int64_t from, int64_t to, char *err,
			       size_t len)
{
	struct evscan_pred pred = {match_pids, l, 0};
	struct sk_error e;

	qsort(l->pids, l->npids, sizeof(l->pids[0]), cmp_i64);
	l->scan = evscan_new(a->path, (uint64_t)(from > 0 ? from : 1), (uint64_t)(to > 0 ? to : 0),
			     &pred, &e);
	if (!l->scan) {
		snprintf(err, len, "%s", e.msg);
		evlist_free(l);
		return NULL;
	}
	return l;
}

struct evlist *evlist_pids(struct app *a, size_t row, int with_kids, char *err, size_t len)
{
	const struct table *t = &a->tab[TK_PROCESSES];
	const struct trow *r = &t->rows[row];
	char title[256];
	int64_t from, to;
	struct evlist *l;

	snprintf(title, sizeof(title), "pid %lld%s", (long long)r->pid,
		 with_kids ? " and children" : "");
	l = list_new(title);
	if (!l) {
		snprintf(err, len, "out of memory");
		return NULL;
	}
	l->proc_row = (int64_t)row;
	l->with_kids = with_kids;
	l->npids = table_subtree_pids(t, row, with_kids, l->pids, MAX_LIST_PIDS, &from, &to);
	return pid_scan(a, l, from, to, err, len);
}

struct evlist *evlist_container(struct app *a, const char *container, char *err, size_t len)
{
	const struct table *t = &a->tab[TK_PROCESSES];
	char title[256];
	int64_t from = INT64_MAX, to = 0;
	struct evlist *l;

	snprintf(title, sizeof(title), "container %.40s", container);
	l = list_new(title);
	if (!l) {
		snprintf(err, len, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < t->n && l->npids < MAX_LIST_PIDS; i++) {
		const struct trow *r = &t->rows[i];
		if (strcmp(r->cell[6], container))
			continue;
		l->pids[l->npids++] = r->pid;
		from = r->first_evt < from ? r->first_evt : from;
		to = r->last_evt > to ? r->last_evt : to;
	}
	if (!l->npids) {
		snprintf(err, len, "no process of container %.40s was seen", container);
		evlist_free(l);
		return NULL;
	}
	return pid_scan(a, l, from, to, err, len);
}

static int match_filter(void *arg, const struct sk_event *ev, struct sk_evctx *ctx)
{
	struct evlist *l = arg;

	(void)ev;
	return sk_filter_match(l->filter, ctx);
}

struct evlist *evlist_filter(struct app *a, const char *text, char *err, size_t len)
{
	struct evscan_pred pred = {match_filter, NULL, 1};
	struct sk_error e;
	char title[256];
	struct evlist *l;

	snprintf(title, sizeof(title), "filter: %.200s", text);
	l = list_new(title);
	if (!l) {
		snprintf(err, len, "out of memory");
		return NULL;
	}
	l->filter = sk_filter_new_in(a->rules, text, err, len);
	if (!l->filter) {
		evlist_free(l);
		return NULL;
	}
	pred.arg = l;
	l->scan = evscan_new(a->path, 1, 0, &pred, &e);
	if (!l->scan) {
		snprintf(err, len, "%s", e.msg);
		evlist_free(l);
		return NULL;
	}
	return l;
}

/* The text a search looks in: the event's name, process name and
 * arguments as shown on screen. */
static int event_has(struct app *a, uint64_t num, const char *text)
{
	const struct sk_event *ev = evsrc_get(a->src, num);
	char line[2048], name[64];
	const char *comm;
	size_t o;

	if (!ev)
		return 0;
	comm = comm_of(a, ev->pid, num);
	o = (size_t)snprintf(line, sizeof(line), "%s %s ", evfmt_name(ev, name, sizeof(name)),
			     comm ? comm : "");
	evfmt_args(ev, &a->namer, line + o, sizeof(line) - o, -1);
	return strstr(line, text) != NULL;
}

size_t evlist_search(struct app *a, struct evlist *l, size_t from, int dir, const char *text,
		     size_t limit)
{
	size_t n = evlist_count(a, l);

	for (size_t i = from, k = 0; i < n && k < limit; k++) {
		if (event_has(a, evlist_at(a, l, i), text))
			return i;
		if (dir < 0 && i == 0)
			break;
		i = dir < 0 ? i - 1 : i + 1;
	}
	return SIZE_MAX;
}
