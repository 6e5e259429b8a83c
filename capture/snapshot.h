/* snapshot.h - the state of the host when recording starts, from /proc.
 *
 * A replay starts from an empty state; without the snapshot, fds opened and
 * processes started before the recording would be unknown. The snapshot
 * writes, all stamped with one timestamp: SNAP_FILE for /etc/passwd and
 * /etc/group, SNAP_PROC for every thread of every process written, SNAP_FD
 * for every open fd of those (sockets resolved through the /proc/<pid>/net
 * tables of the process's network namespace), SNAP_CONTAINER for each
 * container seen in their cgroup paths, then SNAP_END.
 *
 * Which processes: the whole host, or (opts.tree set) only what a recorded
 * process tree needs: the tree's processes with their fds, and the recorder
 * and every ancestor of the tree up to pid 1 without fds or environment
 * (their names, command lines and ids resolve proc.pname, proc.aname[N]).
 * Other processes of the host stay out of the capture. The recorder's own
 * fds and environment are never written.
 */
#ifndef SAKER_CAPTURE_SNAPSHOT_H
#define SAKER_CAPTURE_SNAPSHOT_H

#include <stdint.h>
#include <sys/types.h>

#include "format/capture.h"

struct sk_snapshot_opts {
	const char *proc;     /* "/proc", or another root for tests */
	uint64_t ts;	      /* CLOCK_BOOTTIME ns stamped on every record */
	int64_t boot_time_ns; /* wall clock of boot */
	pid_t self_tgid;      /* the recorder: SNAP_PROC only, no SNAP_FD */
	const pid_t *tree;    /* NULL: every process; else the recorded tgids */
	size_t ntree;
};

struct sk_snapshot_stats {
	uint64_t nprocs, nthreads, nfds, ncontainers;
};

/* Returns 0, or -1 on a write error (err set). Unreadable /proc entries
 * (processes exiting meanwhile, permissions) are skipped. */
int sk_snapshot_write(struct sk_writer *w, const struct sk_snapshot_opts *opts,
		      struct sk_snapshot_stats *st, struct sk_error *err);

/* fd types of SNAP_FD "type" (table FD_TYPE; FORMAT.md). */
enum sk_fd_type {
	SK_FDT_UNKNOWN = 0,
	SK_FDT_FILE = 1,
	SK_FDT_DIRECTORY = 2,
	SK_FDT_IPV4 = 3,
	SK_FDT_IPV6 = 4,
	SK_FDT_UNIX = 5,
	SK_FDT_PIPE = 6,
	SK_FDT_EVENT = 7,
	SK_FDT_SIGNALFD = 8,
	SK_FDT_EVENTPOLL = 9,
	SK_FDT_INOTIFY = 10,
	SK_FDT_TIMERFD = 11,
	SK_FDT_NETLINK = 12,
	SK_FDT_BPF = 13,
	SK_FDT_USERFAULTFD = 14,
	SK_FDT_IOURING = 15,
	SK_FDT_MEMFD = 16,
	SK_FDT_PIDFD = 17,
};

#endif
