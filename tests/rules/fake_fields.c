/* fake_fields.c - a test double of the field registry (replay/fields.h) for
 * the language tests: the fields Falco's rules use, with Falco's types, and
 * an event context that is just a table of "field text -> value" pairs, so
 * each test states exactly what every field yields (absent = no value).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/rules/fake_fields.h"

#define F(n, t, a, l)                                                                              \
	{                                                                                          \
		n, t, a, l, "", 0                                                                  \
	}
static const struct sk_field reg[] = {
    F("evt.type", SK_V_STRING, SK_FA_NONE, 0),
    F("evt.num", SK_V_UINT, SK_FA_NONE, 0),
    F("evt.dir", SK_V_STRING, SK_FA_NONE, 0),
    F("evt.res", SK_V_STRING, SK_FA_NONE, 0),
    F("evt.rawres", SK_V_INT, SK_FA_NONE, 0),
    F("evt.arg", SK_V_STRING, SK_FA_ANY, 0),
    F("evt.args", SK_V_STRING, SK_FA_NONE, 0),
    F("evt.buffer", SK_V_BYTES, SK_FA_NONE, 0),
    F("evt.hostname", SK_V_STRING, SK_FA_NONE, 0),
    F("evt.is_open_read", SK_V_BOOL, SK_FA_NONE, 0),
    F("evt.is_open_write", SK_V_BOOL, SK_FA_NONE, 0),
    F("evt.rawtime", SK_V_ABSTIME, SK_FA_NONE, 0),
    F("fd.name", SK_V_PATH, SK_FA_NONE, 0),
    F("fd.nameraw", SK_V_PATH, SK_FA_NONE, 0),
    F("fd.directory", SK_V_PATH, SK_FA_NONE, 0),
    F("fd.filename", SK_V_STRING, SK_FA_NONE, 0),
    F("fd.num", SK_V_INT, SK_FA_NONE, 0),
    F("fd.typechar", SK_V_STRING, SK_FA_NONE, 0),
    F("fd.type", SK_V_STRING, SK_FA_NONE, 0),
    F("fd.types", SK_V_STRING, SK_FA_OPTIONAL_INDEX, 1),
    F("fd.ip", SK_V_IPADDR, SK_FA_NONE, 1),
    F("fd.sip", SK_V_IPADDR, SK_FA_NONE, 0),
    F("fd.sip.name", SK_V_STRING, SK_FA_NONE, 0),
    F("fd.net", SK_V_IPNET, SK_FA_NONE, 1),
    F("fd.snet", SK_V_IPNET, SK_FA_NONE, 0),
    F("fd.sport", SK_V_UINT, SK_FA_NONE, 0),
    F("fd.lport", SK_V_UINT, SK_FA_NONE, 0),
    F("fd.rport", SK_V_UINT, SK_FA_NONE, 0),
    F("fd.l4proto", SK_V_STRING, SK_FA_NONE, 0),
    F("fd.connected", SK_V_BOOL, SK_FA_NONE, 0),
    F("fd.name_changed", SK_V_BOOL, SK_FA_NONE, 0),
    F("proc.name", SK_V_STRING, SK_FA_NONE, 0),
    F("proc.pname", SK_V_STRING, SK_FA_NONE, 0),
    F("proc.aname", SK_V_STRING, SK_FA_OPTIONAL_INDEX, 1),
    F("proc.aexepath", SK_V_PATH, SK_FA_OPTIONAL_INDEX, 1),
    F("proc.exe", SK_V_STRING, SK_FA_NONE, 0),
    F("proc.exepath", SK_V_PATH, SK_FA_NONE, 0),
    F("proc.pexe", SK_V_STRING, SK_FA_NONE, 0),
    F("proc.pexepath", SK_V_PATH, SK_FA_NONE, 0),
    F("proc.cmdline", SK_V_STRING, SK_FA_NONE, 0),
    F("proc.pcmdline", SK_V_STRING, SK_FA_NONE, 0),
    F("proc.args", SK_V_STRING, SK_FA_NONE, 0),
    F("proc.cwd", SK_V_PATH, SK_FA_NONE, 0),
    F("proc.tty", SK_V_UINT, SK_FA_NONE, 0),
    F("proc.pid", SK_V_INT, SK_FA_NONE, 0),
    F("proc.duration", SK_V_RELTIME, SK_FA_NONE, 0),
    F("proc.sname", SK_V_STRING, SK_FA_NONE, 0),
    F("proc.is_exe_upper_layer", SK_V_BOOL, SK_FA_NONE, 0),
    F("proc.is_exe_from_memfd", SK_V_BOOL, SK_FA_NONE, 0),
    F("proc.exe_ino.ctime", SK_V_ABSTIME, SK_FA_NONE, 0),
    F("proc.exe_ino.mtime", SK_V_ABSTIME, SK_FA_NONE, 0),
    F("proc.exe_ino.ctime_duration_proc_start", SK_V_RELTIME, SK_FA_NONE, 0),
    F("user.name", SK_V_STRING, SK_FA_NONE, 0),
    F("user.uid", SK_V_UINT, SK_FA_NONE, 0),
    F("user.loginuid", SK_V_INT, SK_FA_NONE, 0),
    F("user.loginname", SK_V_STRING, SK_FA_NONE, 0),
    F("group.gid", SK_V_UINT, SK_FA_NONE, 0),
    F("group.name", SK_V_STRING, SK_FA_NONE, 0),
    F("container.id", SK_V_STRING, SK_FA_NONE, 0),
    F("container.image.repository", SK_V_STRING, SK_FA_NONE, 0),
    F("container.privileged", SK_V_BOOL, SK_FA_NONE, 0),
    F("container.start_ts", SK_V_ABSTIME, SK_FA_NONE, 0),
    F("k8s.ns.name", SK_V_STRING, SK_FA_NONE, 0),
    F("thread.cap_effective", SK_V_STRING, SK_FA_NONE, 0),
};
#define NREG (sizeof(reg) / sizeof(reg[0]))

unsigned sk_field_count(void)
{
	return NREG;
}

const struct sk_field *sk_field_at(unsigned i)
{
	return i < NREG ? &reg[i] : NULL;
}

int sk_field_parse(const char *text, size_t len, struct sk_field_ref *ref, char *err, size_t errlen)
{
	memset(ref, 0, sizeof(*ref));
	ref->index = -1;
	for (unsigned i = 0; i < NREG; i++) {
		size_t n = strlen(reg[i].name);
		if (len < n || memcmp(text, reg[i].name, n))
			continue;
		if (len == n && reg[i].arg != SK_FA_KEY && reg[i].arg != SK_FA_ANY) {
			ref->field = &reg[i];
			return 0;
		}
		if (len > n + 2 && text[n] == '[' && text[len - 1] == ']' &&
		    reg[i].arg != SK_FA_NONE) {
			char buf[64];
			snprintf(buf, sizeof(buf), "%.*s", (int)(len - n - 2), text + n + 1);
			char *end;
			long v = strtol(buf, &end, 10);
			if (*end || v < 0)
				snprintf(ref->key, sizeof(ref->key), "%s", buf);
			else
				ref->index = v;
			ref->field = &reg[i];
			return 0;
		}
		if (len > n + 1 && text[n] == '.' &&
		    (reg[i].arg == SK_FA_KEY || reg[i].arg == SK_FA_ANY)) {
			snprintf(ref->key, sizeof(ref->key), "%.*s", (int)(len - n - 1),
				 text + n + 1);
			ref->field = &reg[i];
			return 0;
		}
	}
	snprintf(err, errlen, "unknown field '%.*s'", (int)len, text);
	return -1;
}

static void canonical(const struct sk_field_ref *ref, char *buf, size_t n)
{
	if (ref->index >= 0)
		snprintf(buf, n, "%s[%lld]", ref->field->name, (long long)ref->index);
	else if (ref->key[0])
		snprintf(buf, n, "%s.%s", ref->field->name, ref->key);
	else
		snprintf(buf, n, "%s", ref->field->name);
}

static int typed(const char *s, int vtype, struct sk_value *v)
{
	v->vtype = vtype;
	switch (vtype) {
	case SK_V_INT:
		v->v.i = strtoll(s, NULL, 10);
		return 1;
	case SK_V_UINT:
	case SK_V_ABSTIME:
	case SK_V_RELTIME:
		v->v.u = strtoull(s, NULL, 10);
		return 1;
	case SK_V_BOOL:
		v->v.u = !strcmp(s, "true");
		return 1;
	case SK_V_IPADDR:
	case SK_V_IPNET:
		if (inet_pton(AF_INET, s, v->v.ip.addr) == 1) {
			v->v.ip.family = 4;
			v->v.ip.prefix = 32;
			return 1;
		}
		if (inet_pton(AF_INET6, s, v->v.ip.addr) == 1) {
			v->v.ip.family = 6;
			v->v.ip.prefix = 128;
			return 1;
		}
		return 0;
	default:
		v->v.s.ptr = s;
		v->v.s.len = strlen(s);
		return 1;
	}
}

int sk_field_extract(const struct sk_field_ref *ref, struct sk_evctx *ctx, struct sk_value *out,
		     int max)
{
	char name[160];
	canonical(ref, name, sizeof(name));
	int k = 0;
	for (unsigned i = 0; i < ctx->n && k < max; i++)
		if (!strcmp(ctx->kv[i].name, name) &&
		    typed(ctx->kv[i].value, ref->field->vtype, &out[k]))
			k++;
	return k;
}

size_t sk_value_format(const struct sk_value *v, char *buf, size_t buflen)
{
	int n;
	switch (v->vtype) {
	case SK_V_INT:
		n = snprintf(buf, buflen, "%lld", (long long)v->v.i);
		break;
	case SK_V_UINT:
	case SK_V_ABSTIME:
	case SK_V_RELTIME:
		n = snprintf(buf, buflen, "%llu", (unsigned long long)v->v.u);
		break;
	case SK_V_BOOL:
		n = snprintf(buf, buflen, "%s", v->v.u ? "true" : "false");
		break;
	case SK_V_IPADDR:
	case SK_V_IPNET: {
		char a[64];
		inet_ntop(v->v.ip.family == 4 ? AF_INET : AF_INET6, v->v.ip.addr, a, sizeof(a));
		n = snprintf(buf, buflen, "%s", a);
		break;
	}
	default:
		n = snprintf(buf, buflen, "%.*s", (int)v->v.s.len, v->v.s.ptr);
	}
	return n < 0 ? 0 : (size_t)n < buflen ? (size_t)n : buflen - 1;
}
