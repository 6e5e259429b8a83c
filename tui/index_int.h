/* index_int.h - what the two halves of the indexer's tracker share:
 * index_track.c (processes, containers, alerts) and index_fd.c (files and
 * connections reached through a process's fds). Internal to tui/.
 */
#ifndef SAKER_TUI_INDEX_INT_H
#define SAKER_TUI_INDEX_INT_H

#include <stddef.h>
#include <stdint.h>

#include "tui/index_track.h"
#include "tui/ixmap.h"

#define LINEAGE_MAX 512

struct ix_file {
	struct ix_file *next;	   /* in the process's list */
	struct ix_file *hash_next; /* same path hash */
	struct sk_cdb_file row;
	char *path;
};

struct ix_conn {
	struct ix_conn *prev, *next; /* in the process's list of open sockets */
	int nfds;		     /* fds referring to it (dup) */
	struct sk_cdb_conn row;
	char local[64], remote[160];
};

struct ix_container {
	struct ix_container *next; /* in discovery order */
	char id[13];
	char *runtime, *name, *image;
	int64_t privileged, start_ns, nprocesses;
};

struct ix_proc {
	const struct sk_proc *sp; /* the state's process this record follows */
	struct sk_cdb_process row;
	char *comm, *exe, *cmdline, *cwd, *user;
	char container[13];
	char lineage[LINEAGE_MAX];
	struct ix_file *files;
	struct ix_conn *conns;
	struct ix_map by_path; /* path hash -> struct ix_file chain */
	struct ix_map by_fd;   /* fd -> tagged struct ix_file / ix_conn */
};

struct ix_tracker {
	struct sk_casedb *db;
	struct sk_state *st;
	struct ix_map procs;	  /* pid -> struct ix_proc */
	struct ix_map containers; /* hash of id -> struct ix_container */
	struct ix_container *clist, **ctail;
};

/* fd map values are row pointers tagged in the low bit. */
#define TAG_CONN 1u

/* Numeric value of the event's parameter called name, or SK_CDB_NULL. */
int64_t ix_param(const struct sk_evctx *ctx, const char *name);
/* Bytes of the event's parameter called name; -1 when absent. */
int ix_param_bytes(const struct sk_evctx *ctx, const char *name, const uint8_t **p, uint32_t *len);
/* A NUL-terminated copy of p[0..len), or NULL. */
char *ix_dup_bytes(const char *p, size_t len);

/* index_fd.c: accounts an event on the process's fds (open, connect, accept,
 * dup, I/O, close). Returns 0 or -1 on a database or memory error. */
int ix_fd_event(struct ix_tracker *t, struct ix_proc *p, const struct sk_evctx *ctx);
/* Writes the rows of the process's files and still open connections. */
int ix_fd_write_all(struct ix_tracker *t, struct ix_proc *p);
void ix_fd_free_all(struct ix_proc *p);

#endif
