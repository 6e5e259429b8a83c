/* param.c - decoding record parameters by schema type, kept in one place so
 * that every consumer agrees with FORMAT.md on signedness and layouts.
 */
#include <stdio.h>
#include <string.h>

#include "replay/param.h"

/* Bit t set when parameter type t is signed (zigzag-coded): asked of the
 * format library once instead of per parameter. */
static uint32_t signed_types(void)
{
	static uint32_t mask;
	if (!mask) {
		for (unsigned t = 0; t < 32; t++)
			if (sk_ptype_is_signed((uint8_t)t))
				mask |= 1u << t;
	}
	return mask;
}

int sk_ev_num(const struct sk_event *ev, const struct sk_event_info *info, int i, int64_t *out)
{
	if (!info || i < 0 || i >= info->nparams || (uint32_t)i >= ev->nparams)
		return -1;
	const struct sk_param *p = &ev->params[i];
	uint64_t u;
	if (p->len == 1 && p->ptr[0] < 0x80) /* most values fit one varint byte */
		u = p->ptr[0];
	else if (sk_param_uint(p, &u) < 0)
		return -1;
	uint8_t t = info->params[i].type;
	if (t < 32 ? (signed_types() >> t & 1) != 0 : sk_ptype_is_signed(t) != 0)
		*out = (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
	else
		*out = (int64_t)u;
	return 0;
}

int sk_ev_bytes(const struct sk_event *ev, int i, const uint8_t **p, uint32_t *len)
{
	if (i < 0 || (uint32_t)i >= ev->nparams) {
		*p = NULL;
		*len = 0;
		return -1;
	}
	*p = ev->params[i].ptr;
	*len = ev->params[i].len;
	return 0;
}

int sk_ev_num_by_name(const struct sk_event *ev, const struct sk_event_info *info, const char *name,
		      int64_t *out)
{
	if (!info)
		return -1;
	return sk_ev_num(ev, info, sk_param_index(info, name), out);
}

/* Address layout (FORMAT.md): u8 family (1 unix, 2 inet, 10 inet6); inet:
 * 4 address bytes in network order then u16 port little-endian; inet6: 16
 * address bytes then u16 port; unix: the path bytes up to the end. */
static int decode_one(const uint8_t *p, uint32_t len, struct sk_addr *a, uint32_t *used)
{
	memset(a, 0, sizeof(*a));
	if (len < 1)
		return -1;
	switch (p[0]) {
	case 2:
		if (len < 7)
			return -1;
		a->family = 4;
		memcpy(a->ip, p + 1, 4);
		a->port = (uint16_t)(p[5] | p[6] << 8);
		*used = 7;
		return 0;
	case 10:
		if (len < 19)
			return -1;
		a->family = 6;
		memcpy(a->ip, p + 1, 16);
		a->port = (uint16_t)(p[17] | p[18] << 8);
		*used = 19;
		return 0;
	case 1:
		a->family = 'u';
		a->path = (const char *)p + 1;
		a->pathlen = len - 1;
		*used = len;
		return 0;
	default:
		a->family = 0;
		*used = len;
		return 0;
	}
}

int sk_decode_sockaddr(const uint8_t *p, uint32_t len, struct sk_addr *out)
{
	uint32_t used;
	return decode_one(p, len, out, &used);
}

/* TUPLE: u8 family, then local address and port, then remote address and
 * port; unix tuples carry the path only. */
int sk_decode_tuple(const uint8_t *p, uint32_t len, struct sk_addr *local, struct sk_addr *remote)
{
	memset(local, 0, sizeof(*local));
	memset(remote, 0, sizeof(*remote));
	if (len < 1)
		return -1;
	unsigned alen = p[0] == 2 ? 4 : p[0] == 10 ? 16 : 0;
	if (!alen) {
		uint32_t used;
		if (decode_one(p, len, local, &used) < 0)
			return -1;
		*remote = *local;
		return 0;
	}
	if (len < 1 + 2 * (alen + 2))
		return -1;
	uint8_t fam = alen == 4 ? 4 : 6;
	local->family = remote->family = fam;
	memcpy(local->ip, p + 1, alen);
	local->port = (uint16_t)(p[1 + alen] | p[2 + alen] << 8);
	memcpy(remote->ip, p + 3 + alen, alen);
	remote->port = (uint16_t)(p[3 + 2 * alen] | p[4 + 2 * alen] << 8);
	return 0;
}

int sk_ip_format(uint8_t family, const uint8_t *ip, char *buf, size_t len)
{
	if (family == 4)
		return snprintf(buf, len, "%u.%u.%u.%u", ip[0], ip[1], ip[2], ip[3]);
	if (family != 6)
		return snprintf(buf, len, "<NA>");
	/* IPv4-mapped addresses print as IPv4, like Falco. */
	static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	if (!memcmp(ip, mapped, 12))
		return snprintf(buf, len, "%u.%u.%u.%u", ip[12], ip[13], ip[14], ip[15]);
	/* RFC 5952: longest run (>= 2) of zero groups becomes "::". */
	uint16_t g[8];
	for (int i = 0; i < 8; i++)
		g[i] = (uint16_t)(ip[2 * i] << 8 | ip[2 * i + 1]);
	int best = -1, bestlen = 0;
	for (int i = 0; i < 8;) {
		int j = i;
		while (j < 8 && !g[j])
			j++;
		if (j - i > bestlen && j - i >= 2) {
			best = i;
			bestlen = j - i;
		}
		i = j > i ? j : i + 1;
	}
	size_t n = 0;
	for (int i = 0; i < 8 && n < len; i++) {
		if (i == best) {
			n += (size_t)snprintf(buf + n, len - n, "::");
			i += bestlen - 1;
			continue;
		}
		int sep = i > 0 && i != best + bestlen;
		n += (size_t)snprintf(buf + n, len - n, "%s%x", sep ? ":" : "", g[i]);
	}
	return (int)n;
}

int sk_addr_format(const struct sk_addr *a, char *buf, size_t len)
{
	if (a->family == 'u')
		return snprintf(buf, len, "%.*s", (int)a->pathlen, a->path);
	char ip[64];
	sk_ip_format(a->family, a->ip, ip, sizeof(ip));
	return snprintf(buf, len, "%s:%u", ip, a->port);
}
