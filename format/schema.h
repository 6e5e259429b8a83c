/* schema.h - the event schema: every record type a capture can hold.
 *
 * One table (events.def) names each record type, its stable on-disk number,
 * its direction and its parameters with their types. The recorder writes
 * records by it, the analyzer decodes and names them by it, and FORMAT.md
 * documents it; nothing else may define an event layout.
 *
 * Invariants:
 *  - A type number, once released, never changes meaning. New types get new
 *    numbers; new parameters are only ever appended to the end of a type.
 *  - Readers skip record types they do not know (every record carries its
 *    length) and ignore trailing parameters beyond the ones they know.
 *  - This header is also included by the BPF probe: it must stay plain C with
 *    no libc dependency beyond what BPF programs can see.
 */
#ifndef SAKER_FORMAT_SCHEMA_H
#define SAKER_FORMAT_SCHEMA_H

/* Parameter value types. The numeric values appear in FORMAT.md. */
enum sk_ptype {
	SK_PT_NONE = 0,
	SK_PT_INT = 1,	     /* signed integer, zigzag varint */
	SK_PT_UINT = 2,	     /* unsigned integer, varint */
	SK_PT_RES = 3,	     /* syscall return: signed; -4095..-1 is -errno */
	SK_PT_FD = 4,	     /* file descriptor number (signed; AT_FDCWD is -100) */
	SK_PT_PID = 5,	     /* process or thread id (signed) */
	SK_PT_UID = 6,	     /* user id (unsigned) */
	SK_PT_GID = 7,	     /* group id (unsigned) */
	SK_PT_FLAGS = 8,     /* unsigned bit set, rendered with a flag table */
	SK_PT_ENUM = 9,	     /* unsigned value, rendered with a value table */
	SK_PT_MODE = 10,     /* file mode, rendered in octal */
	SK_PT_STR = 11,	     /* bytes of a string, no terminator */
	SK_PT_PATH = 12,     /* a path exactly as passed by the caller */
	SK_PT_BYTES = 13,    /* I/O payload, at most snaplen bytes */
	SK_PT_SOCKADDR = 14, /* family-tagged socket address, see FORMAT.md */
	SK_PT_TUPLE = 15,    /* family-tagged local/remote socket tuple */
	SK_PT_STRLIST = 16,  /* strings, each followed by a NUL byte */
	SK_PT_ADDR = 17,     /* user-space address, rendered in hex */
	SK_PT_SIG = 18,	     /* signal number */
	SK_PT_DEV = 19,	     /* device number (kernel encoding) */
	SK_PT_TIME = 20,     /* absolute time, ns since the Unix epoch */
	SK_PT_RELTIME = 21,  /* duration in ns */
	SK_PT_CAPS = 22,     /* 64-bit capability set */
	SK_PT_SYSCALL = 23,  /* raw syscall number (x86_64 numbering) */
	SK_PT_FDLIST = 24,   /* pairs of (fd, type) varints */
};

/* Rendering tables for SK_PT_FLAGS and SK_PT_ENUM parameters. */
enum sk_ftable {
	SK_FT_NONE = 0,
	SK_FT_OPEN_FLAGS,
	SK_FT_CLONE_FLAGS,
	SK_FT_PROT,
	SK_FT_MMAP_FLAGS,
	SK_FT_SOCK_FAMILY,
	SK_FT_SOCK_TYPE,
	SK_FT_FCNTL_CMD,
	SK_FT_PTRACE_REQ,
	SK_FT_AT_FLAGS,
	SK_FT_RENAME_FLAGS,
	SK_FT_MOUNT_FLAGS,
	SK_FT_UMOUNT_FLAGS,
	SK_FT_NS_FLAGS,
	SK_FT_PRCTL_OPT,
	SK_FT_BPF_CMD,
	SK_FT_SHUTDOWN_HOW,
	SK_FT_SPLICE_FLAGS,
	SK_FT_MEMFD_FLAGS,
	SK_FT_EVENTFD_FLAGS,
	SK_FT_FD_TYPE,
	SK_FT_DROP_REASON,
	SK_FT_COUNT
};

/* Direction of a record, as Falco and sysdig show it. */
enum sk_dir {
	SK_DIR_ENTER = 0, /* '>' syscall entry: arguments only */
	SK_DIR_EXIT = 1,  /* '<' syscall exit: arguments and result */
	SK_DIR_NONE = 2,  /* not a syscall: lifecycle, snapshot, drop, meta */
};

/* Record categories: which part of the stream a type belongs to. */
enum sk_category {
	SK_CAT_SYSCALL = 0,  /* a syscall (entry or exit record) */
	SK_CAT_PROCESS = 1,  /* process lifecycle from scheduler tracepoints */
	SK_CAT_SNAPSHOT = 2, /* initial state of the host */
	SK_CAT_META = 3,     /* drops and other facts about the stream */
};

/* Record type numbers. Generated from events.def. */
enum sk_etype {
#define SK_EVENT(id, sym, name, dir, cat, nparams, ...) SK_E_##sym = id,
#include "format/events.def"
#undef SK_EVENT
	SK_E_MAX_KNOWN
};

#define SK_MAX_PARAMS 32

#ifndef __bpf__
#include <stdint.h>

struct sk_param_info {
	const char *name;
	uint8_t type;	/* enum sk_ptype */
	uint8_t ftable; /* enum sk_ftable, for SK_PT_FLAGS and SK_PT_ENUM */
};

struct sk_event_info {
	uint16_t id;
	const char *name; /* Falco's event name, e.g. "openat" */
	uint8_t dir;	  /* enum sk_dir */
	uint8_t category; /* enum sk_category */
	uint8_t nparams;
	struct sk_param_info params[SK_MAX_PARAMS];
};

/* Returns the schema entry of a record type, or NULL for a type this build
 * does not know (the record must then be skipped, not rejected). */
const struct sk_event_info *sk_event_info(uint16_t type);

/* Number of record types known to this build, and the i-th of them in
 * ascending type order (for listings and documentation). */
unsigned sk_event_count(void);
const struct sk_event_info *sk_event_at(unsigned i);

/* Index of the parameter called name in a type, or -1. */
int sk_param_index(const struct sk_event_info *info, const char *name);

/* Name of a parameter type, e.g. "PATH". */
const char *sk_ptype_name(uint8_t type);

#endif /* !__bpf__ */
#endif
