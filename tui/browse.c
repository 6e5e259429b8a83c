/* browse.c - `saker browse`: opens (indexing first if needed) the case
 * database of a capture, then runs the ncurses loop: keys move between
 * views and drill down, and background scans (drill-down lists, filters,
 * followed streams) advance in slices while no key is pending. */
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui/browse.h"
#include "tui/esc.h"
#include "tui/evfmt.h"

#define SCAN_SLICE   40000   /* events scanned between two looks at the keyboard */
#define SEARCH_LIMIT 2000000 /* events looked at per search key */

static void start_follow(struct app *a, int64_t pid, int64_t fd, uint64_t from)
{
	char err[512];

	if (fd < 0) {
		set_msg(a, 1, "%s", "no fd to follow here");
		return;
	}
	if (follow_start(a, pid, fd, from, err, sizeof(err)) < 0) {
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
				start_follow(a, r->pid, fd, (uint64_t)r->first_evt);
				return;
			}
		}
	}
	start_follow(a, ev->pid, fd, num);
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
		fieldpane_start(a, a->detail_num);
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
		start_follow(a, r->pid, r->fd, (uint64_t)r->first_evt);
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

static size_t search_once(struct app *a, size_t from, int dir, const char *text, size_t limit)
{
	if (a->view == V_EVENTS)
		return evlist_search(a, cur_list(a), from, dir, text, limit);
	return table_search(&a->tab[a->view - V_PROCS], from, dir, text);
}

/* Searches from index from in direction dir, wrapping around the list once. */
static size_t search_from(struct app *a, size_t from, int dir, const char *text, size_t limit)
{
	size_t n, at;

	cursor_of(a, &n);
	if (!n)
		return SIZE_MAX;
	if (from >= n)
		from = dir < 0 ? n - 1 : 0;
	at = search_once(a, from, dir, text, limit);
	if (at == SIZE_MAX)
		at = search_once(a, dir < 0 ? n - 1 : 0, dir, text, limit);
	return at;
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
	if (!a->search[0] || !n) {
		set_msg(a, 1, "not found: %s", a->search);
		return;
	}
	at = search_from(a, ask ? search_origin : (dir < 0 ? (*cur ? *cur - 1 : n - 1) : *cur + 1),
			 dir, a->search, SEARCH_LIMIT);
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
		start_follow(a, r->pid, r->fd, (uint64_t)r->first_evt);
}

/* Mouse: a click selects a row, a tab or a point of the timeline; a double
 * click opens the row; the wheel scrolls. */
static void on_mouse(struct app *a)
{
	MEVENT me;
	size_t n, *cur, *top;
	uint64_t num;

	if (getmouse(&me) != OK)
		return;
	if (me.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		move_cursor(a, me.bstate & BUTTON4_PRESSED ? -3 : 3, 0);
		return;
	}
	if (me.y == 0 && tab_at(me.x) >= 0) {
		switch_main(a, tab_at(me.x));
	} else if (me.y == 1 && (num = timeline_event_at(a, me.x))) {
		if (a->view != V_EVENTS)
			switch_main(a, V_EVENTS);
		jump_to_event(a, num, 0);
	} else if (me.y >= 3 && me.y < LINES - 1 && (cur = cursor_of(a, &n)) && (top = top_of(a)) &&
		   *top + (size_t)(me.y - 3) < n) {
		*cur = *top + (size_t)(me.y - 3);
		if (me.bstate & BUTTON1_DOUBLE_CLICKED)
			enter(a);
	}
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
	case KEY_MOUSE:
		on_mouse(a);
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
	else if (a->view == V_DETAIL && a->fields.scan && !evscan_done(a->fields.scan))
		s = a->fields.scan;
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

/* The rule files again, for the filter bar's macros and lists (the index
 * pass has its own copy, and none when the capture was indexed before). */
static struct sk_ruleset *filter_rules(char *const *rules, int nrules, char *err, size_t len)
{
	struct sk_ruleset *rs = sk_ruleset_new();
	if (!rs) {
		snprintf(err, len, "out of memory");
		return NULL;
	}
	for (int i = 0; i < nrules; i++)
		sk_ruleset_load_path(rs, rules[i]);
	if (!sk_ruleset_errors(rs) && sk_ruleset_compile(rs) == 0)
		return rs;
	char *diag = NULL;
	size_t dlen = 0;
	FILE *f = open_memstream(&diag, &dlen);
	if (f) {
		sk_ruleset_print_diag(rs, f);
		fclose(f);
	}
	snprintf(err, len, "invalid rules:\n%s", diag ? diag : "");
	free(diag);
	sk_ruleset_free(rs);
	return NULL;
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
	struct sk_ruleset *rs = NULL;
	if (sk_index_run(&o, &res, err, sizeof(err)) == 0 &&
	    (!nrules || (rs = filter_rules(rules, nrules, err, sizeof(err))))) {
		a.rules = rs;
		a.cid = res.capture_id;
		if (app_load(&a, res.db_path, err, sizeof(err)) == 0) {
			loop(&a);
			rc = 0;
		}
	}
	endwin();
	app_free(&a);
	sk_ruleset_free(rs);
	if (rc)
		fprintf(stderr, "saker browse: %s\n", err);
	return rc;
}
