/* draw.c - painting the browser: tabs, timeline strip, the current view
 * and the status line. Everything is recomputed from LINES and COLS on each
 * frame, so a resize only needs a redraw, and every captured string is
 * escaped (esc.h) before it reaches the terminal. */
#include <curses.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tui/browse.h"
#include "tui/esc.h"
#include "tui/evfmt.h"

static const char *const view_names[V_NMAIN] = {"Events", "Processes",	 "Alerts",
						"Files",  "Connections", "Containers"};

static struct app *cur_app;

static int attr_of(int pair, int mono)
{
	return cur_app->color ? (int)COLOR_PAIR(pair) : mono;
}

int list_rows(void)
{
	return LINES > 4 ? LINES - 4 : 1;
}

/* Draws raw text escaped into at most cols columns at (y, x). */
static int put_raw(int y, int x, const char *s, int cols)
{
	char buf[4096];
	int w;

	if (cols <= 0)
		return 0;
	w = tui_escape_str(s, buf, sizeof(buf), cols);
	mvaddstr(y, x, buf);
	return w;
}

/* Draws already safe text (our own words, or escaped text) cut to cols. */
static void put_safe(int y, int x, const char *s, int cols)
{
	if (cols > 0)
		mvaddnstr(y, x, s, cols);
}

static void fill_line(int y, int attr)
{
	attron(attr);
	mvhline(y, 0, ' ', COLS);
	attroff(attr);
}

/* The Processes row of pid alive at event num (the latest started before). */
static const struct trow *row_of(struct app *a, int64_t pid, uint64_t num)
{
	size_t lo = 0, hi = a->npidx;
	const struct trow *best = NULL;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->pidx[3 * mid] < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < a->npidx && a->pidx[3 * i] == pid; i++) {
		if (a->pidx[3 * i + 1] > (int64_t)num && best)
			break;
		best = &a->tab[TK_PROCESSES].rows[a->pidx[3 * i + 2]];
	}
	return best;
}

const char *comm_of(struct app *a, int64_t pid, uint64_t num)
{
	const struct trow *r = row_of(a, pid, num);

	return r ? r->comm : NULL;
}

#define TABS_X 7 /* after " saker " */

/* Tab v spans columns tab_x(v) .. tab_x(v + 1) - 1 of line 0. */
static int tab_x(int v)
{
	int x = TABS_X;

	for (int i = 0; i < v; i++)
		x += (int)strlen(view_names[i]) + 2;
	return x;
}

int tab_at(int x)
{
	for (int v = 0; v < V_NMAIN; v++)
		if (x >= tab_x(v) && x < tab_x(v + 1))
			return v;
	return -1;
}

uint64_t timeline_event_at(const struct app *a, int x)
{
	for (int b = x * SK_TIMELINE_BUCKETS / (COLS > 0 ? COLS : 1); b < SK_TIMELINE_BUCKETS; b++)
		if (a->tl.nevents[b])
			return (uint64_t)a->tl.first_evt[b];
	return 0;
}

static void draw_tabs(struct app *a)
{
	int x = 0, bar = attr_of(CP_BAR, A_REVERSE);
	char right[128];

	fill_line(0, bar);
	attron(bar);
	mvaddstr(0, 0, " saker ");
	x = TABS_X;
	for (int v = 0; v < V_NMAIN && x < COLS; v++) {
		int on =
		    (int)a->view == v || (a->view >= V_NMAIN && a->nback && (int)a->back[0] == v);
		if (on)
			attron(A_BOLD | A_UNDERLINE);
		put_safe(0, x + 1, view_names[v], COLS - x - 1);
		if (on)
			attroff(A_BOLD | A_UNDERLINE);
		x += (int)strlen(view_names[v]) + 2;
	}
	if (a->drops)
		snprintf(right, sizeof(right), " %lld events, %lld DROPPED ", (long long)a->nevents,
			 (long long)a->drops);
	else
		snprintf(right, sizeof(right), " %lld events ", (long long)a->nevents);
	if (x + (int)strlen(right) < COLS)
		put_safe(0, COLS - (int)strlen(right), right, (int)strlen(right));
	x += 1;
	if (x + (int)strlen(right) + 12 < COLS) {
		char host[64];
		int w = tui_escape_str(a->hostname, host, sizeof(host),
				       COLS - x - (int)strlen(right) - 2);
		put_safe(0, COLS - (int)strlen(right) - w - 1, host, w);
	}
	attroff(bar);
}

static int bucket_of(const struct app *a, uint64_t num)
{
	int b = 0;

	for (int i = 0; i < SK_TIMELINE_BUCKETS; i++)
		if (a->tl.nevents[i] && (uint64_t)a->tl.first_evt[i] <= num)
			b = i;
	return b;
}

static uint64_t current_num(struct app *a)
{
	struct evlist *l = a->lists[a->nlists - 1];

	if (a->view == V_DETAIL)
		return a->detail_num;
	if (!evlist_count(a, l))
		return 0;
	return evlist_at(a, l, l->cur);
}

/* Sums the buckets falling in column c of cols. */
static void column_counts(const struct app *a, int c, int cols, int64_t *n, int64_t *al)
{
	int b0 = c * SK_TIMELINE_BUCKETS / cols, b1 = (c + 1) * SK_TIMELINE_BUCKETS / cols;

	if (b1 <= b0)
		b1 = b0 + 1;
	*n = *al = 0;
	for (int b = b0; b < b1 && b < SK_TIMELINE_BUCKETS; b++)
		*n += a->tl.nevents[b], *al += a->tl.nalerts[b];
}

static void draw_timeline(struct app *a)
{
	static const char levels[] = " .:-=+*#";
	int cols = COLS, pos = bucket_of(a, current_num(a)) * cols / SK_TIMELINE_BUCKETS;
	int64_t n, al, max = 1;

	for (int c = 0; c < cols; c++) {
		column_counts(a, c, cols, &n, &al);
		max = n > max ? n : max;
	}
	move(1, 0);
	for (int c = 0; c < cols; c++) {
		int ch, attr = 0;
		column_counts(a, c, cols, &n, &al);
		ch =
		    n ? levels[1 + (int)(log1p((double)n) / log1p((double)max) * 6.99)] : levels[0];
		if (al) {
			ch = '!';
			attr = attr_of(CP_CRIT, A_BOLD);
		}
		if (c == pos)
			attr |= A_REVERSE;
		if (attr)
			attron(attr);
		addch((chtype)ch);
		if (attr)
			attroff(attr);
	}
}

static void draw_status(struct app *a, const char *pos)
{
	int y = LINES - 1, plen = (int)strlen(pos);

	move(y, 0);
	clrtoeol();
	if (a->msg[0]) {
		int attr = a->msg_err ? attr_of(CP_ERR, A_BOLD) : (int)A_BOLD;
		attron(attr);
		put_raw(y, 0, a->msg, COLS - plen - 1);
		attroff(attr);
	} else {
		attron(attr_of(CP_DIM, A_NORMAL));
		put_safe(y, 0,
			 "Tab views  Enter open  Esc back  / search  f filter  : go to  "
			 "F follow  ? help  q quit",
			 COLS - plen - 1);
		attroff(attr_of(CP_DIM, A_NORMAL));
	}
	put_safe(y, COLS - plen, pos, plen);
}

static void header_line(const char *text)
{
	int attr = A_BOLD | A_UNDERLINE;

	move(2, 0);
	clrtoeol();
	attron(attr);
	put_safe(2, 0, text, COLS);
	attroff(attr);
}

static int level_attr(int level)
{
	if (level < 0)
		return 0;
	if (level <= 2) /* EMERGENCY, ALERT, CRITICAL */
		return attr_of(CP_CRIT, A_BOLD);
	if (level <= 4) /* ERROR, WARNING */
		return attr_of(CP_WARN, A_BOLD);
	return attr_of(CP_NOTICE, A_NORMAL);
}

static void draw_event_row(struct app *a, int y, uint64_t num, int selected)
{
	const struct sk_event *ev = evsrc_get(a->src, num);
	char line[4096], t[40], name[64], args[2048];
	const char *comm;
	int attr = 0, n;

	if (!ev) {
		snprintf(line, sizeof(line), " %8llu <unreadable: %s>", (unsigned long long)num,
			 evsrc_error(a->src));
		put_raw(y, 0, line, COLS);
		return;
	}
	size_t k = alert_at(a, num);
	int alerted = k < a->naidx && (uint64_t)a->aidx[2 * k] == num;
	evfmt_time(a->boot_ns + (int64_t)ev->ts, 0, t, sizeof(t));
	comm = comm_of(a, ev->pid, num);
	tui_escape_str(comm ? comm : "?", name, 13, 12);
	n = snprintf(line, sizeof(line), "%c%8llu %s %3u %-12s %7u %-14s ", alerted ? '!' : ' ',
		     (unsigned long long)num, t, ev->cpu, name, ev->pid,
		     evfmt_name(ev, args, sizeof(args)));
	evfmt_args(ev, &a->namer, line + n, sizeof(line) - (size_t)n, COLS > n ? COLS - n : 0);
	if (alerted && !selected && num != a->highlight)
		attr |= level_attr((int)a->aidx[2 * k + 1]);
	if (num == a->highlight)
		attr |= attr_of(CP_MARK, A_BOLD | A_UNDERLINE);
	if (selected)
		attr |= attr_of(CP_SEL, A_REVERSE);
	if (attr) {
		attron(attr);
		mvhline(y, 0, ' ', COLS);
	}
	put_safe(y, 0, line, COLS);
	if (attr)
		attroff(attr);
}

static void draw_events(struct app *a, char *pos, size_t plen)
{
	struct evlist *l = a->lists[a->nlists - 1];
	size_t n = evlist_count(a, l), rows = (size_t)list_rows();
	char head[512];

	snprintf(head, sizeof(head), " %8s %-18s %3s %-12s %7s %-14s %s", "EVENT", "TIME (UTC)",
		 "CPU", "COMM", "PID", "TYPE", "ARGS");
	header_line(head);
	if (l->cur >= n && n)
		l->cur = n - 1;
	if (l->cur < l->top)
		l->top = l->cur;
	if (l->cur >= l->top + rows)
		l->top = l->cur - rows + 1;
	for (size_t i = 0; i < rows; i++) {
		move(3 + (int)i, 0);
		clrtoeol();
		if (l->top + i < n)
			draw_event_row(a, 3 + (int)i, evlist_at(a, l, l->top + i),
				       l->top + i == l->cur);
	}
	if (!n && !evlist_busy(l))
		put_safe(3, 2, "(no events)", COLS - 2);
	if (evlist_busy(l))
		snprintf(pos, plen, " %s: %zu found, scanning %.0f%% ", l->title, n,
			 100.0 * (double)evscan_next(l->scan) /
			     (double)(a->nevents ? a->nevents : 1));
	else
		snprintf(pos, plen, " %s: %zu/%zu ", l->title, n ? l->cur + 1 : 0, n);
}

static void draw_table_row(struct app *a, struct table *t, const struct trow *r, int y, int sel)
{
	int x = 0;
	int attr = level_attr(r->level) | (sel ? attr_of(CP_SEL, A_REVERSE) : 0);

	(void)a;
	if (attr) {
		attron(attr);
		mvhline(y, 0, ' ', COLS);
	}
	for (int c = 0; c < t->ncols && x < COLS; c++) {
		int w = t->col[c].width ? t->col[c].width : COLS - x;
		if (COLS < t->col[c].min_cols)
			continue;
		const char *s = r->cell[c];
		if (w > COLS - x)
			w = COLS - x;
		if (t->kind == TK_PROCESSES && c == 0) {
			char pid[64];
			int ind = r->depth * 2 > w - 8 ? w - 8 : r->depth * 2;
			if (ind < 0)
				ind = 0;
			snprintf(pid, sizeof(pid), "%c%s",
				 r->nkids ? (r->collapsed ? '+' : '-') : ' ', s);
			put_safe(y, x + ind, pid, w - ind);
		} else if (t->col[c].right) {
			int len = (int)strlen(s);
			put_raw(y, x + (len < w - 1 ? w - 1 - len : 0), s, w - 1);
		} else if (t->col[c].escaped) {
			char buf[4096];
			tui_escape_pre(s, strlen(s), buf, sizeof(buf), w - 1);
			mvaddstr(y, x, buf);
		} else {
			put_raw(y, x, s, w - 1);
		}
		x += w;
	}
	if (attr)
		attroff(attr);
}

static void draw_table(struct app *a, enum table_kind k, char *pos, size_t plen)
{
	struct table *t = &a->tab[k];
	size_t *cur = &a->tcur[k], *top = &a->ttop[k], rows = (size_t)list_rows();
	char head[512] = "";
	int x = 0;

	for (int c = 0; c < t->ncols && x < (int)sizeof(head) - 64; c++) {
		int w = t->col[c].width ? t->col[c].width : 40;
		if (COLS < t->col[c].min_cols)
			continue;
		x += snprintf(head + x, sizeof(head) - (size_t)x,
			      t->col[c].right ? "%*s " : "%-*s ", w - 1, t->col[c].head);
	}
	header_line(head);
	if (*cur >= t->nvis && t->nvis)
		*cur = t->nvis - 1;
	if (*cur < *top)
		*top = *cur;
	if (*cur >= *top + rows)
		*top = *cur - rows + 1;
	for (size_t i = 0; i < rows; i++) {
		move(3 + (int)i, 0);
		clrtoeol();
		if (*top + i < t->nvis)
			draw_table_row(a, t, &t->rows[t->vis[*top + i]], 3 + (int)i,
				       *top + i == *cur);
	}
	if (!t->nvis)
		put_safe(3, 2, "(none in this capture)", COLS - 2);
	snprintf(pos, plen, " %s: %zu/%zu ", t->name, t->nvis ? *cur + 1 : 0, t->nvis);
}

/* The detail pane is a list of lines rebuilt on each frame. */
struct dlines {
	char (*v)[1024];
	size_t n, cap;
};

static void dl_add(struct dlines *d, const char *s)
{
	if (d->n == d->cap) {
		size_t ncap = d->cap ? d->cap * 2 : 128;
		void *nv = realloc(d->v, ncap * sizeof(*d->v));
		if (!nv)
			return;
		d->v = nv;
		d->cap = ncap;
	}
	snprintf(d->v[d->n++], sizeof(d->v[0]), "%s", s);
}

/* The process around the event, from the case database. */
static void process_lines(struct app *a, const struct sk_event *ev, struct dlines *d)
{
	const struct table *t = &a->tab[TK_PROCESSES];
	const struct trow *r = row_of(a, ev->pid, ev->num);
	static const char *const label[] = {"pid",    "user",	"start",     "life",
					    "events", "alerts", "container", "cmdline"};
	char buf[1024], val[900];

	if (!r)
		return;
	dl_add(d, "");
	for (int c = 0; c < t->ncols; c++) {
		tui_escape_str(r->cell[c], val, sizeof(val), COLS > 40 ? COLS - 20 : 20);
		snprintf(buf, sizeof(buf), "  proc.%-11s %s", label[c], val);
		dl_add(d, buf);
	}
	if (r->parent >= 0) {
		tui_escape_str(t->rows[r->parent].cell[7], val, sizeof(val),
			       COLS > 40 ? COLS - 20 : 20);
		snprintf(buf, sizeof(buf), "  proc.%-11s %lld %s", "parent",
			 (long long)t->rows[r->parent].pid, val);
		dl_add(d, buf);
	}
}

/* The event's fields as rules see them, once the replay has reached it. */
static void field_lines(struct app *a, struct dlines *d)
{
	const struct fieldpane *fp = &a->fields;
	char buf[128];

	dl_add(d, "");
	if (!fp->scan || fp->num != a->detail_num) {
		dl_add(d, "fields: not available");
	} else if (!evscan_done(fp->scan)) {
		snprintf(buf, sizeof(buf), "fields: replaying the capture up to this event, %.0f%%",
			 100.0 * (double)evscan_next(fp->scan) / (double)(fp->num ? fp->num : 1));
		dl_add(d, buf);
	} else if (!fp->found) {
		dl_add(d, "fields: the replay did not reach this event");
	} else {
		dl_add(d, "fields (with a value at this event):");
		for (size_t i = 0; i < fp->n; i++)
			dl_add(d, fp->lines[i]);
	}
}

static void detail_lines(struct app *a, const struct sk_event *ev, struct dlines *d)
{
	const struct sk_event_info *info = sk_event_info(ev->type);
	char buf[1024], t[64], val[900], name[64];
	const char *comm = comm_of(a, ev->pid, ev->num);
	uint32_t plen;
	const uint8_t *payload;
	int cw = COLS - 28 > 20 ? COLS - 28 : 20; /* after "  name type " */

	evfmt_time(a->boot_ns + (int64_t)ev->ts, 1, t, sizeof(t));
	snprintf(buf, sizeof(buf), "event %llu  %s UTC  cpu %u", (unsigned long long)ev->num, t,
		 ev->cpu);
	dl_add(d, buf);
	tui_escape_str(comm ? comm : "?", val, sizeof(val), 60);
	snprintf(buf, sizeof(buf), "%s  process %s  pid %u  tid %u%s%s",
		 evfmt_name(ev, name, sizeof(name)), val, ev->pid, ev->tid,
		 ev->flags & SK_EF_TRUNCATED ? "  [truncated]" : "",
		 ev->flags & SK_EF_FAULT ? "  [fault]" : "");
	dl_add(d, buf);
	process_lines(a, ev, d);
	dl_add(d, "");
	for (int i = 0; info && i < info->nparams && (uint32_t)i < ev->nparams; i++) {
		evfmt_param(ev, i, &a->namer, val, sizeof(val), cw * 4);
		/* long values wrap over several lines */
		size_t vlen = strlen(val), off = 0;
		do {
			snprintf(buf, sizeof(buf), "  %-16s %-8s %.*s",
				 off ? "" : info->params[i].name,
				 off ? "" : sk_ptype_name(info->params[i].type), cw, val + off);
			dl_add(d, buf);
			off += (size_t)cw;
		} while (off < vlen);
	}
	payload = evfmt_payload(ev, &plen);
	if (payload && plen) {
		dl_add(d, "");
		snprintf(buf, sizeof(buf), "payload, %u bytes:", plen);
		dl_add(d, buf);
		for (uint32_t o = 0; o < plen; o += 16) {
			tui_hexline(payload + o, plen - o < 16 ? plen - o : 16, o, buf,
				    sizeof(buf));
			dl_add(d, buf);
		}
	}
	field_lines(a, d);
}

static void draw_detail(struct app *a, char *pos, size_t plen)
{
	const struct sk_event *ev = evsrc_get(a->src, a->detail_num);
	struct dlines d = {0};
	size_t rows = (size_t)list_rows();

	header_line("Event detail   (F follow this fd, Esc back)");
	if (ev)
		detail_lines(a, ev, &d);
	else
		dl_add(&d, "(this event cannot be read)");
	if (a->detail_top + rows > d.n)
		a->detail_top = d.n > rows ? d.n - rows : 0;
	for (size_t i = 0; i < rows; i++) {
		move(3 + (int)i, 0);
		clrtoeol();
		if (a->detail_top + i < d.n)
			put_safe(3 + (int)i, 0, d.v[a->detail_top + i], COLS);
	}
	snprintf(pos, plen, " event %llu ", (unsigned long long)a->detail_num);
	free(d.v);
}

static void draw_follow(struct app *a, char *pos, size_t plen)
{
	struct follow *f = &a->fol;
	size_t rows = (size_t)list_rows();
	char head[256];

	follow_layout(f);
	snprintf(head, sizeof(head),
		 "Follow pid %lld fd %lld: %llu bytes read, %llu written  (x text/hex, Esc back)",
		 (long long)f->pid, (long long)f->fd, (unsigned long long)f->bytes_in,
		 (unsigned long long)f->bytes_out);
	header_line(head);
	if (f->top + rows > f->nlines)
		f->top = f->nlines > rows ? f->nlines - rows : 0;
	for (size_t i = 0; i < rows; i++) {
		move(3 + (int)i, 0);
		clrtoeol();
		if (f->top + i >= f->nlines)
			continue;
		const struct fline *l = &f->lines[f->top + i];
		int attr = l->attr == 0 ? (int)A_BOLD : attr_of(l->attr == 1 ? CP_IN : CP_OUT, 0);
		if (attr)
			attron(attr);
		put_safe(3 + (int)i, 0, l->text, COLS);
		if (attr)
			attroff(attr);
	}
	if (!f->nlines && evscan_done(f->scan))
		put_safe(3, 2, "(no bytes were read or written on this fd)", COLS - 2);
	snprintf(pos, plen,
		 f->truncated		? " %zu lines (first 64 MiB) "
		 : evscan_done(f->scan) ? " %zu lines "
					: " %zu lines, scanning ",
		 f->nlines);
}

static const char *const help_text[] = {
    "saker browse - keys",
    "",
    "  Tab, Shift-Tab, F1..F6   next / previous view, or Events .. Containers",
    "  v                        view menu",
    "  Up/Down j/k, PgUp/PgDn   move;  g/Home first, G/End last",
    "  Enter                    open: a process's events, an alert's event,",
    "                           an event's details and fields, a file's or",
    "                           connection's stream",
    "  Esc, Backspace           back",
    "  c                        (process events) include / exclude children",
    "  Space, Left/Right        (processes) collapse / expand the tree",
    "  F                        follow the fd of an event, file or connection",
    "  x                        (follow) text / hex",
    "  /  n  N                  search text (as you type); next; previous",
    "  ]  [                     (events) next / previous event that raised an alert",
    "  f                        filter events with a rule condition (empty: clear)",
    "  :                        go to an event number or a time (HH:MM:SS[.frac])",
    "  ?                        this help;  q quit",
    "  mouse                    click a tab, a row or the timeline; double click",
    "                           opens; the wheel scrolls",
    "",
    "The timeline on line 2 shows the event rate over the capture, '!' where",
    "alerts fired, and the current position in reverse video.",
};

static void draw_help(struct app *a, char *pos, size_t plen)
{
	size_t n = sizeof(help_text) / sizeof(help_text[0]), rows = (size_t)list_rows();

	header_line("Help   (Up/Down scroll, Esc back)");
	if (a->help_top + rows > n)
		a->help_top = n > rows ? n - rows : 0;
	for (size_t i = 0; i < rows; i++) {
		move(3 + (int)i, 0);
		clrtoeol();
		if (a->help_top + i < n)
			put_safe(3 + (int)i, 0, help_text[a->help_top + i], COLS);
	}
	snprintf(pos, plen, " help ");
}

static void draw_menu(struct app *a, char *pos, size_t plen)
{
	header_line("Views   (Enter select, Esc back)");
	for (int i = 0; i < list_rows(); i++) {
		char line[64];
		move(3 + i, 0);
		clrtoeol();
		if (i >= V_NMAIN)
			continue;
		snprintf(line, sizeof(line), "  F%d  %s", i + 1, view_names[i]);
		if ((size_t)i == a->menu_cur)
			attron(attr_of(CP_SEL, A_REVERSE));
		put_safe(3 + i, 0, line, COLS);
		if ((size_t)i == a->menu_cur)
			attroff(attr_of(CP_SEL, A_REVERSE));
	}
	snprintf(pos, plen, " views ");
}

void draw_screen(struct app *a)
{
	char pos[320] = "";

	cur_app = a;
	if (LINES < 5 || COLS < 20) {
		erase();
		mvaddstr(0, 0, "terminal too small");
		refresh();
		return;
	}
	draw_tabs(a);
	draw_timeline(a);
	switch (a->view) {
	case V_EVENTS:
		draw_events(a, pos, sizeof(pos));
		break;
	case V_DETAIL:
		draw_detail(a, pos, sizeof(pos));
		break;
	case V_FOLLOW:
		draw_follow(a, pos, sizeof(pos));
		break;
	case V_HELP:
		draw_help(a, pos, sizeof(pos));
		break;
	case V_MENU:
		draw_menu(a, pos, sizeof(pos));
		break;
	default:
		draw_table(a, (enum table_kind)(a->view - V_PROCS), pos, sizeof(pos));
		break;
	}
	draw_status(a, pos);
	refresh();
}
