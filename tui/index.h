/* index.h - `saker index`: one replay pass over a capture that fills the
 * case database (tui/casedb.h), reused by `saker browse`.
 *
 * Contract:
 *  - A capture already indexed in the database with the same digest is not
 *    indexed again unless force is set (the result says it was reused).
 *  - The pass replaces the capture's earlier rows in one transaction: on any
 *    error the database keeps what it had.
 *  - The digest identifies a capture's content cheaply (header, size, chunk
 *    index), so reopening a multi-gigabyte capture does not re-read it.
 */
#ifndef SAKER_TUI_INDEX_H
#define SAKER_TUI_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "format/capture.h"

struct sk_index_opts {
	const char *capture;
	const char *db_path; /* NULL: the capture's path + ".saker.db" */
	char *const *rules;  /* rule files for alerts */
	int nrules;
	int force; /* index even when the digest matches */
	/* Called every few thousand events; total is the capture's event count. */
	void (*progress)(void *arg, uint64_t done, uint64_t total);
	void *progress_arg;
};

struct sk_index_result {
	int64_t capture_id;
	int reused; /* the database already held this capture */
	uint64_t nevents, nprocesses, nalerts;
	char db_path[4096];
};

/* Runs the pass. Returns 0, or -1 with a message (file and what is wrong)
 * in err. */
int sk_index_run(const struct sk_index_opts *o, struct sk_index_result *res, char *err,
		 size_t errlen);

void sk_index_default_db(const char *capture, char *buf, size_t len);

/* Writes the capture's digest as text ("fnv1a64:" and 16 hex digits). */
void sk_capture_digest(struct sk_reader *r, char out[32]);

/* Number of timeline buckets written per capture. */
#define SK_TIMELINE_BUCKETS 1000

#endif
