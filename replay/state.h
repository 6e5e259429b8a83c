/* state.h - the replay state: threads, processes, fd tables, containers and
 * users, rebuilt from the event stream alone.
 *
 * Contract:
 *  - sk_state_apply() consumes records in file order and updates the tables;
 *    it never fails on odd input (unknown tids become stub threads, missing
 *    facts stay unknown and extract as <NA>).
 *  - Processes, fd tables and strings are reference counted: a thread holds
 *    its process, a process holds its parent, its fd table and its strings.
 *  - When a process exits, its children are reparented as Falco (and the
 *    kernel) do: to the reaper its PROC_EXIT record names, else to the
 *    nearest live ancestor that is a reaper (init of its pid namespace or a
 *    child subreaper), else to no parent (ppid 0).
 *    Exited state is freed once nothing refers to it, so memory follows live
 *    state, not capture length.
 *  - Nothing iterates a hash table in an order that reaches output.
 *  - struct sk_evctx describes the current event: its thread, process and fd
 *    (resolved before the update for close-like calls, after it for
 *    open-like calls, as Falco does). It stays valid until the next apply.
 */
#ifndef SAKER_REPLAY_STATE_H
#define SAKER_REPLAY_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "format/capture.h"

/* An immutable, shared, reference-counted byte string (NUL-terminated for
 * convenience; len excludes the terminator; may hold NULs for lists). */
struct sk_str {
	uint32_t refs;
	uint32_t len;
	char data[];
};

struct sk_str *sk_str_new(const void *p, size_t len);
struct sk_str *sk_str_ref(struct sk_str *s);
void sk_str_unref(struct sk_str *s);

/* fd kinds: Falco's fd.typechar letters. */
enum sk_fdkind {
	SK_FDK_UNKNOWN = 'o',
	SK_FDK_FILE = 'f',
	SK_FDK_DIR = 'd',
	SK_FDK_IPV4 = '4',
	SK_FDK_IPV6 = '6',
	SK_FDK_UNIX = 'u',
	SK_FDK_PIPE = 'p',
	SK_FDK_EVENT = 'e',
	SK_FDK_SIGNALFD = 's',
	SK_FDK_EVENTPOLL = 'l',
	SK_FDK_INOTIFY = 'i',
	SK_FDK_TIMERFD = 't',
	SK_FDK_NETLINK = 'n',
	SK_FDK_BPF = 'b',
	SK_FDK_USERFAULTFD = 'U',
	SK_FDK_IOURING = 'r',
	SK_FDK_MEMFD = 'm',
	SK_FDK_PIDFD = 'P',
};

/* l4 protocols (fd.l4proto). */
enum sk_l4 { SK_L4_UNKNOWN = 0, SK_L4_TCP, SK_L4_UDP, SK_L4_ICMP, SK_L4_RAW };

/* Which end of a connection the local socket is (Falco's fd roles). */
enum sk_role { SK_ROLE_NONE = 0, SK_ROLE_CLIENT = 1, SK_ROLE_SERVER = 2 };

/* fd types in SNAP_FD records (parameter "type", table FD_TYPE). */
enum sk_snap_fdtype {
	SK_SFD_UNKNOWN = 0,
	SK_SFD_FILE = 1,
	SK_SFD_DIRECTORY = 2,
	SK_SFD_IPV4 = 3,
	SK_SFD_IPV6 = 4,
	SK_SFD_UNIX = 5,
	SK_SFD_PIPE = 6,
	SK_SFD_EVENT = 7,
	SK_SFD_SIGNALFD = 8,
	SK_SFD_EVENTPOLL = 9,
	SK_SFD_INOTIFY = 10,
	SK_SFD_TIMERFD = 11,
	SK_SFD_NETLINK = 12,
	SK_SFD_BPF = 13,
	SK_SFD_USERFAULTFD = 14,
	SK_SFD_IOURING = 15,
	SK_SFD_MEMFD = 16,
	SK_SFD_PIDFD = 17,
	SK_SFD_COUNT
};

struct sk_sock {
	uint8_t family;	 /* 0 unknown, 4, 6, or 'u' (unix) */
	uint8_t l4proto; /* enum sk_l4 */
	uint8_t role;	 /* enum sk_role */
	uint8_t has_local, has_remote;
	uint8_t lip[16], rip[16];
	uint16_t lport, rport;
};

struct sk_fdinfo {
	uint8_t kind; /* enum sk_fdkind */
	uint8_t cloexec;
	uint8_t connected;
	uint32_t flags; /* open flags as passed */
	uint64_t dev, ino;
	struct sk_sock sock;
	struct sk_str *name;	/* normalized name (path, tuple text, ...) or NULL */
	struct sk_str *nameraw; /* name as the caller passed it, or NULL */
};

/* Maximum fd number tracked; larger ones are left unknown. */
#define SK_MAX_FD (1 << 20)

struct sk_fdtable {
	uint32_t refs; /* processes sharing it (CLONE_FILES) */
	uint32_t cap;
	struct sk_fdinfo **v;
};

/* Which facts of a process are known (sk_proc.known). */
#define SK_PK_IDS      (1u << 0) /* uid/gid/euid/egid */
#define SK_PK_LOGINUID (1u << 1)
#define SK_PK_SESSION  (1u << 2) /* sid, pgid, tty */
#define SK_PK_CAPS     (1u << 3)
#define SK_PK_START    (1u << 4)
#define SK_PK_EXEINO   (1u << 5) /* exe inode facts */
#define SK_PK_PPID     (1u << 6)
#define SK_PK_VPID     (1u << 7)

struct sk_container;

struct sk_proc {
	uint32_t refs;
	uint32_t known; /* SK_PK_* */
	int64_t pid, vpid, ppid, sid, pgid;
	struct sk_proc *parent; /* reference held, or NULL */
	/* Processes whose parent this is, through next/prev_sibling (no
	 * references: a child holds its parent). */
	struct sk_proc *children, *next_sibling, *prev_sibling;
	struct sk_str *exe, *exepath, *comm, *args, *env, *cwd, *cgroups;
	uint32_t uid, gid, euid, egid, loginuid;
	uint64_t tty;
	uint64_t cap_inh, cap_prm, cap_eff;
	uint64_t start_time; /* ns since the epoch */
	uint64_t exe_ino, exe_ino_ctime, exe_ino_mtime;
	uint8_t exe_upper_layer, exe_from_memfd;
	uint8_t exited;
	uint8_t subreaper;     /* prctl(PR_SET_CHILD_SUBREAPER), or named reaper by a PROC_EXIT */
	char container_id[65]; /* "" host, else the full id from the cgroup */
	struct sk_fdtable *fds;
	uint32_t nthreads;
	struct sk_thread *threads; /* live threads, a list through next_in_proc */
};

struct sk_thread {
	uint32_t refs;
	int64_t tid;
	struct sk_str *comm; /* the thread's own name when it differs, or NULL */
	struct sk_proc *proc;
	struct sk_thread *next_in_proc, *prev_in_proc;
	uint8_t in_table;
};

/* A container from the snapshot (SNAP_CONTAINER). */
struct sk_container {
	char id[65];
	struct sk_str *runtime, *name, *image;
	uint8_t privileged;
	uint64_t start_ts;
};

struct sk_state;

/* The current event and its surroundings (fields.h). */
struct sk_evctx {
	const struct sk_event *ev;
	const struct sk_event_info *info; /* NULL for types this build lacks */
	struct sk_state *state;
	struct sk_thread *thread; /* NULL for records without a thread */
	struct sk_proc *proc;
	struct sk_fdinfo *fd;	 /* the event's fd, or NULL when unknown */
	int64_t fdnum;		 /* -1 when the event refers to no fd */
	int fdparam;		 /* index of the fd parameter, or -1 */
	uint8_t fd_name_changed; /* the event changed its fd's name (connect...) */
	uint8_t fdcopy_held;	 /* fdcopy holds string references */
	struct sk_fdinfo fdcopy;
	uint64_t wall_ts; /* ev->ts converted to ns since the epoch */
	/* An open's flags and mode, decoded once for the evt.is_open_* fields:
	 * 0 not yet, 1 decoded, -1 not an open. */
	int8_t open_decoded;
	uint64_t open_flags, open_mode;
	struct sk_arena *arena;
};

struct sk_state *sk_state_new(const struct sk_file_info *finfo);
void sk_state_free(struct sk_state *st);

/* Applies one record and fills ctx for it. */
void sk_state_apply(struct sk_state *st, const struct sk_event *ev, struct sk_evctx *ctx);

/* Looks up a live thread. */
struct sk_thread *sk_state_thread(struct sk_state *st, int64_t tid);

/* The capture's facts. */
const struct sk_file_info *sk_state_finfo(const struct sk_state *st);

/* Counts of live objects (for tests and memory accounting). */
struct sk_state_stats {
	uint64_t threads, procs, fdtables, fds;
};
void sk_state_stats(const struct sk_state *st, struct sk_state_stats *out);

/* Users and groups from the capture's snapshot of /etc/passwd and /etc/group;
 * NULL when unknown. */
const char *sk_state_user_name(const struct sk_state *st, uint32_t uid);
const char *sk_state_group_name(const struct sk_state *st, uint32_t gid);

/* The snapshot's container record for a full or short id, or NULL. */
const struct sk_container *sk_state_container(const struct sk_state *st, const char *id);

/* The name of a thread: its own (prctl, thread snapshot) or its process's. */
const struct sk_str *sk_thread_comm(const struct sk_thread *t);

/* The fd numbered fd of a process, or NULL. */
struct sk_fdinfo *sk_proc_fd(const struct sk_proc *p, int64_t fd);

/* Container id from a process's cgroup lines ("id::path" list, NUL-separated
 * as in /proc/PID/cgroup): writes the full id, or "" for the host. Only
 * container-runtime patterns (docker, containerd/CRI, CRI-O, podman/libpod)
 * count. Returns 1 when a container id was found. */
int sk_container_id_from_cgroups(const char *cg, size_t len, char out[65]);

/* Per-event scratch memory for rendered values. */
struct sk_arena;
struct sk_arena *sk_arena_new(void);
void sk_arena_free(struct sk_arena *a);
void sk_arena_reset(struct sk_arena *a);
char *sk_arena_alloc(struct sk_arena *a, size_t n);

#endif
