/* test_casedb.c - the case database writer on synthetic rows: schema
 * creation, file mode, NULL handling, re-indexing replacing rows in one
 * transaction, rollback keeping the old rows, several captures per file and
 * refusing a database of another schema. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tui/casedb.h"

static int failures;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static int64_t query_int(struct sk_casedb *db, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = -12345;

	if (sqlite3_prepare_v2(sk_casedb_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bad query %s: %s\n", sql, sqlite3_errmsg(sk_casedb_sqlite(db)));
		return v;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void capture_fill(struct sk_cdb_capture *c, const char *path, const char *digest)
{
	memset(c, 0, sizeof(*c));
	c->path = path;
	c->digest = digest;
	c->hostname = "host1";
	c->start_ns = 1000;
	c->end_ns = 2000;
	c->boot_ns = SK_CDB_NULL;
	c->nevents = 10;
	c->nchunks = 1;
	c->file_size = 4096;
}

/* Writes a capture with nproc processes, each opening /etc/shadow. */
static int write_capture(struct sk_casedb *db, const char *path, const char *digest, int nproc,
			 int commit)
{
	struct sk_cdb_capture c;
	int64_t cid, parent = SK_CDB_NULL;

	capture_fill(&c, path, digest);
	if (sk_casedb_begin(db, &c, &cid) < 0)
		return -1;
	for (int i = 0; i < nproc; i++) {
		struct sk_cdb_process p = {
		    .id = sk_casedb_new_process_id(db),
		    .parent_id = parent,
		    .pid = 100 + i,
		    .ppid = i ? 99 + i : SK_CDB_NULL,
		    .start_ns = 1000 + i,
		    .end_ns = SK_CDB_NULL,
		    .first_evt = 1,
		    .last_evt = 9,
		    .comm = "cat",
		    .exe = "/bin/cat",
		    .cmdline = "cat /etc/shadow",
		    .uid = 0,
		    .exit_status = SK_CDB_NULL,
		    .nevents = 5,
		};
		struct sk_cdb_file f = {
		    .process_id = p.id,
		    .pid = p.pid,
		    .path = "/etc/shadow",
		    .opens = 1,
		    .last_fd = 3,
		    .first_ns = 1500,
		    .last_ns = 1600,
		    .first_evt = 3,
		    .last_evt = 4,
		};
		struct sk_cdb_alert a = {
		    .process_id = p.id,
		    .pid = p.pid,
		    .evt_num = 3,
		    .ts_ns = 1500,
		    .rule = "Read sensitive file",
		    .priority = "WARNING",
		    .priority_num = 4,
		    .output = "x",
		    .fields_json = "{\"fd.name\":\"/etc/shadow\"}",
		};
		if (sk_casedb_add_file(db, &f) < 0 || sk_casedb_add_alert(db, &a) < 0 ||
		    sk_casedb_add_process(db, &p) < 0)
			return -1;
		parent = p.id;
	}
	c.drops = 7;
	if (sk_casedb_update_capture(db, &c) < 0)
		return -1;
	if (!commit) {
		sk_casedb_rollback(db);
		return 0;
	}
	if (sk_casedb_commit(db) < 0) {
		fprintf(stderr, "commit: %s\n", sk_casedb_error(db));
		return -1;
	}
	return 0;
}

int main(void)
{
	char dir[] = "/tmp/saker-casedb-XXXXXX", path[64], err[512];
	struct sk_casedb *db;
	struct stat sb;

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/case.db", dir);
	db = sk_casedb_open(path, err, sizeof(err));
	if (!db) {
		fprintf(stderr, "open: %s\n", err);
		return 1;
	}
	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	CHECK(query_int(db, "SELECT count(*) FROM sqlite_master WHERE type='table'") == 8);
	CHECK(query_int(db, "SELECT count(*) FROM sqlite_master WHERE type='index' AND "
			    "name NOT LIKE 'sqlite_%'") >= 12);

	CHECK(write_capture(db, "/c/one.scap", "aa", 3, 1) == 0);
	CHECK(write_capture(db, "/c/two.scap", "bb", 2, 1) == 0);
	CHECK(query_int(db, "SELECT count(*) FROM captures") == 2);
	CHECK(query_int(db, "SELECT count(*) FROM processes") == 5);
	CHECK(query_int(db, "SELECT drops FROM captures WHERE path='/c/one.scap'") == 7);
	CHECK(query_int(db, "SELECT boot_ns FROM captures WHERE path='/c/one.scap'") == -1);
	CHECK(query_int(db, "SELECT count(*) FROM processes WHERE parent_id IS NULL") == 2);
	CHECK(query_int(db, "SELECT count(DISTINCT p.pid) FROM files f JOIN processes p ON "
			    "p.id=f.process_id WHERE f.path='/etc/shadow'") == 3);
	CHECK(sk_casedb_lookup(db, "/c/one.scap", "aa", NULL) > 0);
	CHECK(sk_casedb_lookup(db, "/c/one.scap", "bb", NULL) == 0);
	CHECK(sk_casedb_lookup(db, "/c/one.scap", "aa", "r.yaml") == 0);

	/* A rolled-back re-index leaves the earlier rows. */
	CHECK(write_capture(db, "/c/one.scap", "cc", 1, 0) == 0);
	CHECK(query_int(db, "SELECT count(*) FROM processes") == 5);
	CHECK(sk_casedb_lookup(db, "/c/one.scap", "aa", NULL) > 0);

	/* A committed re-index replaces them. */
	CHECK(write_capture(db, "/c/one.scap", "cc", 1, 1) == 0);
	CHECK(query_int(db, "SELECT count(*) FROM captures") == 2);
	CHECK(query_int(db, "SELECT count(*) FROM processes") == 3);
	CHECK(query_int(db, "SELECT count(*) FROM alerts") == 3);
	CHECK(query_int(db, "SELECT count(*) FROM files f LEFT JOIN processes p ON "
			    "p.id=f.process_id WHERE p.id IS NULL") == 0);
	CHECK(sk_casedb_lookup(db, "/c/one.scap", "aa", NULL) == 0);
	CHECK(sk_casedb_lookup(db, "/c/one.scap", "cc", NULL) > 0);
	sk_casedb_close(db);

	/* Reopening keeps the data; another schema version is refused. */
	db = sk_casedb_open(path, err, sizeof(err));
	CHECK(db != NULL);
	if (db) {
		CHECK(query_int(db, "SELECT count(*) FROM captures") == 2);
		sqlite3_exec(sk_casedb_sqlite(db),
			     "UPDATE meta SET value='999' WHERE key='schema_version'", NULL, NULL,
			     NULL);
		sk_casedb_close(db);
	}
	db = sk_casedb_open(path, err, sizeof(err));
	CHECK(db == NULL && strstr(err, "schema version"));
	sk_casedb_close(db);

	/* Another application's database is left alone. */
	snprintf(path, sizeof(path), "%s/other.db", dir);
	{
		sqlite3 *other;
		if (sqlite3_open(path, &other) == SQLITE_OK)
			sqlite3_exec(other, "CREATE TABLE t(x)", NULL, NULL, NULL);
		sqlite3_close(other);
	}
	db = sk_casedb_open(path, err, sizeof(err));
	CHECK(db == NULL && strstr(err, "not a saker case database"));
	sk_casedb_close(db);

	/* Not a database at all. */
	snprintf(path, sizeof(path), "%s/junk.db", dir);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs("this is not sqlite, just text long enough to be read as a header\n", f);
		fclose(f);
	}
	db = sk_casedb_open(path, err, sizeof(err));
	CHECK(db == NULL && strstr(err, path));
	sk_casedb_close(db);

	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path) != 0)
		failures++;
	if (failures)
		fprintf(stderr, "%d check(s) failed\n", failures);
	return failures ? 1 : 0;
}
