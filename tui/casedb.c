/* casedb.c - creating the case database and writing one capture's rows.
 *
 * All rows of a capture are written inside one transaction with prepared
 * statements, which is what makes indexing millions of events fast in
 * SQLite: a transaction per row would be a thousand times slower.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tui/casedb.h"

enum stmt_id { ST_PROCESS, ST_FILE, ST_CONN, ST_ALERT, ST_CONTAINER, ST_BUCKET, ST_COUNT };

static const char *const stmt_sql[ST_COUNT] = {
    [ST_PROCESS] = "INSERT INTO processes(id, capture_id, pid, ppid, parent_id, lineage, "
		   "start_ns, end_ns, first_evt, last_evt, comm, exe, cmdline, cwd, uid, user, "
		   "container, execs, exit_status, nevents, nalerts) VALUES "
		   "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [ST_FILE] = "INSERT INTO files(capture_id, process_id, pid, path, flags, opens, failures, "
		"last_fd, first_ns, last_ns, first_evt, last_evt, bytes_read, bytes_written) "
		"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [ST_CONN] = "INSERT INTO connections(capture_id, process_id, pid, fd, role, family, "
		"local_addr, local_port, remote_addr, remote_port, result, start_ns, end_ns, "
		"first_evt, last_evt, bytes_in, bytes_out) VALUES "
		"(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    [ST_ALERT] = "INSERT INTO alerts(capture_id, process_id, pid, evt_num, ts_ns, rule, "
		 "priority, priority_num, output, fields) VALUES (?,?,?,?,?,?,?,?,?,?)",
    [ST_CONTAINER] = "INSERT OR REPLACE INTO containers(capture_id, container, runtime, name, "
		     "image, privileged, start_ns, nprocesses) VALUES (?,?,?,?,?,?,?,?)",
    [ST_BUCKET] = "INSERT INTO timeline(capture_id, bucket, start_ns, first_evt, nevents, "
		  "nalerts) VALUES (?,?,?,?,?,?)",
};

/* Tables holding a capture's rows, children before parents. */
static const char *const capture_tables[] = {"alerts",	   "files",    "connections",
					     "containers", "timeline", "processes"};

struct sk_casedb {
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT];
	int64_t capture_id;
	int64_t next_process_id;
	int in_txn;
	char err[512];
};

static int fail(struct sk_casedb *db, const char *what)
{
	snprintf(db->err, sizeof(db->err), "%s: %s", what, sqlite3_errmsg(db->db));
	return -1;
}

static int exec_sql(struct sk_casedb *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	snprintf(db->err, sizeof(db->err), "%s", msg ? msg : sqlite3_errmsg(db->db));
	sqlite3_free(msg);
	return -1;
}

/* Creates the file 0600 before SQLite opens it, so it never exists with a
 * wider mode even for a moment. */
static int create_private(const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot create: %m", path);
		return -1;
	}
	close(fd);
	return 0;
}

/* Runs a query returning one integer; up to three text parameters (NULL
 * binds SQL NULL). Returns 0 with *out set (dflt when no row), or -1. */
static int query_i64(struct sk_casedb *db, const char *sql, const char *a1, const char *a2,
		     const char *a3, int64_t dflt, int64_t *out)
{
	const char *args[] = {a1, a2, a3};
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail(db, "querying the database");
	for (int i = 0; i < 3; i++)
		if (args[i])
			sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : dflt;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return fail(db, "querying the database");
	return 0;
}

static int check_version(struct sk_casedb *db)
{
	sqlite3_stmt *st;
	int ok = 0;

	if (sqlite3_prepare_v2(db->db, "SELECT value FROM meta WHERE key='schema_version'", -1, &st,
			       NULL) != SQLITE_OK)
		return fail(db, "reading the schema version");
	if (sqlite3_step(st) == SQLITE_ROW)
		ok = !strcmp((const char *)sqlite3_column_text(st, 0), SK_CDB_SCHEMA_VERSION);
	sqlite3_finalize(st);
	if (!ok) {
		snprintf(db->err, sizeof(db->err), "not a saker case database of schema version %s",
			 SK_CDB_SCHEMA_VERSION);
		return -1;
	}
	return 0;
}

/* A database with tables but no meta table belongs to something else: the
 * schema must not be added to it. */
static int check_foreign(struct sk_casedb *db)
{
	int64_t foreign;

	if (query_i64(db,
		      "SELECT count(*) > 0 AND sum(name = 'meta') = 0 FROM sqlite_master "
		      "WHERE type = 'table'",
		      NULL, NULL, NULL, 0, &foreign) < 0)
		return -1;
	if (foreign) {
		snprintf(db->err, sizeof(db->err),
			 "not a saker case database (it has other tables)");
		return -1;
	}
	return 0;
}

static int prepare_all(struct sk_casedb *db)
{
	for (int i = 0; i < ST_COUNT; i++)
		if (sqlite3_prepare_v3(db->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
				       &db->st[i], NULL) != SQLITE_OK)
			return fail(db, "preparing statements");
	return 0;
}

struct sk_casedb *sk_casedb_open(const char *path, char *err, size_t errlen)
{
	struct sk_casedb *db;

	if (access(path, F_OK) != 0 && create_private(path, err, errlen) < 0)
		return NULL;
	db = calloc(1, sizeof(*db));
	if (!db) {
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	if (sqlite3_open_v2(path, &db->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(db->db));
		sk_casedb_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db->db, 5000);
	if (check_foreign(db) < 0 || exec_sql(db, sk_casedb_schema_sql) < 0 ||
	    check_version(db) < 0 || exec_sql(db, "PRAGMA synchronous=NORMAL") < 0 ||
	    prepare_all(db) < 0) {
		snprintf(err, errlen, "%s: %s", path, db->err);
		sk_casedb_close(db);
		return NULL;
	}
	return db;
}

void sk_casedb_close(struct sk_casedb *db)
{
	if (!db)
		return;
	if (db->in_txn)
		sk_casedb_rollback(db);
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(db->st[i]);
	sqlite3_close(db->db);
	free(db);
}

sqlite3 *sk_casedb_sqlite(struct sk_casedb *db)
{
	return db->db;
}

const char *sk_casedb_error(const struct sk_casedb *db)
{
	return db->err;
}

int64_t sk_casedb_lookup(struct sk_casedb *db, const char *path, const char *digest,
			 const char *rules)
{
	int64_t id;

	if (query_i64(db,
		      "SELECT id FROM captures WHERE path = ?1 AND digest = ?2 AND "
		      "coalesce(rules, '') = coalesce(?3, '')",
		      path, digest, rules, 0, &id) < 0)
		return 0;
	return id;
}

/* Binds values in order: 'i' int64 (SK_CDB_NULL = NULL), 's' string. */
static void bind_row(sqlite3_stmt *st, const char *types, ...)
{
	va_list ap;
	int col = 1;

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	va_start(ap, types);
	for (const char *t = types; *t; t++, col++) {
		if (*t == 'i') {
			int64_t v = va_arg(ap, int64_t);
			if (v != SK_CDB_NULL)
				sqlite3_bind_int64(st, col, v);
		} else {
			const char *s = va_arg(ap, const char *);
			if (s)
				sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT);
		}
	}
	va_end(ap);
}

static int step_done(struct sk_casedb *db, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return fail(db, what);
	return 0;
}

static int delete_capture_rows(struct sk_casedb *db, const char *path)
{
	char sql[160];
	int64_t old;

	if (query_i64(db, "SELECT id FROM captures WHERE path = ?1", path, NULL, NULL, 0, &old) < 0)
		return -1;
	if (!old)
		return 0;
	for (size_t i = 0; i < sizeof(capture_tables) / sizeof(capture_tables[0]); i++) {
		snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE capture_id=%lld",
			 capture_tables[i], (long long)old);
		if (exec_sql(db, sql) < 0)
			return -1;
	}
	snprintf(sql, sizeof(sql), "DELETE FROM captures WHERE id=%lld", (long long)old);
	return exec_sql(db, sql);
}

static int64_t max_id(struct sk_casedb *db, const char *table)
{
	char sql[64];
	int64_t v;

	snprintf(sql, sizeof(sql), "SELECT coalesce(max(id), 0) FROM %s", table);
	return query_i64(db, sql, NULL, NULL, NULL, 0, &v) < 0 ? 0 : v;
}

static void utc_now(char *buf, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int sk_casedb_begin(struct sk_casedb *db, const struct sk_cdb_capture *c, int64_t *capture_id)
{
	sqlite3_stmt *st;
	char now[32];

	if (exec_sql(db, "BEGIN IMMEDIATE") < 0)
		return -1;
	db->in_txn = 1;
	if (delete_capture_rows(db, c->path) < 0)
		goto fail;
	if (sqlite3_prepare_v2(
		db->db,
		"INSERT INTO captures(path, digest, hostname, kernel, recorder, "
		"start_ns, end_ns, boot_ns, nevents, nchunks, file_size, drops, "
		"torn_bytes, rules, indexed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
		-1, &st, NULL) != SQLITE_OK) {
		fail(db, "inserting the capture");
		goto fail;
	}
	utc_now(now, sizeof(now));
	bind_row(st, "sssssiiiiiiiiss", c->path, c->digest, c->hostname, c->kernel, c->recorder,
		 c->start_ns, c->end_ns, c->boot_ns, c->nevents, c->nchunks, c->file_size, c->drops,
		 c->torn_bytes, c->rules, now);
	if (step_done(db, st, "inserting the capture") < 0) {
		sqlite3_finalize(st);
		goto fail;
	}
	sqlite3_finalize(st);
	db->capture_id = sqlite3_last_insert_rowid(db->db);
	db->next_process_id = max_id(db, "processes") + 1;
	*capture_id = db->capture_id;
	return 0;
fail:
	sk_casedb_rollback(db);
	return -1;
}

int64_t sk_casedb_new_process_id(struct sk_casedb *db)
{
	return db->next_process_id++;
}

int sk_casedb_add_process(struct sk_casedb *db, const struct sk_cdb_process *p)
{
	sqlite3_stmt *st = db->st[ST_PROCESS];

	bind_row(st, "iiiiisiiiissssissiiii", p->id, db->capture_id, p->pid, p->ppid, p->parent_id,
		 p->lineage, p->start_ns, p->end_ns, p->first_evt, p->last_evt, p->comm, p->exe,
		 p->cmdline, p->cwd, p->uid, p->user, p->container, p->execs, p->exit_status,
		 p->nevents, p->nalerts);
	return step_done(db, st, "inserting a process");
}

int sk_casedb_add_file(struct sk_casedb *db, const struct sk_cdb_file *f)
{
	sqlite3_stmt *st = db->st[ST_FILE];

	bind_row(st, "iiisiiiiiiiiii", db->capture_id, f->process_id, f->pid, f->path, f->flags,
		 f->opens, f->failures, f->last_fd, f->first_ns, f->last_ns, f->first_evt,
		 f->last_evt, f->bytes_read, f->bytes_written);
	return step_done(db, st, "inserting a file");
}

int sk_casedb_add_conn(struct sk_casedb *db, const struct sk_cdb_conn *c)
{
	sqlite3_stmt *st = db->st[ST_CONN];

	bind_row(st, "iiiisssisiiiiiiii", db->capture_id, c->process_id, c->pid, c->fd, c->role,
		 c->family, c->local_addr, c->local_port, c->remote_addr, c->remote_port, c->result,
		 c->start_ns, c->end_ns, c->first_evt, c->last_evt, c->bytes_in, c->bytes_out);
	return step_done(db, st, "inserting a connection");
}

int sk_casedb_add_alert(struct sk_casedb *db, const struct sk_cdb_alert *a)
{
	sqlite3_stmt *st = db->st[ST_ALERT];

	bind_row(st, "iiiiississ", db->capture_id, a->process_id, a->pid, a->evt_num, a->ts_ns,
		 a->rule, a->priority, a->priority_num, a->output, a->fields_json);
	return step_done(db, st, "inserting an alert");
}

int sk_casedb_add_container(struct sk_casedb *db, const struct sk_cdb_container *c)
{
	sqlite3_stmt *st = db->st[ST_CONTAINER];

	bind_row(st, "issssiii", db->capture_id, c->container, c->runtime, c->name, c->image,
		 c->privileged, c->start_ns, c->nprocesses);
	return step_done(db, st, "inserting a container");
}

int sk_casedb_add_bucket(struct sk_casedb *db, const struct sk_cdb_bucket *b)
{
	sqlite3_stmt *st = db->st[ST_BUCKET];

	bind_row(st, "iiiiii", db->capture_id, b->bucket, b->start_ns, b->first_evt, b->nevents,
		 b->nalerts);
	return step_done(db, st, "inserting a timeline bucket");
}

int sk_casedb_update_capture(struct sk_casedb *db, const struct sk_cdb_capture *c)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db->db,
			       "UPDATE captures SET start_ns=?, end_ns=?, nevents=?, drops=?, "
			       "torn_bytes=? WHERE id=?",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(db, "updating the capture");
	bind_row(st, "iiiiii", c->start_ns, c->end_ns, c->nevents, c->drops, c->torn_bytes,
		 db->capture_id);
	rc = step_done(db, st, "updating the capture");
	sqlite3_finalize(st);
	return rc;
}

int sk_casedb_commit(struct sk_casedb *db)
{
	if (exec_sql(db, "COMMIT") < 0)
		return -1;
	db->in_txn = 0;
	return 0;
}

void sk_casedb_rollback(struct sk_casedb *db)
{
	sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
	db->in_txn = 0;
}
