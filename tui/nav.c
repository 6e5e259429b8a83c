/* nav.c - moving around the browser: the view stack behind Esc, the list
 * stack of the Events view, cursors and the status message. */
#include <curses.h>
#include <stdint.h>
#include <stdio.h>

#include "tui/browse.h"

void set_msg(struct app *a, int err, const char *fmt, const char *arg)
{
	snprintf(a->msg, sizeof(a->msg), fmt, arg);
	a->msg_err = err;
}

void push_view(struct app *a, enum view v)
{
	if (a->nback < (int)(sizeof(a->back) / sizeof(a->back[0])))
		a->back[a->nback++] = a->view;
	a->view = v;
}

void go_back(struct app *a)
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

void switch_main(struct app *a, int v)
{
	a->nback = 0;
	while (a->nlists > 1)
		evlist_free(a->lists[--a->nlists]);
	a->view = (enum view)v;
}

void push_list(struct app *a, struct evlist *l)
{
	if (a->nlists == (int)(sizeof(a->lists) / sizeof(a->lists[0]))) {
		evlist_free(l);
		set_msg(a, 1, "%s", "too many nested lists: go back first");
		return;
	}
	a->lists[a->nlists++] = l;
	push_view(a, V_EVENTS);
}

struct evlist *cur_list(struct app *a)
{
	return a->lists[a->nlists - 1];
}

/* Positions the all-events list on num and marks it. */
void jump_to_event(struct app *a, uint64_t num, int mark)
{
	struct evlist *l = a->lists[0];
	size_t rows = (size_t)list_rows();

	while (a->nlists > 1)
		evlist_free(a->lists[--a->nlists]);
	if (!a->nevents)
		return;
	if (num < evsrc_first(a->src))
		num = evsrc_first(a->src);
	if (num > evsrc_last(a->src))
		num = evsrc_last(a->src);
	l->cur = num - evsrc_first(a->src);
	l->top = l->cur > rows / 2 ? l->cur - rows / 2 : 0; /* context around it */
	if (mark)
		a->highlight = num;
}

size_t *cursor_of(struct app *a, size_t *n)
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
	if (a->view == V_HELP) {
		*n = SIZE_MAX / 2; /* clamped when drawn */
		return &a->help_top;
	}
	if (a->view >= V_PROCS && a->view <= V_CONTS) {
		enum table_kind k = (enum table_kind)(a->view - V_PROCS);
		*n = a->tab[k].nvis;
		return &a->tcur[k];
	}
	*n = 0;
	return NULL;
}

size_t *top_of(struct app *a)
{
	if (a->view == V_EVENTS)
		return &cur_list(a)->top;
	if (a->view >= V_PROCS && a->view <= V_CONTS)
		return &a->ttop[a->view - V_PROCS];
	return NULL;
}

void move_cursor(struct app *a, long delta, int to_end)
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

struct trow *table_sel(struct app *a, enum table_kind k)
{
	struct table *t = &a->tab[k];

	return a->tcur[k] < t->nvis ? &t->rows[t->vis[a->tcur[k]]] : NULL;
}
