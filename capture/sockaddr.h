/* sockaddr.h - encoding of SOCKADDR and TUPLE parameters (see
 * capture/README.md, "Socket parameters"), shared by the syscall encoder
 * and the /proc snapshot.
 *
 * SOCKADDR: u8 family, then AF_INET: 4 address bytes (network order) and a
 * u16 port (little-endian); AF_INET6: 16 address bytes and a u16 port
 * (little-endian); AF_UNIX: the path bytes (an abstract name keeps its
 * leading NUL); any other family: nothing more.
 * TUPLE: u8 family, then AF_INET/AF_INET6: local address, local port,
 * remote address, remote port, each as in SOCKADDR; AF_UNIX: one path, the
 * socket's own if it is bound, else its peer's (so both ends of a connection
 * show the listening socket's path); any other family: nothing more.
 */
#ifndef SAKER_CAPTURE_SOCKADDR_H
#define SAKER_CAPTURE_SOCKADDR_H

#include <stddef.h>
#include <stdint.h>

#include "capture/saker.h"

#define SK_SOCKADDR_ENC_MAX 128
#define SK_TUPLE_ENC_MAX    (2 * 16 + 8 + SK_UNIX_PATH)

/* Encodes a struct sockaddr of len bytes; returns the encoded length (0 when
 * len is too short to hold a family). */
size_t sk_sockaddr_encode(uint8_t *out, const void *sa, size_t len);

/* Encodes the probe's raw tuple (len bytes of struct sk_raw_tuple); when the
 * remote side is unset and peer (an encoded-from sockaddr, may be NULL) has
 * the same family, its address fills the remote side. Returns the length. */
size_t sk_tuple_encode(uint8_t *out, const struct sk_raw_tuple *t, size_t len, const void *peer,
		       size_t peer_len);

/* Encodes a tuple from parts (used by the /proc snapshot). addr are 4 or 16
 * bytes in network order by family; paths are SK_UNIX_PATH-byte buffers
 * (an abstract name starts with a NUL byte, an unset path is all zero). */
size_t sk_tuple_encode_inet(uint8_t *out, int family, const uint8_t *laddr, uint16_t lport,
			    const uint8_t *raddr, uint16_t rport);
size_t sk_tuple_encode_unix(uint8_t *out, const char *lpath, const char *rpath);

#endif
