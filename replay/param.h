/* param.h - typed access to a record's parameters by schema index, and the
 * socket address layouts of SOCKADDR and TUPLE parameters (FORMAT.md).
 *
 * Every accessor checks the index against both the record and the schema and
 * returns -1 when the parameter is absent or malformed, so callers treat a
 * short or corrupt record as "unknown", never as zero.
 */
#ifndef SAKER_REPLAY_PARAM_H
#define SAKER_REPLAY_PARAM_H

#include <stddef.h>
#include <stdint.h>

#include "format/capture.h"

/* Numeric value of parameter i, sign-extended for signed types. */
int sk_ev_num(const struct sk_event *ev, const struct sk_event_info *info, int i, int64_t *out);

/* Raw bytes of parameter i (NULL and -1 when absent). */
int sk_ev_bytes(const struct sk_event *ev, int i, const uint8_t **p, uint32_t *len);

/* Numeric value of the parameter called name; -1 when absent. Walks the
 * type's names with strcmp: per-event code uses the name ids below. */
int sk_ev_num_by_name(const struct sk_event *ev, const struct sk_event_info *info, const char *name,
		      int64_t *out);

/* Parameter name ids (pname.c): every parameter name of the schema has a
 * small id, and (record type, id) -> index is a table lookup built once, so
 * per-event code never compares strings. The names the replay layer reads
 * itself have fixed ids; others (evt.arg.NAME) get theirs from sk_pname_id
 * when a field reference is parsed. */
#define SK_PNAMES(X)                                                                               \
	X(RES, "res")                                                                              \
	X(FD, "fd")                                                                                \
	X(DIRFD, "dirfd")                                                                          \
	X(NAME, "name")                                                                            \
	X(PATH, "path")                                                                            \
	X(FLAGS, "flags")                                                                          \
	X(MODE, "mode")                                                                            \
	X(DEV, "dev")                                                                              \
	X(INO, "ino")                                                                              \
	X(DATA, "data")                                                                            \
	X(DOMAIN, "domain")                                                                        \
	X(TYPE, "type")                                                                            \
	X(PROTO, "proto")                                                                          \
	X(FD1, "fd1")                                                                              \
	X(FD2, "fd2")                                                                              \
	X(OLDFD, "oldfd")                                                                          \
	X(SOCKFD, "sockfd")                                                                        \
	X(TUPLE, "tuple")                                                                          \
	X(ADDR, "addr")                                                                            \
	X(CMD, "cmd")                                                                              \
	X(ARG, "arg")                                                                              \
	X(UID, "uid")                                                                              \
	X(GID, "gid")                                                                              \
	X(RUID, "ruid")                                                                            \
	X(EUID, "euid")                                                                            \
	X(RGID, "rgid")                                                                            \
	X(EGID, "egid")                                                                            \
	X(CAP_INHERITABLE, "cap_inheritable")                                                      \
	X(CAP_PERMITTED, "cap_permitted")                                                          \
	X(CAP_EFFECTIVE, "cap_effective")

enum sk_pname {
#define X(id, s) SK_PN_##id,
	SK_PNAMES(X)
#undef X
	    SK_PN_FIXED /* ids from here on are assigned from the schema */
};

/* Id of a parameter name, or -1 when no record type has such a parameter. */
int sk_pname_id(const char *name);

/* Index of parameter name id in the record type, or -1. */
int sk_pidx(const struct sk_event_info *info, int id);

/* sk_ev_num / sk_ev_bytes of the parameter with name id. */
int sk_ev_pnum(const struct sk_event *ev, const struct sk_event_info *info, int id, int64_t *out);
int sk_ev_pbytes(const struct sk_event *ev, const struct sk_event_info *info, int id,
		 const uint8_t **p, uint32_t *len);

/* A decoded socket address. */
struct sk_addr {
	uint8_t family; /* 0 unknown, 4, 6, 'u' */
	uint8_t ip[16];
	uint16_t port;
	const char *path; /* unix: not NUL-terminated */
	uint32_t pathlen;
};

/* SOCKADDR: one address. TUPLE: local then remote (FORMAT.md). Return 0, or
 * -1 when the bytes do not match the layout. */
int sk_decode_sockaddr(const uint8_t *p, uint32_t len, struct sk_addr *out);
int sk_decode_tuple(const uint8_t *p, uint32_t len, struct sk_addr *local, struct sk_addr *remote);

/* Writes "1.2.3.4:80" / "[::1]:80" / the unix path into buf. */
int sk_addr_format(const struct sk_addr *a, char *buf, size_t len);
int sk_ip_format(uint8_t family, const uint8_t *ip, char *buf, size_t len);

#endif
