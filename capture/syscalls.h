/* syscalls.h - the syscall decoder table: for each decoded x86_64 syscall,
 * which schema records it becomes, what user memory the probe must copy for
 * it (struct sk_desc, loaded into the probe's descs map) and how raw
 * arguments, result and blobs map onto the schema's parameters.
 *
 * A recipe is a space-separated list of tokens, one per schema parameter:
 *   r        the result            rs   the result, or 0 when negative
 *   aN       argument N (0..5)     bN   blob N as bytes
 *   bNiK     int32 number K of blob N      bNqK  uint64 number K of blob N
 *   tN       socket tuple from blob N      tNsM  same, remote taken from
 *                                                sockaddr blob M if unset
 *   kNM      sockaddr blob N; after a successful call its port is the
 *            local port of tuple blob M (bind to port 0: the port it got)
 *   dev ino  facts of the file the descriptor named
 *   ci cp ce capset's inheritable/permitted/effective sets (from blob 0)
 * Syscalls absent from the table become GENERIC_X records.
 */
#ifndef SAKER_CAPTURE_SYSCALLS_H
#define SAKER_CAPTURE_SYSCALLS_H

#include <stdint.h>

#include "capture/saker.h"

struct sk_syscall {
	uint16_t nr;
	uint16_t type_x; /* exit record type (0: the call never returns) */
	uint16_t type_e; /* entry record type, or 0 */
	const char *recipe_x;
	const char *recipe_e;
	struct sk_desc desc;
};

/* The decoder of syscall nr, or NULL. */
const struct sk_syscall *sk_syscall_get(unsigned nr);

/* Every decoded syscall, for filling the probe's map and for tests. */
unsigned sk_syscall_count(void);
const struct sk_syscall *sk_syscall_at(unsigned i);

/* Name of an x86_64 syscall number ("syscall_NNN" style names are not
 * produced: NULL for unknown numbers). */
const char *sk_syscall_name(unsigned nr);

#endif
