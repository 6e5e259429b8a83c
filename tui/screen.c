/* screen.c - the terminal: ncurses setup with or without colors, the
 * progress screen of a first index pass, and the one-line prompt. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui/browse.h"
#include "tui/esc.h"

void screen_start(struct app *a)
{
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED,
		  NULL);
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

void index_progress(void *arg, uint64_t done, uint64_t total)
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

/* A one-line editor on the status line. Returns 1 on Enter, 0 on Esc. */
int prompt(struct app *a, const char *label, char *buf, size_t len, prompt_fn changed)
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
