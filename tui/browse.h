/* browse.h - internals of `saker browse` shared by its files: the
 * application state, the event lists of the Events view, the fd stream of
 * the follow view, and the drawing and key handling entry points.
 *
 * browse.c runs the loop and keys, app.c loads the data, screen.c sets up
 * the terminal, nav.c moves between views, draw.c paints, evlist.c builds
 * event lists (all events, a process's events, a filter's matches: the rules
 * module's sk_filter), follow.c collects an fd's bytes.
 */
#ifndef SAKER_TUI_BROWSE_H
#define SAKER_TUI_BROWSE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <sqlite3.h>

#include "rules/rules.h"
#include "tui/evfmt.h"
#include "tui/evscan.h"
#include "tui/evsrc.h"
#include "tui/index.h"
#include "tui/table.h"

enum view {
	V_EVENTS,
	V_PROCS,
	V_ALERTS,
	V_FILES,
	V_CONNS,
	V_CONTS,
	V_NMAIN, /* the views above are the main ones, listed in the tabs */
	V_DETAIL = V_NMAIN,
	V_FOLLOW,
	V_HELP,
	V_MENU,
};

#define MAX_LIST_PIDS 4096

/* A list shown by the Events view. */
struct evlist {
	struct evscan *scan; /* NULL: every event of the capture */
	char title[256];
	size_t cur, top;
	/* process drill-down */
	int64_t pids[MAX_LIST_PIDS];
	size_t npids;
	int64_t proc_row; /* Processes row it came from, or -1 */
	int with_kids;
	/* filter */
	struct sk_filter *filter;
};

struct fline {
	char *text; /* escaped, ready to draw */
	int attr;   /* 0 header, 1 read (in), 2 write (out) */
};

struct fchunk {
	uint64_t num;
	int out;
	uint8_t *data;
	uint32_t len;
};

#define FOLLOW_MAXFDS	 16
#define FOLLOW_MAX_BYTES (64u << 20) /* payload kept per followed stream */

struct follow {
	struct evscan *scan;
	int64_t pid, fd;
	int64_t alias[FOLLOW_MAXFDS]; /* fds open on the stream (fd and its dups) */
	int nalias;
	int hex;
	struct fchunk *chunks;
	size_t nchunks, capchunks;
	struct fline *lines;
	size_t nlines, caplines;
	size_t laid; /* chunks laid out into lines */
	size_t top;
	uint64_t bytes_in, bytes_out;
	int truncated; /* stopped at FOLLOW_MAX_BYTES */
};

/* The fields of the event in the detail pane, once replayed up to it. */
struct fieldpane {
	struct evscan *scan;
	uint64_t num;
	int found;
	char **lines; /* escaped, ready to draw */
	size_t n;
};

struct timeline {
	int64_t start_ns[SK_TIMELINE_BUCKETS];
	int64_t first_evt[SK_TIMELINE_BUCKETS];
	int64_t nevents[SK_TIMELINE_BUCKETS];
	int64_t nalerts[SK_TIMELINE_BUCKETS];
};

/* An fd known from a Files or Connections row: what it names, when. */
struct fdref {
	int64_t pid, fd, first_evt, last_evt;
	const char *name;
};

struct app {
	const char *path;
	sqlite3 *db;
	int64_t cid;
	int64_t nevents, start_ns, boot_ns, drops;
	char hostname[256];
	struct evsrc *src;
	struct table tab[TK_COUNT];
	size_t tcur[TK_COUNT], ttop[TK_COUNT];
	struct timeline tl;
	int64_t *pidx; /* (pid, first_evt, row) triples sorted, for comm lookup */
	size_t npidx;
	int64_t *aidx; /* (event, level) pairs of the alerts, sorted by event */
	size_t naidx;
	struct fdref *fdx; /* the fds of Files and Connections rows, sorted */
	size_t nfdx;
	struct evfmt_fdnamer namer;

	const struct sk_ruleset *rules; /* -r files: macros and lists for filters */
	struct evlist *lists[16];	/* Events view stack; lists[0] is all events */
	int nlists;
	enum view view;
	enum view back[32];
	int nback;
	size_t menu_cur;
	size_t help_top;

	uint64_t highlight; /* event marked after a jump from an alert */
	uint64_t detail_num;
	size_t detail_top;
	struct fieldpane fields;
	struct follow fol;

	char search[256];
	char msg[512];
	int msg_err;
	int color;
	int quit;
};

/* Color pairs (when colors are on). */
enum { CP_BAR = 1, CP_SEL, CP_CRIT, CP_WARN, CP_NOTICE, CP_MARK, CP_DIM, CP_IN, CP_OUT, CP_ERR };

/* draw.c */
void draw_screen(struct app *a);
int list_rows(void); /* rows available to a list */
/* The main view whose tab is at column x of line 0, or -1. */
int tab_at(int x);
/* The first event in the timeline at column x of line 1, or 0. */
uint64_t timeline_event_at(const struct app *a, int x);
/* The name of process pid at event num, or NULL. */
const char *comm_of(struct app *a, int64_t pid, uint64_t num);

/* evlist.c */
size_t evlist_count(const struct app *a, const struct evlist *l);
uint64_t evlist_at(const struct app *a, const struct evlist *l, size_t i);
int evlist_busy(const struct evlist *l);
struct evlist *evlist_all(struct app *a);
struct evlist *evlist_pids(struct app *a, size_t proc_row, int with_kids, char *err, size_t len);
struct evlist *evlist_container(struct app *a, const char *container, char *err, size_t len);
struct evlist *evlist_filter(struct app *a, const char *text, char *err, size_t len);
void evlist_free(struct evlist *l);
/* Text search in the list from index from in direction dir, looking at most
 * at limit events; returns the index found or SIZE_MAX. */
size_t evlist_search(struct app *a, struct evlist *l, size_t from, int dir, const char *text,
		     size_t limit);

/* follow.c: follows fd of pid from event from until the fd and its dups
 * are closed (the scan runs in the background, see browse.c). */
int follow_start(struct app *a, int64_t pid, int64_t fd, uint64_t from, char *err, size_t len);
void follow_stop(struct follow *f);
/* Lays out the chunks found so far as text or hex lines. */
void follow_layout(struct follow *f);

/* fieldpane.c: starts (or restarts) the replay behind the detail pane. */
int fieldpane_start(struct app *a, uint64_t num);
void fieldpane_stop(struct fieldpane *fp);

/* app.c */
int app_load(struct app *a, const char *db_path, char *err, size_t len);
void app_free(struct app *a);
/* Index in a->aidx of the first alert on an event >= num (naidx if none). */
size_t alert_at(const struct app *a, uint64_t num);
/* What fd of process pid names at event num (a path or a remote address). */
const char *fd_name(struct app *a, int64_t pid, int64_t fd, uint64_t num);

/* screen.c */
void screen_start(struct app *a);
struct index_screen {
	struct timespec start, last;
	const char *path;
};
void index_progress(void *arg, uint64_t done, uint64_t total); /* arg: struct index_screen */
/* Called by prompt after each edit (incremental search). */
typedef void (*prompt_fn)(struct app *a, const char *text);
/* A one-line editor on the status line. Returns 1 on Enter, 0 on Esc. */
int prompt(struct app *a, const char *label, char *buf, size_t len, prompt_fn changed);

/* nav.c */
void set_msg(struct app *a, int err, const char *fmt, const char *arg);
void push_view(struct app *a, enum view v);
void go_back(struct app *a);
void switch_main(struct app *a, int v);
void push_list(struct app *a, struct evlist *l);
struct evlist *cur_list(struct app *a);
/* Positions the all-events list on num (centered), marking it if mark. */
void jump_to_event(struct app *a, uint64_t num, int mark);
/* The cursor of the current view and its number of rows. */
size_t *cursor_of(struct app *a, size_t *n);
/* The first row shown by the current view (NULL: not a list of rows). */
size_t *top_of(struct app *a);
void move_cursor(struct app *a, long delta, int to_end);
struct trow *table_sel(struct app *a, enum table_kind k);

/* browse.c */
int browse_run(const char *path, const char *db_path, char *const *rules, int nrules);

#endif
