/* casedb.h - the case database: SQLite tables describing indexed captures.
 *
 * The schema lives in tui/schema.sql (compiled into the binary); this module
 * creates it and writes one capture's rows. Readers (the browser, or anyone
 * with the sqlite3 shell) query the tables directly.
 *
 * Contract:
 *  - sk_casedb_open creates the file mode 0600 (captures hold secrets) and
 *    the schema if missing; it refuses a database of another schema version.
 *  - Writing a capture is one transaction: sk_casedb_begin deletes every row
 *    of an earlier index of the same path, sk_casedb_commit makes the new
 *    rows visible at once, sk_casedb_rollback leaves the old ones in place.
 *  - Integer fields set to SK_CDB_NULL and string fields set to NULL are
 *    stored as SQL NULL ("not known").
 *  - Every function returning int returns 0 on success or -1 with a message
 *    in the handle (sk_casedb_error); none prints or aborts.
 */
#ifndef SAKER_TUI_CASEDB_H
#define SAKER_TUI_CASEDB_H

#include <stdint.h>

#include <sqlite3.h>

#define SK_CDB_NULL	      INT64_MIN
#define SK_CDB_SCHEMA_VERSION "1"

/* The schema text, generated from tui/schema.sql at build time. */
extern const char sk_casedb_schema_sql[];

struct sk_casedb;

struct sk_cdb_capture {
	const char *path;
	const char *digest;
	const char *hostname, *kernel, *recorder;
	int64_t start_ns, end_ns, boot_ns;
	int64_t nevents, nchunks, file_size, drops, torn_bytes;
	const char *rules;
};

struct sk_cdb_process {
	int64_t id; /* from sk_casedb_new_process_id */
	int64_t parent_id;
	int64_t pid, ppid;
	const char *lineage;
	int64_t start_ns, end_ns, first_evt, last_evt;
	const char *comm, *exe, *cmdline, *cwd;
	int64_t uid;
	const char *user, *container;
	int64_t execs, exit_status, nevents, nalerts;
};

struct sk_cdb_file {
	int64_t process_id, pid;
	const char *path;
	int64_t flags, opens, failures, last_fd;
	int64_t first_ns, last_ns, first_evt, last_evt;
	int64_t bytes_read, bytes_written;
};

struct sk_cdb_conn {
	int64_t process_id, pid, fd;
	const char *role, *family;
	const char *local_addr;
	int64_t local_port;
	const char *remote_addr;
	int64_t remote_port, result;
	int64_t start_ns, end_ns, first_evt, last_evt;
	int64_t bytes_in, bytes_out;
};

struct sk_cdb_alert {
	int64_t process_id, pid, evt_num, ts_ns;
	const char *rule, *priority;
	int64_t priority_num;
	const char *output, *fields_json;
};

struct sk_cdb_container {
	const char *container, *runtime, *name, *image;
	int64_t privileged, start_ns, nprocesses;
};

struct sk_cdb_bucket {
	int64_t bucket, start_ns, first_evt, nevents, nalerts;
};

/* Opens (creating if needed) the database at path. On failure returns NULL
 * and writes a message into err. */
struct sk_casedb *sk_casedb_open(const char *path, char *err, size_t errlen);
void sk_casedb_close(struct sk_casedb *db);
sqlite3 *sk_casedb_sqlite(struct sk_casedb *db);
const char *sk_casedb_error(const struct sk_casedb *db);

/* Id of the capture indexed from path if its digest is digest and it was
 * indexed with the rule files rules (NULL: none), else 0. */
int64_t sk_casedb_lookup(struct sk_casedb *db, const char *path, const char *digest,
			 const char *rules);

/* Starts writing a capture: opens the transaction, removes rows of an earlier
 * index of c->path and inserts the capture row. */
int sk_casedb_begin(struct sk_casedb *db, const struct sk_cdb_capture *c, int64_t *capture_id);

/* Allocates a processes.id, so that rows can name their parent and process
 * before the process row itself is written (at its exit). */
int64_t sk_casedb_new_process_id(struct sk_casedb *db);

int sk_casedb_add_process(struct sk_casedb *db, const struct sk_cdb_process *p);
int sk_casedb_add_file(struct sk_casedb *db, const struct sk_cdb_file *f);
int sk_casedb_add_conn(struct sk_casedb *db, const struct sk_cdb_conn *c);
int sk_casedb_add_alert(struct sk_casedb *db, const struct sk_cdb_alert *a);
int sk_casedb_add_container(struct sk_casedb *db, const struct sk_cdb_container *c);
int sk_casedb_add_bucket(struct sk_casedb *db, const struct sk_cdb_bucket *b);

/* Rewrites the capture row's facts known only at the end of the pass. */
int sk_casedb_update_capture(struct sk_casedb *db, const struct sk_cdb_capture *c);

/* Ends the transaction begun by sk_casedb_begin. */
int sk_casedb_commit(struct sk_casedb *db);
void sk_casedb_rollback(struct sk_casedb *db);

#endif
