/* table.c - loading the browser's row views from the case database.
 *
 * Each view is one query returning its display columns followed by the same
 * nine metadata columns (priority level, event to jump to, event range,
 * pid, fd, process id, parent process id, process name), so one loader
 * serves them all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/table.h"

/* clang-format off */
/* A time of day with milliseconds, from ns since the epoch. */
#define T_START(col) "coalesce(strftime('%H:%M:%f', " col " / 1e9, 'unixepoch'), '-')"

/* Display columns, then the nine metadata columns table_load expects. */
static const char sql_processes[] =
	"SELECT pid, coalesce(user, uid, '?'), " T_START("start_ns") ", "
	"CASE WHEN end_ns IS NULL THEN 'alive' WHEN start_ns IS NULL THEN '?' "
	"WHEN end_ns - start_ns < 1000000000 "
	"THEN printf('%.3fms', (end_ns - start_ns) / 1e6) "
	"ELSE printf('%.3fs', (end_ns - start_ns) / 1e9) END, "
	"nevents, nalerts, coalesce(container, 'host'), "
	"coalesce(nullif(cmdline, ''), exe, comm, ''), "
	"-1, 0, first_evt, last_evt, pid, -1, id, parent_id, comm "
	"FROM processes WHERE capture_id = ?1 ORDER BY coalesce(start_ns, 0), id";

static const char sql_alerts[] =
	"SELECT " T_START("ts_ns") ", priority, rule, pid, evt_num, output, "
	"priority_num, evt_num, evt_num, evt_num, pid, -1, process_id, NULL, NULL "
	"FROM alerts WHERE capture_id = ?1 ORDER BY ts_ns, id";

static const char sql_files[] =
	"SELECT " T_START("f.first_ns") ", f.pid, coalesce(p.comm, ''), "
	"f.opens || CASE WHEN f.failures THEN '!' ELSE '' END, f.bytes_read, f.bytes_written, "
	"f.path, -1, 0, f.first_evt, f.last_evt, f.pid, coalesce(f.last_fd, -1), f.process_id, "
	"NULL, NULL FROM files f LEFT JOIN processes p ON p.id = f.process_id "
	"WHERE f.capture_id = ?1 ORDER BY f.first_evt, f.id";

static const char sql_conns[] =
	"SELECT " T_START("c.start_ns") ", c.pid, coalesce(p.comm, ''), c.role, c.bytes_in, "
	"c.bytes_out, coalesce(c.local_addr, '') || coalesce(':' || c.local_port, ''), "
	"coalesce(c.remote_addr, '') || coalesce(':' || c.remote_port, ''), "
	"-1, 0, c.first_evt, c.last_evt, c.pid, c.fd, c.process_id, NULL, NULL "
	"FROM connections c LEFT JOIN processes p ON p.id = c.process_id "
	"WHERE c.capture_id = ?1 ORDER BY c.first_evt, c.id";

static const char sql_containers[] =
	"SELECT container, coalesce(name, ''), coalesce(runtime, ''), "
	"CASE privileged WHEN 1 THEN 'yes' WHEN 0 THEN 'no' ELSE '' END, nprocesses, "
	"coalesce(image, ''), -1, 0, 0, 0, -1, -1, 0, NULL, NULL "
	"FROM containers WHERE capture_id = ?1 ORDER BY container";

struct kind_def {
	const char *name;
	int ncols;
	struct tcol col[TABLE_MAXCOLS];
	const char *sql;
};

/* Columns: heading, width (0: the rest), right-aligned, shown from width. */
#define COL(h, w, r, m) {.head = h, .width = w, .right = r, .min_cols = m}
/* A column of text escaped already. */
#define COL_ESCAPED(h, w) {.head = h, .width = w, .escaped = 1}

static const struct kind_def kinds[TK_COUNT] = {
	[TK_PROCESSES] = {"Processes", 8,
			  {COL("PID", 14, 0, 0),
			   COL("USER", 9, 0, 0),
			   COL("START", 13, 0, 100),
			   COL("LIFE", 10, 1, 0),
			   COL("EVENTS", 7, 1, 0),
			   COL("ALRT", 5, 1, 0),
			   COL("CONTAINER", 13, 0, 100),
			   COL("COMMAND", 0, 0, 0)},
			  sql_processes},
	[TK_ALERTS] = {"Alerts", 6,
		       {COL("TIME", 13, 0, 0),
			COL("PRIORITY", 9, 0, 0),
			COL("RULE", 24, 0, 0),
			COL("PID", 7, 1, 100),
			COL("EVENT", 8, 1, 100),
			COL_ESCAPED("OUTPUT", 0)},
		       sql_alerts},
	[TK_FILES] = {"Files", 7,
		      {COL("TIME", 13, 0, 0),
		       COL("PID", 7, 1, 0),
		       COL("COMM", 12, 0, 0),
		       COL("OPENS", 6, 1, 0),
		       COL("READ", 8, 1, 0),
		       COL("WRITTEN", 8, 1, 0),
		       COL("PATH", 0, 0, 0)},
		      sql_files},
	[TK_CONNS] = {"Connections", 8,
		      {COL("TIME", 13, 0, 0),
		       COL("PID", 7, 1, 0),
		       COL("COMM", 12, 0, 0),
		       COL("ROLE", 8, 0, 0),
		       COL("IN", 8, 1, 0),
		       COL("OUT", 8, 1, 0),
		       COL("LOCAL", 22, 0, 100),
		       COL("REMOTE", 0, 0, 0)},
		      sql_conns},
	[TK_CONTAINERS] = {"Containers", 6,
			   {COL("CONTAINER", 13, 0, 0),
			    COL("NAME", 20, 0, 0),
			    COL("RUNTIME", 10, 0, 0),
			    COL("PRIV", 5, 0, 0),
			    COL("PROCS", 6, 1, 0),
			    COL("IMAGE", 0, 0, 0)},
			   sql_containers},
};
/* clang-format on */

static int64_t col_int(sqlite3_stmt *st, int i, int64_t dflt)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? dflt : sqlite3_column_int64(st, i);
}

static int add_row(struct table *t, sqlite3_stmt *st)
{
	struct trow *r;
	int m = t->ncols;

	if (t->n == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 256;
		struct trow *nv = realloc(t->rows, ncap * sizeof(*nv));
		if (!nv)
			return -1;
		t->rows = nv;
		t->cap = ncap;
	}
	r = &t->rows[t->n];
	memset(r, 0, sizeof(*r));
	for (int i = 0; i < m; i++) {
		const unsigned char *s = sqlite3_column_text(st, i);
		int len = sqlite3_column_bytes(st, i);
		r->cell[i] = malloc((size_t)len + 1);
		if (!r->cell[i])
			return -1;
		memcpy(r->cell[i], s ? (const char *)s : "", (size_t)len);
		r->cell[i][len] = 0;
	}
	r->level = (int)col_int(st, m, -1);
	r->evt = col_int(st, m + 1, 0);
	r->first_evt = col_int(st, m + 2, 0);
	r->last_evt = col_int(st, m + 3, 0);
	r->pid = col_int(st, m + 4, -1);
	r->fd = col_int(st, m + 5, -1);
	r->proc_id = col_int(st, m + 6, 0);
	r->parent = col_int(st, m + 7, 0); /* a process id until tree_order */
	if (sqlite3_column_type(st, m + 8) != SQLITE_NULL) {
		r->comm = strdup((const char *)sqlite3_column_text(st, m + 8));
		if (!r->comm)
			return -1;
	}
	t->n++;
	return 0;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Puts processes in depth-first order under their parents. */
static int tree_order(struct table *t)
{
	size_t n = t->n, o = 0, sp = 0;
	int64_t *ids = malloc((n + 1) * 2 * sizeof(*ids));
	size_t *stack = malloc((n + 1) * sizeof(*stack));
	size_t *kids_head = malloc((n + 1) * sizeof(*kids_head));
	size_t *next = malloc((n + 1) * sizeof(*next));
	struct trow *out = malloc((n + 1) * sizeof(*out));
	int64_t *newidx = malloc((n + 1) * sizeof(*newidx));
	int rc = -1;

	if (!ids || !stack || !kids_head || !next || !out || !newidx)
		goto done;
	for (size_t i = 0; i < n; i++) {
		ids[2 * i] = t->rows[i].proc_id;
		ids[2 * i + 1] = (int64_t)i;
		kids_head[i] = next[i] = SIZE_MAX;
	}
	qsort(ids, n, 2 * sizeof(*ids), cmp_i64);
	/* Link children in reverse so that pushing them keeps start order. */
	for (size_t i = n; i-- > 0;) {
		int64_t key[2] = {t->rows[i].parent, 0};
		int64_t *hit =
		    t->rows[i].parent ? bsearch(key, ids, n, 2 * sizeof(*ids), cmp_i64) : NULL;
		t->rows[i].parent = hit ? hit[1] : -1;
		if (hit) {
			size_t p = (size_t)hit[1];
			next[i] = kids_head[p];
			kids_head[p] = i;
			t->rows[p].nkids++;
		}
	}
	for (size_t i = n; i-- > 0;)
		if (t->rows[i].parent < 0)
			stack[sp++] = i;
	while (sp) {
		size_t i = stack[--sp];
		int64_t p = t->rows[i].parent;
		t->rows[i].depth = p >= 0 ? out[newidx[p]].depth + 1 : 0;
		newidx[i] = (int64_t)o;
		out[o++] = t->rows[i];
		/* Children go on the stack so that the first one pops first. */
		size_t cnt = 0;
		for (size_t k = kids_head[i]; k != SIZE_MAX; k = next[k])
			cnt++;
		sp += cnt;
		size_t pos = sp;
		for (size_t k = kids_head[i]; k != SIZE_MAX; k = next[k])
			stack[--pos] = k;
	}
	for (size_t i = 0; i < o; i++)
		out[i].parent = out[i].parent >= 0 ? newidx[out[i].parent] : -1;
	free(t->rows);
	t->rows = out;
	t->cap = n + 1;
	out = NULL;
	rc = 0;
done:
	free(ids);
	free(stack);
	free(kids_head);
	free(next);
	free(out);
	free(newidx);
	return rc;
}

/* Kernel threads (the children of kthreadd, pid 2) start collapsed: on a
 * whole-host capture they are most of the tree and rarely the story. */
static void collapse_kthreads(struct table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		struct trow *r = &t->rows[i];
		if (r->pid == 2 && r->depth == 0 && r->nkids && r->comm &&
		    !strcmp(r->comm, "kthreadd"))
			r->collapsed = 1;
	}
}

void table_layout(struct table *t)
{
	size_t hide_depth = SIZE_MAX;

	t->nvis = 0;
	for (size_t i = 0; i < t->n; i++) {
		struct trow *r = &t->rows[i];
		if ((size_t)r->depth > hide_depth)
			continue;
		hide_depth = r->collapsed ? (size_t)r->depth : SIZE_MAX;
		t->vis[t->nvis++] = i;
	}
}

int table_load(struct table *t, enum table_kind kind, sqlite3 *db, int64_t capture_id, char *err,
	       size_t errlen)
{
	const struct kind_def *k = &kinds[kind];
	sqlite3_stmt *st;
	int rc;

	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->name = k->name;
	t->ncols = k->ncols;
	memcpy(t->col, k->col, sizeof(t->col));
	if (sqlite3_prepare_v2(db, k->sql, -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", k->name, sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_bind_int64(st, 1, capture_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (add_row(t, st) < 0)
			break;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || (kind == TK_PROCESSES && tree_order(t) < 0)) {
		snprintf(err, errlen, "%s: %s", k->name,
			 rc == SQLITE_DONE ? "out of memory" : sqlite3_errmsg(db));
		return -1;
	}
	if (kind == TK_PROCESSES)
		collapse_kthreads(t);
	t->vis = malloc((t->n + 1) * sizeof(*t->vis));
	if (!t->vis) {
		snprintf(err, errlen, "%s: out of memory", k->name);
		return -1;
	}
	table_layout(t);
	return 0;
}

void table_free(struct table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (int c = 0; c < t->ncols; c++)
			free(t->rows[i].cell[c]);
		free(t->rows[i].comm);
	}
	free(t->rows);
	free(t->vis);
	memset(t, 0, sizeof(*t));
}

size_t table_subtree_pids(const struct table *t, size_t r, int kids, int64_t *pids, size_t max,
			  int64_t *first_evt, int64_t *last_evt)
{
	size_t n = 0;
	int d = t->rows[r].depth;

	*first_evt = t->rows[r].first_evt;
	*last_evt = t->rows[r].last_evt;
	for (size_t i = r; i < t->n && n < max; i++) {
		const struct trow *x = &t->rows[i];
		if (i > r && (!kids || x->depth <= d))
			break;
		pids[n++] = x->pid;
		if (x->first_evt < *first_evt)
			*first_evt = x->first_evt;
		if (x->last_evt > *last_evt)
			*last_evt = x->last_evt;
	}
	return n;
}
