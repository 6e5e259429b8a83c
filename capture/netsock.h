/* netsock.h - socket inodes to addresses, from /proc/<pid>/net tables.
 *
 * /proc/<pid>/fd only shows "socket:[inode]"; the addresses live in the
 * per-network-namespace tables tcp, tcp6, udp, udp6, raw, raw6, unix and
 * netlink. Tables are read once per namespace and cached for the snapshot.
 */
#ifndef SAKER_CAPTURE_NETSOCK_H
#define SAKER_CAPTURE_NETSOCK_H

#include <stddef.h>
#include <stdint.h>

#include "capture/saker.h"

struct sk_netsock {
	uint64_t ino;
	uint16_t family; /* AF_INET, AF_INET6, AF_UNIX, AF_NETLINK */
	uint16_t lport, rport;
	uint8_t laddr[16], raddr[16]; /* network order */
	char path[SK_UNIX_PATH];      /* unix: bound path ('@' for abstract) */
};

struct sk_netsocks;

struct sk_netsocks *sk_netsocks_new(const char *proc);
void sk_netsocks_free(struct sk_netsocks *n);

/* The socket with inode ino as seen by process pid, or NULL. */
const struct sk_netsock *sk_netsocks_find(struct sk_netsocks *n, int pid, uint64_t ino);

#endif
