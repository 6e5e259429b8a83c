/* sockaddr.c - SOCKADDR and TUPLE parameter encodings (layouts in
 * sockaddr.h); one place so the probe's view and the /proc view agree. */
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>

#include "capture/sockaddr.h"

static size_t put_port(uint8_t *out, uint16_t port)
{
	out[0] = port & 0xff;
	out[1] = port >> 8;
	return 2;
}

static size_t addr_len(int family)
{
	return family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
}

/* Copies a unix socket path; an abstract name (leading NUL) is written
 * with a leading '@' instead, as ss(8) and Falco show it. */
static size_t put_unix_path(uint8_t *out, const char *p, size_t max)
{
	size_t n;

	if (max > 1 && p[0] == 0) {
		n = max;
		while (n > 1 && p[n - 1] == 0)
			n--;
		if (n == 1)
			return 0;
		out[0] = '@';
		memcpy(out + 1, p + 1, n - 1);
		return n;
	}
	n = strnlen(p, max);
	memcpy(out, p, n);
	return n;
}

size_t sk_sockaddr_encode(uint8_t *out, const void *sa, size_t len)
{
	sa_family_t family;
	size_t n = 1;

	if (len < sizeof(family))
		return 0;
	memcpy(&family, sa, sizeof(family));
	out[0] = (uint8_t)family;
	if (family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		struct sockaddr_in in;

		memcpy(&in, sa, sizeof(in));
		memcpy(out + n, &in.sin_addr, 4);
		n += 4;
		n += put_port(out + n, ntohs(in.sin_port));
	} else if (family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		struct sockaddr_in6 in6;

		memcpy(&in6, sa, sizeof(in6));
		memcpy(out + n, &in6.sin6_addr, 16);
		n += 16;
		n += put_port(out + n, ntohs(in6.sin6_port));
	} else if (family == AF_UNIX) {
		size_t plen = len - offsetof(struct sockaddr_un, sun_path);

		if (plen > SK_UNIX_PATH)
			plen = SK_UNIX_PATH;
		n += put_unix_path(out + n,
				   (const char *)sa + offsetof(struct sockaddr_un, sun_path), plen);
	}
	return n;
}

size_t sk_tuple_encode_inet(uint8_t *out, int family, const uint8_t *laddr, uint16_t lport,
			    const uint8_t *raddr, uint16_t rport)
{
	size_t al = addr_len(family), n = 1;

	out[0] = (uint8_t)family;
	memcpy(out + n, laddr, al);
	n += al;
	n += put_port(out + n, lport);
	memcpy(out + n, raddr, al);
	n += al;
	n += put_port(out + n, rport);
	return n;
}

size_t sk_tuple_encode_unix(uint8_t *out, const char *lpath, const char *rpath)
{
	out[0] = AF_UNIX;
	return 1 + put_unix_path(out + 1, lpath[0] || lpath[1] ? lpath : rpath, SK_UNIX_PATH);
}

static int all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

size_t sk_tuple_encode(uint8_t *out, const struct sk_raw_tuple *t, size_t len, const void *peer,
		       size_t peer_len)
{
	const size_t inet_len = offsetof(struct sk_raw_tuple, lpath);
	struct sk_raw_tuple c;

	if (len < sizeof(uint16_t))
		return 0;
	memset(&c, 0, sizeof(c));
	memcpy(&c, t, len < sizeof(c) ? len : sizeof(c));
	if ((c.family == AF_INET || c.family == AF_INET6) && len >= inet_len) {
		size_t al = addr_len(c.family);
		uint8_t p[SK_SOCKADDR_ENC_MAX];
		size_t pn = peer ? sk_sockaddr_encode(p, peer, peer_len) : 0;

		if (c.rport == 0 && all_zero(c.raddr, al) && pn == 1 + al + 2 && p[0] == c.family) {
			memcpy(c.raddr, p + 1, al);
			c.rport = p[1 + al] | p[2 + al] << 8;
		}
		return sk_tuple_encode_inet(out, c.family, c.laddr, c.lport, c.raddr, c.rport);
	}
	if (c.family == AF_UNIX && len >= sizeof(c))
		return sk_tuple_encode_unix(out, c.lpath, c.rpath);
	out[0] = (uint8_t)c.family;
	return 1;
}
