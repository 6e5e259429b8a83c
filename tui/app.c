/* app.c - loading the browser's data: the capture's row of the case
 * database, the row views, the timeline, and the lookup indexes (process by
 * pid and event, alerts by event) the views draw with. */
#include <stdlib.h>
#include <string.h>

#include "tui/browse.h"

static int load_capture_row(struct app *a, char *err, size_t len)
{
	sqlite3_stmt *st;
	int rc = -1;

	if (sqlite3_prepare_v2(
		a->db,
		"SELECT nevents, coalesce(start_ns, 0), coalesce(boot_ns, 0), drops, "
		"coalesce(hostname, '') FROM captures "
		"WHERE id = ?",
		-1, &st, NULL) != SQLITE_OK) {
		snprintf(err, len, "%s", sqlite3_errmsg(a->db));
		return -1;
	}
	sqlite3_bind_int64(st, 1, a->cid);
	if (sqlite3_step(st) == SQLITE_ROW) {
		a->nevents = sqlite3_column_int64(st, 0);
		a->start_ns = sqlite3_column_int64(st, 1);
		a->boot_ns = sqlite3_column_int64(st, 2);
		a->drops = sqlite3_column_int64(st, 3);
		snprintf(a->hostname, sizeof(a->hostname), "%s", sqlite3_column_text(st, 4));
		rc = 0;
	} else {
		snprintf(err, len, "capture %lld is not in the case database", (long long)a->cid);
	}
	sqlite3_finalize(st);
	return rc;
}

static void load_timeline(struct app *a)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(a->db,
			       "SELECT bucket, start_ns, first_evt, nevents, nalerts FROM timeline "
			       "WHERE capture_id = ?",
			       -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, a->cid);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int b = sqlite3_column_int(st, 0);
		if (b < 0 || b >= SK_TIMELINE_BUCKETS)
			continue;
		a->tl.start_ns[b] = sqlite3_column_int64(st, 1);
		a->tl.first_evt[b] = sqlite3_column_int64(st, 2);
		a->tl.nevents[b] = sqlite3_column_int64(st, 3);
		a->tl.nalerts[b] = sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
}

static int cmp_triple(const void *x, const void *y)
{
	const int64_t *a = x, *b = y;

	if (a[0] != b[0])
		return (a[0] > b[0]) - (a[0] < b[0]);
	return (a[1] > b[1]) - (a[1] < b[1]);
}

static int index_pids(struct app *a)
{
	const struct table *t = &a->tab[TK_PROCESSES];

	a->pidx = malloc((t->n + 1) * 3 * sizeof(*a->pidx));
	if (!a->pidx)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		a->pidx[3 * i] = t->rows[i].pid;
		a->pidx[3 * i + 1] = t->rows[i].first_evt;
		a->pidx[3 * i + 2] = (int64_t)i;
	}
	a->npidx = t->n;
	qsort(a->pidx, a->npidx, 3 * sizeof(*a->pidx), cmp_triple);
	return 0;
}

static int cmp_pair(const void *x, const void *y)
{
	const int64_t *a = x, *b = y;

	if (a[0] != b[0])
		return (a[0] > b[0]) - (a[0] < b[0]);
	return (a[1] > b[1]) - (a[1] < b[1]);
}

/* Alert events sorted by number, most severe first on one event, for the
 * marks in the Events view and [ ] navigation. */
static int index_alerts(struct app *a)
{
	const struct table *t = &a->tab[TK_ALERTS];

	a->aidx = malloc((t->n + 1) * 2 * sizeof(*a->aidx));
	if (!a->aidx)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		a->aidx[2 * i] = t->rows[i].evt;
		a->aidx[2 * i + 1] = t->rows[i].level;
	}
	a->naidx = t->n;
	qsort(a->aidx, a->naidx, 2 * sizeof(*a->aidx), cmp_pair);
	return 0;
}

size_t alert_at(const struct app *a, uint64_t num)
{
	size_t lo = 0, hi = a->naidx;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((uint64_t)a->aidx[2 * mid] < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int cmp_fdref(const void *x, const void *y)
{
	const struct fdref *a = x, *b = y;

	if (a->pid != b->pid)
		return (a->pid > b->pid) - (a->pid < b->pid);
	if (a->fd != b->fd)
		return (a->fd > b->fd) - (a->fd < b->fd);
	return (a->first_evt > b->first_evt) - (a->first_evt < b->first_evt);
}

static const char *namer_cb(void *arg, const struct sk_event *ev, int64_t fd)
{
	return fd_name(arg, ev->pid, fd, ev->num);
}

/* fds of files (the fd of their last open) and connections, to name the fds
 * of the Events view as `saker print` does. */
static int index_fds(struct app *a)
{
	const struct table *f = &a->tab[TK_FILES], *c = &a->tab[TK_CONNS];

	a->fdx = malloc((f->n + c->n + 1) * sizeof(*a->fdx));
	if (!a->fdx)
		return -1;
	for (int k = 0; k < 2; k++) {
		const struct table *t = k ? c : f;
		for (size_t i = 0; i < t->n; i++) {
			const struct trow *r = &t->rows[i];
			if (r->fd < 0)
				continue;
			a->fdx[a->nfdx++] = (struct fdref){r->pid, r->fd, r->first_evt, r->last_evt,
							   r->cell[k ? 7 : 6]};
		}
	}
	qsort(a->fdx, a->nfdx, sizeof(*a->fdx), cmp_fdref);
	a->namer.name = namer_cb;
	a->namer.arg = a;
	return 0;
}

const char *fd_name(struct app *a, int64_t pid, int64_t fd, uint64_t num)
{
	size_t lo = 0, hi = a->nfdx;
	const char *name = NULL;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct fdref *m = &a->fdx[mid];
		if (m->pid < pid || (m->pid == pid && m->fd < fd))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < a->nfdx && a->fdx[lo].pid == pid && a->fdx[lo].fd == fd; lo++)
		if ((uint64_t)a->fdx[lo].first_evt <= num && num <= (uint64_t)a->fdx[lo].last_evt)
			name = a->fdx[lo].name;
	return name;
}

int app_load(struct app *a, const char *db_path, char *err, size_t len)
{
	struct sk_error e;

	if (sqlite3_open_v2(db_path, &a->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		snprintf(err, len, "%.1000s: %s", db_path, sqlite3_errmsg(a->db));
		return -1;
	}
	if (load_capture_row(a, err, len) < 0)
		return -1;
	for (int k = 0; k < TK_COUNT; k++)
		if (table_load(&a->tab[k], (enum table_kind)k, a->db, a->cid, err, len) < 0)
			return -1;
	load_timeline(a);
	if (index_pids(a) < 0 || index_alerts(a) < 0 || index_fds(a) < 0) {
		snprintf(err, len, "out of memory");
		return -1;
	}
	a->src = evsrc_open(a->path, &e);
	if (!a->src) {
		snprintf(err, len, "%s", e.msg);
		return -1;
	}
	a->lists[0] = evlist_all(a);
	if (!a->lists[0]) {
		snprintf(err, len, "out of memory");
		return -1;
	}
	a->nlists = 1;
	return 0;
}

void app_free(struct app *a)
{
	for (int i = 0; i < a->nlists; i++)
		evlist_free(a->lists[i]);
	follow_stop(&a->fol);
	fieldpane_stop(&a->fields);
	for (int k = 0; k < TK_COUNT; k++)
		table_free(&a->tab[k]);
	free(a->pidx);
	free(a->aidx);
	free(a->fdx);
	evsrc_close(a->src);
	sqlite3_close(a->db);
}
