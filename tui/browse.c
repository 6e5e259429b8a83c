/* browse.c - `saker browse`: opens (indexing first if needed) the case
 * database of a capture, then runs the ncurses loop: keys move between
 * views and drill down, and background scans (drill-down lists, filters,
 * followed streams) advance in slices while no key is pending. */
#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui/browse.h"
#include "tui/casedb.h"
#include "tui/esc.h"
#include "tui/evfmt.h"

#define SCAN_SLICE   40000   /* events scanned between two looks at the keyboard */
#define SEARCH_LIMIT 2000000 /* events looked at per search key */

static void set_msg(struct app *a, int err, const char *fmt, const char *arg)
{
	snprintf(a->msg, sizeof(a->msg), fmt, arg);
	a->msg_err = err;
}

/* ------------------------------------------------------------ loading */

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
	struct table *al = &a->tab[TK_ALERTS];

	if (sqlite3_prepare_v2(a->db,
			       "SELECT bucket, start_ns, first_evt, nevents FROM timeline "
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
	}
	sqlite3_finalize(st);
	/* Alerts are marked in the bucket of their event. */
	for (size_t i = 0; i < al->n; i++) {
		int b = 0;
		for (int k = 0; k < SK_TIMELINE_BUCKETS; k++)
			if (a->tl.nevents[k] && a->tl.first_evt[k] <= al->rows[i].evt)
				b = k;
		a->tl.nalerts[b]++;
	}
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

static int app_load(struct app *a, const char *db_path, char *err, size_t len)
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
	if (index_pids(a) < 0 || index_alerts(a) < 0) {
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

static void app_free(struct app *a)
{
	for (int i = 0; i < a->nlists; i++)
		evlist_free(a->lists[i]);
	follow_stop(&a->fol);
	for (int k = 0; k < TK_COUNT; k++)
		table_free(&a->tab[k]);
	free(a->pidx);
	free(a->aidx);
	evsrc_close(a->src);
	sqlite3_close(a->db);
}

/* ------------------------------------------------------------ screen */

static void screen_start(struct app *a)
{
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	a->color = has_colors() && !getenv("NO_COLOR");
	if (!a->color)
		return;
	start_color();
	use_default_colors();
	init_pair(CP_BAR, COLOR_BLACK, COLOR_CYAN);
	init_pair(CP_SEL, COLOR_BLACK, COLOR_WHITE);
	init_pair(CP_CRIT, COLOR_RED, -1);
	init_pair(CP_WARN, COLOR_YELLOW, -1);
	init_pair(CP_NOTICE, COLOR_GREEN, -1);
	init_pair(CP_MARK, COLOR_BLACK, COLOR_YELLOW);
	init_pair(CP_DIM, COLOR_CYAN, -1);
	init_pair(CP_IN, COLOR_BLUE, -1);
	init_pair(CP_OUT, COLOR_RED, -1);
	init_pair(CP_ERR, COLOR_WHITE, COLOR_RED);
}

struct index_screen {
	struct timespec start, last;
	const char *path;
};

static void index_progress(void *arg, uint64_t done, uint64_t total)
{
	struct index_screen *s = arg;
	struct timespec now;
	double el, pct = total ? 100.0 * (double)done / (double)total : 100.0;
	char line[512];

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (done < total &&
	    (double)(now.tv_sec - s->last.tv_sec) + (double)(now.tv_nsec - s->last.tv_nsec) / 1e9 <
		0.1)
		return;
	s->last = now;
	el =
	    (double)(now.tv_sec - s->start.tv_sec) + (double)(now.tv_nsec - s->start.tv_nsec) / 1e9;
	erase();
	mvaddstr(LINES / 2 - 2, 2, "Indexing the capture into its case database (once):");
	tui_escape_str(s->path, line, sizeof(line), COLS - 4);
	mvaddstr(LINES / 2 - 1, 2, line);
	snprintf(line, sizeof(line), "%llu of %llu events, %.0f%%, %.0f events/s",
		 (unsigned long long)done, (unsigned long long)total, pct,
		 el > 0 ? (double)done / el : 0.0);
	mvaddnstr(LINES / 2 + 1, 2, line, COLS - 4);
	mvhline(LINES / 2 + 2, 2, ACS_CKBOARD, (int)((COLS - 4) * pct / 100.0));
	refresh();
}

/* Called by prompt after each edit (incremental search). */
typedef void (*prompt_fn)(struct app *a, const char *text);

/* A one-line editor on the status line. Returns 1 on Enter, 0 on Esc. */
static int prompt(struct app *a, const char *label, char *buf, size_t len, prompt_fn changed)
{
	size_t n = strlen(buf);

	timeout(-1); /* no background scanning while typing */
	curs_set(1);
	for (;;) {
		char shown[1024];
		int y = LINES - 1, lw = (int)strlen(label), ch;
		move(y, 0);
		clrtoeol();
		attron(A_BOLD);
		mvaddnstr(y, 0, label, COLS - 1);
		attroff(A_BOLD);
		tui_escape_str(buf, shown, sizeof(shown), -1);
		size_t sl = strlen(shown);
		int room = COLS - lw - 1;
		mvaddstr(y, lw, room > 0 && sl > (size_t)room ? shown + sl - (size_t)room : shown);
		refresh();
		ch = getch();
		if (ch == '\n' || ch == KEY_ENTER || ch == 27) {
			curs_set(0);
			return ch != 27;
		}
		if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && n)
			buf[--n] = 0;
		else if (ch == 21) /* ^U */
			buf[n = 0] = 0;
		else if (ch >= 0x20 && ch < 0x100 && ch != 127 && n + 1 < len)
			buf[n++] = (char)ch, buf[n] = 0;
		else
			continue;
		if (changed) {
			changed(a, buf);
			draw_screen(a);
		}
	}
}

/* ------------------------------------------------------------ navigation */

static void push_view(struct app *a, enum view v)
{
	if (a->nback < (int)(sizeof(a->back) / sizeof(a->back[0])))
		a->back[a->nback++] = a->view;
	a->view = v;
}

static void go_back(struct app *a)
{
	if (a->view == V_EVENTS && a->nlists > 1) {
		evlist_free(a->lists[--a->nlists]);
		if (a->nback)
			a->view = a->back[--a->nback];
		return;
	}
	if (a->nback)
		a->view = a->back[--a->nback];
	else
		a->highlight = 0;
}

static void switch_main(struct app *a, int v)
{
	a->nback = 0;
	while (a->nlists > 1)
		evlist_free(a->lists[--a->nlists]);
	a->view = (enum view)v;
}

static void push_list(struct app *a, struct evlist *l)
{
	if (a->nlists == (int)(sizeof(a->lists) / sizeof(a->lists[0]))) {
		evlist_free(l);
		set_msg(a, 1, "%s", "too many nested lists: go back first");
		return;
	}
	a->lists[a->nlists++] = l;
	push_view(a, V_EVENTS);
}

static struct evlist *cur_list(struct app *a)
{
	return a->lists[a->nlists - 1];
}

/* Positions the all-events list on num and marks it. */
static void jump_to_event(struct app *a, uint64_t num, int mark)
{
	struct evlist *l = a->lists[0];
	size_t rows = (size_t)list_rows();

	while (a->nlists > 1)
		evlist_free(a->lists[--a->nlists]);
	if (num < evsrc_first(a->src))
		num = evsrc_first(a->src);
	if (num > evsrc_last(a->src))
		num = evsrc_last(a->src);
	l->cur = num - evsrc_first(a->src);
	l->top = l->cur > rows / 2 ? l->cur - rows / 2 : 0; /* context around it */
	if (mark)
		a->highlight = num;
}

static size_t *cursor_of(struct app *a, size_t *n)
{
	if (a->view == V_EVENTS) {
		*n = evlist_count(a, cur_list(a));
		return &cur_list(a)->cur;
	}
	if (a->view == V_DETAIL) {
		*n = SIZE_MAX / 2;
		return &a->detail_top;
	}
	if (a->view == V_FOLLOW) {
		*n = a->fol.nlines;
		return &a->fol.top;
	}
	if (a->view == V_MENU) {
		*n = V_NMAIN;
		return &a->menu_cur;
	}
	if (a->view >= V_PROCS && a->view <= V_CONTS) {
		enum table_kind k = (enum table_kind)(a->view - V_PROCS);
		*n = a->tab[k].nvis;
		return &a->tcur[k];
	}
	*n = 0;
	return NULL;
}

static void move_cursor(struct app *a, long delta, int to_end)
{
	size_t n, *c = cursor_of(a, &n);

	if (!c || !n)
		return;
	if (to_end < 0)
		*c = 0;
	else if (to_end > 0)
		*c = n - 1;
	else if (delta < 0)
		*c = (size_t)-delta > *c ? 0 : *c - (size_t)-delta;
	else
		*c = *c + (size_t)delta >= n ? n - 1 : *c + (size_t)delta;
}

static struct trow *table_sel(struct app *a, enum table_kind k)
{
	struct table *t = &a->tab[k];

	return a->tcur[k] < t->nvis ? &t->rows[t->vis[a->tcur[k]]] : NULL;
}

static void start_follow(struct app *a, int64_t pid, int64_t fd, uint64_t from, uint64_t to)
{
	char err[512];

	if (fd < 0) {
		set_msg(a, 1, "%s", "no fd to follow here");
		return;
	}
	if (follow_start(a, pid, fd, from, to, err, sizeof(err)) < 0) {
		set_msg(a, 1, "%s", err);
		return;
	}
	push_view(a, V_FOLLOW);
}

/* Follow from an event: the stream runs from the open (the Files or
 * Connections row holding this event) or else from this event on. */
static void follow_event(struct app *a, uint64_t num)
{
	const struct sk_event *ev = evsrc_get(a->src, num);
	int64_t fd;

	if (!ev) {
		set_msg(a, 1, "%s", "cannot read this event");
		return;
	}
	fd = evfmt_fd(ev);
	for (int k = TK_FILES; k <= TK_CONNS; k++) {
		struct table *t = &a->tab[k];
		for (size_t i = 0; i < t->n; i++) {
			struct trow *r = &t->rows[i];
			if (r->pid == ev->pid && r->fd == fd && (uint64_t)r->first_evt <= num &&
			    (uint64_t)r->last_evt >= num) {
				start_follow(a, r->pid, fd, (uint64_t)r->first_evt, 0);
				return;
			}
		}
	}
	start_follow(a, ev->pid, fd, num, 0);
}

static void enter(struct app *a)
{
	char err[512];
	struct evlist *l;
	struct trow *r;

	switch (a->view) {
	case V_EVENTS:
		if (!evlist_count(a, cur_list(a)))
			return;
		a->detail_num = evlist_at(a, cur_list(a), cur_list(a)->cur);
		a->detail_top = 0;
		push_view(a, V_DETAIL);
		return;
	case V_PROCS:
		if (!(r = table_sel(a, TK_PROCESSES)))
			return;
		l = evlist_pids(a, (size_t)(r - a->tab[TK_PROCESSES].rows), 0, err, sizeof(err));
		if (l)
			push_list(a, l);
		else
			set_msg(a, 1, "%s", err);
		return;
	case V_ALERTS:
		if (!(r = table_sel(a, TK_ALERTS)))
			return;
		push_view(a, V_EVENTS);
		jump_to_event(a, (uint64_t)r->evt, 1);
		return;
	case V_FILES:
	case V_CONNS:
		if (!(r = table_sel(a, (enum table_kind)(a->view - V_PROCS))))
			return;
		start_follow(a, r->pid, r->fd, (uint64_t)r->first_evt, 0);
		return;
	case V_CONTS:
		if (!(r = table_sel(a, TK_CONTAINERS)))
			return;
		l = evlist_container(a, r->cell[0], err, sizeof(err));
		if (l)
			push_list(a, l);
		else
			set_msg(a, 1, "%s", err);
		return;
	case V_MENU:
		switch_main(a, (int)a->menu_cur);
		return;
	default:
		return;
	}
}

static void toggle_children(struct app *a)
{
	struct evlist *l = cur_list(a), *nl;
	char err[512];

	if (a->view != V_EVENTS || l->proc_row < 0)
		return;
	nl = evlist_pids(a, (size_t)l->proc_row, !l->with_kids, err, sizeof(err));
	if (!nl) {
		set_msg(a, 1, "%s", err);
		return;
	}
	evlist_free(l);
	a->lists[a->nlists - 1] = nl;
}

static void tree_toggle(struct app *a, int want)
{
	struct table *t = &a->tab[TK_PROCESSES];
	struct trow *r = table_sel(a, TK_PROCESSES);

	if (a->view != V_PROCS || !r || !r->nkids)
		return;
	r->collapsed = want < 0 ? !r->collapsed : want;
	table_layout(t);
}

/* Searches the rows of the current table view for text in any cell. */
static size_t table_search(struct table *t, size_t from, int dir, const char *text)
{
	for (size_t i = from; i < t->nvis; i = dir < 0 ? i - 1 : i + 1) {
		const struct trow *r = &t->rows[t->vis[i]];
		for (int c = 0; c < t->ncols; c++)
			if (strstr(r->cell[c], text))
				return i;
		if (dir < 0 && i == 0)
			break;
	}
	return SIZE_MAX;
}

#define INCREMENTAL_LIMIT 200000 /* events looked at per typed character */

static size_t search_from(struct app *a, size_t from, int dir, const char *text, size_t limit)
{
	if (a->view == V_EVENTS)
		return evlist_search(a, cur_list(a), from, dir, text, limit);
	return table_search(&a->tab[a->view - V_PROCS], from, dir, text);
}

static size_t search_origin;

/* Moves the cursor to the first match at or after where the search began. */
static void search_typed(struct app *a, const char *text)
{
	size_t n, *cur = cursor_of(a, &n), at;

	if (!text[0]) {
		*cur = search_origin;
		return;
	}
	at = search_from(a, search_origin, 1, text, INCREMENTAL_LIMIT);
	if (at != SIZE_MAX)
		*cur = at;
}

static void do_search(struct app *a, int dir, int ask)
{
	size_t n, *cur = cursor_of(a, &n), at;

	if (a->view != V_EVENTS && (a->view < V_PROCS || a->view > V_CONTS)) {
		set_msg(a, 1, "%s", "search works in the Events and table views");
		return;
	}
	if (ask) {
		char text[sizeof(a->search)] = "";
		search_origin = *cur;
		if (!prompt(a, "/", text, sizeof(text), search_typed) || !text[0]) {
			*cur = search_origin;
			return;
		}
		memcpy(a->search, text, sizeof(text));
	}
	if (!a->search[0] || !n || (dir < 0 && *cur == 0)) {
		set_msg(a, 1, "not found: %s", a->search);
		return;
	}
	at = search_from(a, ask ? search_origin : (dir < 0 ? *cur - 1 : *cur + 1), dir, a->search,
			 SEARCH_LIMIT);
	if (at == SIZE_MAX)
		set_msg(a, 1, "not found: %s", a->search);
	else
		*cur = at;
}

static void do_filter(struct app *a)
{
	char text[400] = "", err[400];
	struct evlist *l;

	if (!prompt(a, "filter: ", text, sizeof(text), NULL))
		return;
	if (!text[0]) {
		switch_main(a, V_EVENTS);
		return;
	}
	l = evlist_filter(a, text, err, sizeof(err));
	if (!l) {
		set_msg(a, 1, "filter: %s", err);
		return;
	}
	if (a->view != V_EVENTS)
		switch_main(a, V_EVENTS);
	push_list(a, l);
}

/* Parses "HH:MM:SS[.frac]" on the capture's first day, or a full
 * "YYYY-MM-DD HH:MM:SS[.frac]", as UTC. */
static int parse_time(const struct app *a, const char *s, int64_t *wall)
{
	struct tm tm = {0};
	time_t day;
	const char *rest;
	double frac = 0;

	rest = strptime(s, "%Y-%m-%d %H:%M:%S", &tm);
	if (!rest) {
		time_t t0 = (time_t)(a->start_ns / 1000000000);
		struct tm d;
		gmtime_r(&t0, &d);
		memset(&tm, 0, sizeof(tm));
		rest = strptime(s, "%H:%M:%S", &tm);
		if (!rest)
			return -1;
		tm.tm_year = d.tm_year, tm.tm_mon = d.tm_mon, tm.tm_mday = d.tm_mday;
	}
	if (*rest == '.')
		frac = strtod(rest, (char **)&rest);
	if (*rest)
		return -1;
	day = timegm(&tm);
	*wall = (int64_t)day * 1000000000 + (int64_t)(frac * 1e9);
	return 0;
}

static void do_goto(struct app *a)
{
	char text[128] = "", *end;
	uint64_t num;
	int64_t wall;
	struct evlist *l;

	if (!prompt(a, "go to event number or time: ", text, sizeof(text), NULL) || !text[0])
		return;
	num = strtoull(text, &end, 10);
	if (*end) {
		if (parse_time(a, text, &wall) < 0) {
			set_msg(a, 1, "not an event number or time: %s", text);
			return;
		}
		num = evsrc_find_ts(a->src, (uint64_t)(wall - a->boot_ns));
		if (!num) {
			set_msg(a, 1, "no event at or after %s", text);
			return;
		}
	}
	if (a->view != V_EVENTS)
		switch_main(a, V_EVENTS);
	l = cur_list(a);
	if (l->scan) {
		size_t i = evscan_find(l->scan, num);
		l->cur = i < evscan_count(l->scan) ? i : l->cur;
	} else {
		jump_to_event(a, num, 0);
	}
}

/* ] and [: the next or previous event of the list that raised an alert. */
static void next_alert(struct app *a, int dir)
{
	struct evlist *l = cur_list(a);
	size_t n = evlist_count(a, l);

	if (a->view != V_EVENTS || !n || !a->naidx)
		return;
	for (size_t i = l->cur; dir < 0 ? i > 0 : i + 1 < n;) {
		uint64_t num;
		size_t k;
		i = dir < 0 ? i - 1 : i + 1;
		num = evlist_at(a, l, i);
		k = alert_at(a, num);
		if (k < a->naidx && (uint64_t)a->aidx[2 * k] == num) {
			l->cur = i;
			return;
		}
		if (!l->scan) { /* all events: jump straight to the next alert */
			if (dir > 0 && k == a->naidx)
				break;
			if (dir > 0) {
				i = (size_t)(a->aidx[2 * k] - (int64_t)evsrc_first(a->src)) - 1;
			} else if (k == 0) {
				break;
			} else {
				i = (size_t)(a->aidx[2 * (k - 1)] - (int64_t)evsrc_first(a->src)) +
				    1;
			}
		}
	}
	set_msg(a, 0, "%s", dir < 0 ? "no earlier alert" : "no later alert");
}

static void do_follow_key(struct app *a)
{
	struct trow *r;

	if (a->view == V_DETAIL)
		follow_event(a, a->detail_num);
	else if (a->view == V_EVENTS && evlist_count(a, cur_list(a)))
		follow_event(a, evlist_at(a, cur_list(a), cur_list(a)->cur));
	else if ((a->view == V_FILES || a->view == V_CONNS) &&
		 (r = table_sel(a, (enum table_kind)(a->view - V_PROCS))))
		start_follow(a, r->pid, r->fd, (uint64_t)r->first_evt, 0);
}

static void handle_key(struct app *a, int ch)
{
	long page = list_rows() - 1;

	a->msg[0] = 0;
	switch (ch) {
	case 'q':
		a->quit = 1;
		break;
	case '\t':
		switch_main(a, a->view < V_NMAIN ? (a->view + 1) % V_NMAIN : V_EVENTS);
		break;
	case KEY_BTAB:
		switch_main(a, a->view < V_NMAIN ? (a->view + V_NMAIN - 1) % V_NMAIN : V_EVENTS);
		break;
	case KEY_F(1):
	case KEY_F(2):
	case KEY_F(3):
	case KEY_F(4):
	case KEY_F(5):
	case KEY_F(6):
		switch_main(a, ch - KEY_F(1));
		break;
	case 'v':
		if (a->view != V_MENU) {
			a->menu_cur = a->view < V_NMAIN ? a->view : 0;
			push_view(a, V_MENU);
		}
		break;
	case '?':
		if (a->view != V_HELP)
			push_view(a, V_HELP);
		break;
	case KEY_UP:
	case 'k':
		move_cursor(a, -1, 0);
		break;
	case KEY_DOWN:
	case 'j':
		move_cursor(a, 1, 0);
		break;
	case KEY_PPAGE:
		move_cursor(a, -page, 0);
		break;
	case KEY_NPAGE:
	case ' ':
		if (ch == ' ' && a->view == V_PROCS)
			tree_toggle(a, -1);
		else
			move_cursor(a, page, 0);
		break;
	case 'g':
	case KEY_HOME:
		move_cursor(a, 0, -1);
		break;
	case 'G':
	case KEY_END:
		move_cursor(a, 0, 1);
		break;
	case KEY_LEFT:
		tree_toggle(a, 1);
		break;
	case KEY_RIGHT:
		tree_toggle(a, 0);
		break;
	case '\n':
	case KEY_ENTER:
		enter(a);
		break;
	case 27:
	case KEY_BACKSPACE:
	case 127:
		go_back(a);
		break;
	case 'c':
		toggle_children(a);
		break;
	case 'x':
		if (a->view == V_FOLLOW) {
			a->fol.hex = !a->fol.hex;
			a->fol.laid = 0;
			a->fol.top = 0;
		}
		break;
	case 'F':
		do_follow_key(a);
		break;
	case '/':
		do_search(a, 1, 1);
		break;
	case 'n':
		do_search(a, 1, 0);
		break;
	case 'N':
		do_search(a, -1, 0);
		break;
	case 'f':
		do_filter(a);
		break;
	case ':':
		do_goto(a);
		break;
	case ']':
		next_alert(a, 1);
		break;
	case '[':
		next_alert(a, -1);
		break;
	default:
		break;
	}
}

/* Advances whatever scan the screen is waiting for. Returns 1 if busy. */
static int step_scans(struct app *a, int run)
{
	struct evscan *s = NULL;

	if (a->view == V_FOLLOW && a->fol.scan && !evscan_done(a->fol.scan))
		s = a->fol.scan;
	else if (evlist_busy(cur_list(a)))
		s = cur_list(a)->scan;
	if (!s)
		return 0;
	if (run && evscan_step(s, SCAN_SLICE) < 0)
		set_msg(a, 1, "%s", evscan_error(s));
	return 1;
}

static void loop(struct app *a)
{
	while (!a->quit) {
		int busy = step_scans(a, 0), ch;
		draw_screen(a);
		timeout(busy ? 0 : -1);
		ch = getch();
		if (ch == ERR) {
			step_scans(a, 1);
			continue;
		}
		if (ch == KEY_RESIZE) {
			clear();
			continue;
		}
		handle_key(a, ch);
	}
}

int browse_run(const char *path, const char *db_path, char *const *rules, int nrules)
{
	struct app a;
	struct sk_index_opts o = {0};
	struct sk_index_result res;
	struct index_screen is = {.path = path};
	char err[2048] = "";
	int rc = 1;

	memset(&a, 0, sizeof(a));
	a.path = path;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
	tui_escape_init();
	screen_start(&a);
	clock_gettime(CLOCK_MONOTONIC, &is.start);
	is.last = is.start;
	o.capture = path;
	o.db_path = db_path;
	o.rules = rules;
	o.nrules = nrules;
	o.progress = index_progress;
	o.progress_arg = &is;
	if (sk_index_run(&o, &res, err, sizeof(err)) == 0) {
		a.cid = res.capture_id;
		if (app_load(&a, res.db_path, err, sizeof(err)) == 0) {
			loop(&a);
			rc = 0;
		}
	}
	endwin();
	app_free(&a);
	if (rc)
		fprintf(stderr, "saker browse: %s\n", err);
	return rc;
}
