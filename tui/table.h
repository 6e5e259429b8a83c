/* table.h - the browser's row views (Processes, Alerts, Files, Connections,
 * Containers) loaded from the case database, and what Enter does on a row.
 *
 * Cells hold raw captured text; they are escaped when drawn (esc.h). The
 * Processes table is a tree: rows are in depth-first order with a depth and
 * can be collapsed, so the visible rows are recomputed on each toggle.
 */
#ifndef SAKER_TUI_TABLE_H
#define SAKER_TUI_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#define TABLE_MAXCOLS 8

enum table_kind { TK_PROCESSES, TK_ALERTS, TK_FILES, TK_CONNS, TK_CONTAINERS, TK_COUNT };

struct tcol {
	const char *head;
	int width;    /* 0: the rest of the line */
	int right;    /* right-aligned */
	int min_cols; /* shown only on terminals at least this wide */
	int escaped;  /* the text is escaped already (alert outputs) */
};

struct trow {
	char *cell[TABLE_MAXCOLS];
	int depth;     /* tree depth (Processes) */
	int nkids;     /* direct children (Processes) */
	int collapsed; /* children hidden (Processes) */
	int level;     /* alert priority number 0..7, or -1 */
	int64_t evt;   /* event to jump to (Alerts), else 0 */
	int64_t first_evt, last_evt;
	int64_t pid, fd; /* fd: -1 when none */
	int64_t proc_id; /* processes.id (Processes) */
	int64_t parent;	 /* index of the parent row, -1 for roots */
	char *comm;	 /* process name (Processes), else NULL */
};

struct table {
	enum table_kind kind;
	const char *name;
	int ncols;
	struct tcol col[TABLE_MAXCOLS];
	struct trow *rows;
	size_t n, cap;
	size_t *vis; /* visible row indexes */
	size_t nvis;
};

/* Loads one table of a capture. Returns 0 or -1 with a message in err. */
int table_load(struct table *t, enum table_kind kind, sqlite3 *db, int64_t capture_id, char *err,
	       size_t errlen);
void table_free(struct table *t);

/* Recomputes the visible rows after a collapse toggle. */
void table_layout(struct table *t);

/* Collects the pids of row r and, if kids, of all its descendants (tree). */
size_t table_subtree_pids(const struct table *t, size_t r, int kids, int64_t *pids, size_t max,
			  int64_t *first_evt, int64_t *last_evt);

#endif
