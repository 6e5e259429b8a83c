/* ops.c - what each operator means on typed values, following libsinsp:
 * strings compare bytewise (icontains/iglob ignore ASCII case, glob is
 * fnmatch without FNM_PATHNAME so '*' crosses '/'), pmatch is "equal to or
 * below one of these paths", numbers compare as signed or unsigned by the
 * field's type, addresses compare against networks (CIDR, a plain address is
 * a full-length prefix), regex is a full POSIX extended match. Constants are
 * parsed here once at compile time.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/lang.h"

static int is_str(int t)
{
	return t == SK_V_STRING || t == SK_V_PATH || t == SK_V_BYTES;
}

static int parse_u64(const char *s, size_t len, uint64_t *out)
{
	char buf[32];
	if (!len || len >= sizeof(buf) || s[0] == '-' || s[0] == '+' ||
	    isspace((unsigned char)s[0]))
		return -1;
	memcpy(buf, s, len);
	buf[len] = 0;
	int base = len > 2 && buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X') ? 16 : 10;
	char *end;
	errno = 0;
	*out = strtoull(buf, &end, base);
	return errno || *end ? -1 : 0;
}

static int parse_i64(const char *s, size_t len, int64_t *out)
{
	char buf[32];
	if (!len || len >= sizeof(buf) || isspace((unsigned char)s[0]))
		return -1;
	memcpy(buf, s, len);
	buf[len] = 0;
	char *end;
	errno = 0;
	*out = strtoll(buf, &end, 10);
	return errno || *end ? -1 : 0;
}

static int parse_ip(const char *s, size_t len, struct sk_value *v)
{
	char buf[64];
	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = 0;
	char *slash = strchr(buf, '/');
	long prefix = -1;
	if (slash) {
		*slash = 0;
		char *end;
		prefix = strtol(slash + 1, &end, 10);
		if (!slash[1] || *end || prefix < 0)
			return -1;
	}
	if (inet_pton(AF_INET, buf, v->v.ip.addr) == 1) {
		v->v.ip.family = 4;
		if (prefix > 32)
			return -1;
		v->v.ip.prefix = prefix < 0 ? 32 : prefix;
		return 0;
	}
	if (inet_pton(AF_INET6, buf, v->v.ip.addr) == 1) {
		v->v.ip.family = 6;
		if (prefix > 128)
			return -1;
		v->v.ip.prefix = prefix < 0 ? 128 : prefix;
		return 0;
	}
	return -1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int sk_const_parse(struct sk_pool *a, int vtype, int op, const char *s, size_t len,
		   struct sk_const *out, char *err, size_t errlen)
{
	struct sk_value *v = &out->v;
	v->vtype = vtype;
	const char *bad = NULL;
	switch (vtype) {
	case SK_V_INT:
		bad = parse_i64(s, len, &v->v.i) ? "not a signed integer" : NULL;
		break;
	case SK_V_UINT:
	case SK_V_ABSTIME:
	case SK_V_RELTIME:
		bad = parse_u64(s, len, &v->v.u) ? "not an unsigned integer" : NULL;
		break;
	case SK_V_BOOL:
		if (len == 4 && !memcmp(s, "true", 4))
			v->v.u = 1;
		else if (len == 5 && !memcmp(s, "false", 5))
			v->v.u = 0;
		else
			bad = "not 'true' or 'false'";
		break;
	case SK_V_IPADDR:
	case SK_V_IPNET:
		bad = parse_ip(s, len, v) ? "not an IP address or network (a.b.c.d[/n])" : NULL;
		break;
	default:
		if (op == SK_OP_BCONTAINS || op == SK_OP_BSTARTSWITH) {
			if (len % 2) {
				bad = "not an even number of hex digits";
				break;
			}
			char *b = sk_pool_alloc(a, len / 2 + 1);
			for (size_t i = 0; i < len && !bad; i += 2) {
				int hi = hexval(s[i]), lo = hexval(s[i + 1]);
				if (hi < 0 || lo < 0)
					bad = "not a hex byte string";
				else
					b[i / 2] = (char)(hi << 4 | lo);
			}
			v->v.s.ptr = b;
			v->v.s.len = len / 2;
			break;
		}
		char *c = sk_pool_strndup(a, s, len);
		if (op == SK_OP_ICONTAINS)
			for (size_t i = 0; i < len; i++)
				c[i] = tolower((unsigned char)c[i]);
		if (op == SK_OP_PMATCH)
			while (len > 1 && c[len - 1] == '/')
				c[--len] = 0;
		v->v.s.ptr = c;
		v->v.s.len = len;
	}
	if (bad) {
		snprintf(err, errlen, "'%.*s' is %s", (int)(len > 80 ? 80 : len), s, bad);
		return -1;
	}
	return 0;
}

static int cmp_str(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);
	return c ? c : al < bl ? -1 : al > bl;
}

static int cmp_const(const void *x, const void *y)
{
	const struct sk_value *a = &((const struct sk_const *)x)->v;
	const struct sk_value *b = &((const struct sk_const *)y)->v;
	if (is_str(a->vtype))
		return cmp_str(a->v.s.ptr, a->v.s.len, b->v.s.ptr, b->v.s.len);
	if (a->vtype == SK_V_INT)
		return a->v.i < b->v.i ? -1 : a->v.i > b->v.i;
	if (a->vtype == SK_V_IPADDR || a->vtype == SK_V_IPNET)
		return memcmp(&a->v.ip, &b->v.ip, sizeof(a->v.ip));
	return a->v.u < b->v.u ? -1 : a->v.u > b->v.u;
}

void sk_consts_sort(struct sk_const *v, unsigned *n)
{
	if (*n < 2)
		return;
	qsort(v, *n, sizeof(*v), cmp_const);
	unsigned k = 1;
	for (unsigned i = 1; i < *n; i++)
		if (cmp_const(&v[i], &v[k - 1]))
			v[k++] = v[i];
	*n = k;
}

static int in_net(const struct sk_value *v, const struct sk_value *net)
{
	if (v->v.ip.family != net->v.ip.family)
		return 0;
	unsigned bits = net->v.ip.prefix, full = bits / 8, rest = bits % 8;
	if (memcmp(v->v.ip.addr, net->v.ip.addr, full))
		return 0;
	if (!rest)
		return 1;
	uint8_t mask = (uint8_t)(0xff << (8 - rest));
	return (v->v.ip.addr[full] & mask) == (net->v.ip.addr[full] & mask);
}

/* How common a byte is in paths and command lines: separators match
 * almost everywhere, '/' most of all. */
static int byte_rank(unsigned char c)
{
	return c == '/' ? 3 : c == '.' || c == '-' || c == '_' || c == ' ' ? 2 : c == 0 ? 1 : 0;
}

/* Whether s holds p. memchr looks for the needle's least common byte (see
 * byte_rank), then memcmp checks the whole needle there. Haystacks here are
 * paths and command lines, where this beats memmem's setup. */
static int contains(const char *s, size_t len, const char *p, size_t pl)
{
	if (pl == 0)
		return 1;
	if (pl > len)
		return 0;
	size_t j = 0;
	for (size_t i = 1; i < pl && byte_rank((unsigned char)p[j]); i++)
		if (byte_rank((unsigned char)p[i]) < byte_rank((unsigned char)p[j]))
			j = i;
	const char *q = s + j, *end = s + len - pl + j + 1; /* past the last start + j */
	while ((q = memchr(q, p[j], (size_t)(end - q)))) {
		if (!memcmp(q - j, p, pl))
			return 1;
		q++;
	}
	return 0;
}

static int icontains(const char *h, size_t hl, const char *lower, size_t nl)
{
	if (nl > hl)
		return 0;
	for (size_t i = 0; i + nl <= hl; i++) {
		size_t k = 0;
		while (k < nl && tolower((unsigned char)h[i + k]) == lower[k])
			k++;
		if (k == nl)
			return 1;
	}
	return 0;
}

static int pmatch(const char *s, size_t len, const struct sk_value *p)
{
	size_t pl = p->v.s.len;
	if (pl == 1 && p->v.s.ptr[0] == '/')
		return len > 0 && s[0] == '/';
	return len >= pl && !memcmp(s, p->v.s.ptr, pl) && (len == pl || s[pl] == '/');
}

/* Runs fn on a NUL-terminated copy of s. */
static int with_cstr(const char *s, size_t len, int (*fn)(const char *, const void *),
		     const void *arg)
{
	char stackbuf[1024];
	char *buf = len < sizeof(stackbuf) ? stackbuf : malloc(len + 1);
	if (!buf)
		return 0;
	memcpy(buf, s, len);
	buf[len] = 0;
	int r = fn(buf, arg);
	if (buf != stackbuf)
		free(buf);
	return r;
}

static int glob_fn(const char *s, const void *pat)
{
	return fnmatch(pat, s, 0) == 0;
}

static int iglob_fn(const char *s, const void *pat)
{
	return fnmatch(pat, s, FNM_CASEFOLD) == 0;
}

static int regex_fn(const char *s, const void *re)
{
	return regexec(re, s, 0, NULL, 0) == 0;
}

static inline __attribute__((always_inline)) int str_match(const struct sk_cnode *n, const char *s,
							   size_t len, const struct sk_value *c)
{
	const char *p = c->v.s.ptr;
	size_t pl = c->v.s.len;
	switch (n->op) {
	case SK_OP_EQ:
		return len == pl && !memcmp(s, p, pl);
	case SK_OP_NE:
		return !(len == pl && !memcmp(s, p, pl));
	case SK_OP_CONTAINS:
	case SK_OP_BCONTAINS:
		return contains(s, len, p, pl);
	case SK_OP_ICONTAINS:
		return icontains(s, len, p, pl);
	case SK_OP_STARTSWITH:
	case SK_OP_BSTARTSWITH:
		return len >= pl && !memcmp(s, p, pl);
	case SK_OP_ENDSWITH:
		return len >= pl && !memcmp(s + len - pl, p, pl);
	case SK_OP_GLOB:
		return with_cstr(s, len, glob_fn, p);
	case SK_OP_IGLOB:
		return with_cstr(s, len, iglob_fn, p);
	case SK_OP_REGEX:
		return n->re && with_cstr(s, len, regex_fn, n->re);
	}
	return 0;
}

static int num_cmp(const struct sk_cnode *n, const struct sk_value *v, const struct sk_value *c)
{
	if (n->lhs.vtype == SK_V_INT)
		return v->v.i < c->v.i ? -1 : v->v.i > c->v.i;
	return v->v.u < c->v.u ? -1 : v->v.u > c->v.u;
}

static int order_match(int op, int c)
{
	switch (op) {
	case SK_OP_EQ:
		return c == 0;
	case SK_OP_NE:
		return c != 0;
	case SK_OP_LT:
		return c < 0;
	case SK_OP_LE:
		return c <= 0;
	case SK_OP_GT:
		return c > 0;
	case SK_OP_GE:
		return c >= 0;
	}
	return 0;
}

/* One value against one constant (or right-hand value). */
static inline __attribute__((always_inline)) int
match_one(const struct sk_cnode *n, const struct sk_value *v, const struct sk_value *c)
{
	int t = n->lhs.vtype;
	if (is_str(t))
		return str_match(n, v->v.s.ptr, v->v.s.len, c);
	if (t == SK_V_IPADDR || t == SK_V_IPNET) {
		int in = in_net(v, c);
		return n->op == SK_OP_NE ? !in : in;
	}
	if (t == SK_V_BOOL) {
		int eq = (v->v.u != 0) == (c->v.u != 0);
		return n->op == SK_OP_NE ? !eq : eq;
	}
	return order_match(n->op, num_cmp(n, v, c));
}

static int in_sorted(const struct sk_cnode *n, const struct sk_value *v)
{
	struct sk_const key = {.v = *v};
	key.v.vtype = n->lhs.vtype;
	unsigned lo = 0, hi = n->nvals;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		int c = cmp_const(&key, &n->vals[mid]);
		if (!c)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

int sk_op_match(const struct sk_cnode *n, const struct sk_value *v)
{
	int t = n->lhs.vtype;
	switch (n->op) {
	case SK_OP_IN:
	case SK_OP_INTERSECTS:
		if (t == SK_V_IPADDR || t == SK_V_IPNET) {
			for (unsigned i = 0; i < n->nvals; i++)
				if (in_net(v, &n->vals[i].v))
					return 1;
			return 0;
		}
		if (n->set)
			return sk_strset_has(n, v->v.s.ptr, v->v.s.len);
		return in_sorted(n, v);
	case SK_OP_PMATCH:
		for (unsigned i = 0; i < n->nvals; i++)
			if (pmatch(v->v.s.ptr, v->v.s.len, &n->vals[i].v))
				return 1;
		return 0;
	}
	return n->nvals && match_one(n, v, &n->vals[0].v);
}

int sk_op_match_value(const struct sk_cnode *n, const struct sk_value *v,
		      const struct sk_value *rhs)
{
	int t = n->lhs.vtype;
	if (n->op == SK_OP_IN || n->op == SK_OP_INTERSECTS) {
		struct sk_cnode eq = *n;
		eq.op = SK_OP_EQ;
		return match_one(&eq, v, rhs);
	}
	if (n->op == SK_OP_PMATCH)
		return pmatch(v->v.s.ptr, v->v.s.len, rhs);
	if (n->op == SK_OP_ICONTAINS) {
		for (size_t i = 0; i + rhs->v.s.len <= v->v.s.len; i++)
			if (!strncasecmp(v->v.s.ptr + i, rhs->v.s.ptr, rhs->v.s.len))
				return 1;
		return 0;
	}
	if ((t == SK_V_IPADDR || t == SK_V_IPNET) && n->op <= SK_OP_NE) {
		int eq = v->v.ip.family == rhs->v.ip.family &&
			 !memcmp(v->v.ip.addr, rhs->v.ip.addr, v->v.ip.family == 4 ? 4 : 16);
		return n->op == SK_OP_NE ? !eq : eq;
	}
	return match_one(n, v, rhs);
}

static int b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decodes base64 in place; -1 on a character outside the alphabet. */
static int b64_decode(char *s, size_t len, size_t *out)
{
	size_t k = 0;
	uint32_t acc = 0;
	int bits = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '=')
			break;
		int d = b64val(s[i]);
		if (d < 0)
			return -1;
		acc = acc << 6 | (uint32_t)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			s[k++] = (char)(acc >> bits);
		}
	}
	*out = k;
	return 0;
}

int sk_transform(const struct sk_cfield *f, struct sk_value *v, char *buf, size_t buflen)
{
	for (unsigned i = 0; i < f->ntr; i++) {
		int tr = f->tr[i];
		if (tr == SK_TR_LEN) {
			v->v.u = v->v.s.len;
			v->vtype = SK_V_UINT;
			continue;
		}
		if (tr == SK_TR_BASENAME) {
			const char *s = v->v.s.ptr;
			size_t len = v->v.s.len;
			const char *slash = len ? memrchr(s, '/', len) : NULL;
			if (slash) {
				v->v.s.ptr = slash + 1;
				v->v.s.len = len - (size_t)(slash + 1 - s);
			}
			v->vtype = SK_V_STRING;
			continue;
		}
		size_t len = v->v.s.len < buflen ? v->v.s.len : buflen;
		if (v->v.s.ptr != buf)
			memmove(buf, v->v.s.ptr, len);
		if (tr == SK_TR_B64) {
			if (b64_decode(buf, len, &len) < 0)
				return -1;
		} else {
			for (size_t k = 0; k < len; k++)
				buf[k] = tr == SK_TR_TOLOWER ? tolower((unsigned char)buf[k])
							     : toupper((unsigned char)buf[k]);
		}
		v->v.s.ptr = buf;
		v->v.s.len = len;
		v->vtype = SK_V_STRING;
	}
	return 0;
}
