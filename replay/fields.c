/* fields.c - the field registry: names, parsing of field references with
 * their arguments, suggestions for misspelt names, and value formatting.
 * Extraction lives in fields_extract.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "replay/escape.h"
#include "replay/fields_int.h"
#include "replay/numfmt.h"
#include "replay/param.h"

static const struct sk_field registry[SK_F_COUNT] = {
#define X(id, nm, vt, ar, li, ds) {nm, vt, ar, li, ds, SK_F_##id},
    SK_FIELDS(X)
#undef X
};

unsigned sk_field_count(void)
{
	return SK_F_COUNT;
}

const struct sk_field *sk_field_at(unsigned i)
{
	return i < SK_F_COUNT ? &registry[i] : NULL;
}

static const struct sk_field *find_exact(const char *name, size_t len)
{
	for (unsigned i = 0; i < SK_F_COUNT; i++)
		if (strlen(registry[i].name) == len && !memcmp(registry[i].name, name, len))
			return &registry[i];
	return NULL;
}

static size_t edit_distance(const char *a, size_t la, const char *b)
{
	size_t lb = strlen(b);
	if (la > 64 || lb > 64)
		return 99;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t sub = prev + (a[i - 1] != b[j - 1]);
			size_t del = row[j] + 1, ins = row[j - 1] + 1;
			row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
			prev = cur;
		}
	}
	return row[lb];
}

static int fail(char *err, size_t errlen, const char *fmt, const char *a, size_t alen,
		const char *b)
{
	if (err && errlen)
		snprintf(err, errlen, fmt, (int)alen, a, b);
	return -1;
}

static int unknown(const char *text, size_t len, char *err, size_t errlen)
{
	const char *best = NULL;
	size_t bestd = 99;
	for (unsigned i = 0; i < SK_F_COUNT; i++) {
		size_t d = edit_distance(text, len, registry[i].name);
		if (d < bestd) {
			bestd = d;
			best = registry[i].name;
		}
	}
	if (best && bestd <= 3)
		return fail(err, errlen, "unknown field '%.*s' (did you mean '%s'?)", text, len,
			    best);
	return fail(err, errlen, "unknown field '%.*s'%s (see 'saker fields')", text, len, "");
}

static int parse_index(const char *s, size_t n, int64_t *out)
{
	if (!n || n > 9)
		return -1;
	int64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Applies "[arg]" or ".arg" text to a field that takes an argument. */
static int set_arg(struct sk_field_ref *ref, const char *a, size_t n, int bracket, char *err,
		   size_t errlen)
{
	const struct sk_field *f = ref->field;
	int numeric = parse_index(a, n, &ref->index) == 0;
	switch (f->arg) {
	case SK_FA_INDEX:
	case SK_FA_OPTIONAL_INDEX:
		if (!numeric || !bracket)
			return fail(err, errlen, "field '%.*s' takes a numeric index like [1]%s",
				    f->name, strlen(f->name), "");
		return 0;
	case SK_FA_ANY:
		if (numeric && bracket)
			return 0;
		ref->index = -1;
		/* fall through */
	case SK_FA_KEY:
		if (!n || n >= sizeof(ref->key))
			return fail(err, errlen, "field '%.*s' needs a name argument%s", f->name,
				    strlen(f->name), "");
		memcpy(ref->key, a, n);
		ref->key[n] = 0;
		ref->index = -1;
		ref->pname = sk_pname_id(ref->key);
		return 0;
	default:
		return fail(err, errlen, "field '%.*s' takes no argument%s", f->name,
			    strlen(f->name), "");
	}
}

int sk_field_parse(const char *text, size_t len, struct sk_field_ref *ref, char *err, size_t errlen)
{
	memset(ref, 0, sizeof(*ref));
	ref->index = -1;
	ref->pname = -1;
	const char *br = memchr(text, '[', len);
	if (br) {
		size_t blen = (size_t)(br - text);
		if (text[len - 1] != ']')
			return fail(err, errlen, "field '%.*s' has an unterminated '['%s", text,
				    len, "");
		ref->field = find_exact(text, blen);
		if (!ref->field)
			return unknown(text, blen, err, errlen);
		return set_arg(ref, br + 1, len - blen - 2, 1, err, errlen);
	}
	ref->field = find_exact(text, len);
	if (ref->field) {
		if (ref->field->arg == SK_FA_NONE || ref->field->arg == SK_FA_OPTIONAL_INDEX)
			return 0;
		return fail(err, errlen, "field '%.*s' needs an argument, e.g. %s.name or [1]",
			    text, len, ref->field->name);
	}
	/* "evt.arg.flags": the longest registered prefix taking a name. */
	for (size_t i = len; i > 0; i--) {
		if (text[i - 1] != '.')
			continue;
		const struct sk_field *f = find_exact(text, i - 1);
		if (f && (f->arg == SK_FA_KEY || f->arg == SK_FA_ANY)) {
			ref->field = f;
			return set_arg(ref, text + i, len - i, 0, err, errlen);
		}
	}
	return unknown(text, len, err, errlen);
}

/* ------------------------------------------------------------ formatting */

static int use_localtime;
static size_t bytes_shown;

void sk_fields_set_bytes_shown(size_t n)
{
	bytes_shown = n;
}

size_t sk_bytes_shown(size_t len)
{
	return bytes_shown && len > bytes_shown ? bytes_shown : len;
}

void sk_fields_set_localtime(int on)
{
	use_localtime = on;
}

/* Consecutive events mostly share their second: convert each second once. */
static int sk_time_parts(uint64_t ns, struct tm *tm)
{
	static time_t last = -1;
	static int last_local;
	static struct tm cached;
	time_t secs = (time_t)(ns / 1000000000ull);
	if (secs != last || last_local != use_localtime) {
		if (!(use_localtime ? localtime_r(&secs, &cached) : gmtime_r(&secs, &cached)))
			return -1;
		last = secs;
		last_local = use_localtime;
	}
	*tm = cached;
	return 0;
}

static void put2(char *p, int v, char sep)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	p[2] = sep;
}

size_t sk_time_format(uint64_t ns, int style, char *buf, size_t len)
{
	struct tm tm;
	unsigned frac = (unsigned)(ns % 1000000000ull);
	if (sk_time_parts(ns, &tm) < 0)
		return (size_t)snprintf(buf, len, "%llu", (unsigned long long)ns);
	switch (style) {
	case SK_TIME_OF_DAY:
		if (len < 19)
			return 0;
		put2(buf, tm.tm_hour, ':');
		put2(buf + 3, tm.tm_min, ':');
		put2(buf + 6, tm.tm_sec, '.');
		for (int i = 17; i >= 9; i--, frac /= 10)
			buf[i] = (char)('0' + frac % 10);
		buf[18] = 0;
		return 18;
	case SK_TIME_OF_DAY_S:
		return (size_t)snprintf(buf, len, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min,
					tm.tm_sec);
	case SK_TIME_DATETIME:
		return (size_t)snprintf(buf, len, "%04d-%02d-%02d %02d:%02d:%02d.%09u",
					tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
					tm.tm_min, tm.tm_sec, frac);
	default: {
		long off = use_localtime ? tm.tm_gmtoff : 0;
		char sign = off < 0 ? '-' : '+';
		if (off < 0)
			off = -off;
		return (size_t)snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%09u%c%02ld%02ld",
					tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
					tm.tm_min, tm.tm_sec, frac, sign, off / 3600,
					(off / 60) % 60);
	}
	}
}

static size_t format_raw(const struct sk_value *v, char *buf, size_t buflen, int *is_text)
{
	*is_text = 0;
	switch (v->vtype) {
	case SK_V_INT:
	case SK_V_RELTIME:
	case SK_V_UINT: {
		char tmp[24];
		size_t n =
		    v->vtype == SK_V_UINT ? sk_fmt_u64(tmp, v->v.u, 10) : sk_fmt_i64(tmp, v->v.i);
		if (n >= buflen)
			n = buflen - 1;
		memcpy(buf, tmp, n);
		buf[n] = 0;
		return n;
	}
	case SK_V_BOOL:
		return (size_t)snprintf(buf, buflen, "%s", v->v.u ? "true" : "false");
	case SK_V_ABSTIME:
		return sk_time_format(v->v.u, SK_TIME_ISO8601, buf, buflen);
	case SK_V_IPADDR:
		return (size_t)sk_ip_format(v->v.ip.family, v->v.ip.addr, buf, buflen);
	case SK_V_IPNET: {
		size_t n = (size_t)sk_ip_format(v->v.ip.family, v->v.ip.addr, buf, buflen);
		if (n < buflen)
			n += (size_t)snprintf(buf + n, buflen - n, "/%u", v->v.ip.prefix);
		return n;
	}
	default:
		*is_text = 1;
		return 0;
	}
}

/* Length of a text value as shown: byte buffers are cut to bytes_shown. */
static size_t shown_len(const struct sk_value *v)
{
	return v->vtype == SK_V_BYTES ? sk_bytes_shown(v->v.s.len) : v->v.s.len;
}

size_t sk_value_format(const struct sk_value *v, char *buf, size_t buflen)
{
	int text;
	if (!buflen)
		return 0;
	size_t n = format_raw(v, buf, buflen, &text);
	if (text)
		return sk_escape_term(v->v.s.ptr, shown_len(v), buf, buflen);
	return n < buflen ? n : buflen - 1;
}

size_t sk_value_format_json(const struct sk_value *v, char *buf, size_t buflen)
{
	int text;
	if (buflen < 3)
		return 0;
	size_t n = format_raw(v, buf, buflen, &text);
	int quoted =
	    text || v->vtype == SK_V_ABSTIME || v->vtype == SK_V_IPADDR || v->vtype == SK_V_IPNET;
	if (!quoted)
		return n < buflen ? n : buflen - 1;
	if (!text) {
		char tmp[128];
		memcpy(tmp, buf, n < sizeof(tmp) - 1 ? n : sizeof(tmp) - 1);
		tmp[n < sizeof(tmp) - 1 ? n : sizeof(tmp) - 1] = 0;
		return (size_t)snprintf(buf, buflen, "\"%s\"", tmp);
	}
	buf[0] = '"';
	n = 1 + sk_escape_json(v->v.s.ptr, shown_len(v), buf + 1, buflen - 2);
	buf[n++] = '"';
	buf[n] = 0;
	return n;
}
