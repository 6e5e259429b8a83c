/* test_lang.c - table tests of the condition language: parsing (with Falco's
 * precedence), macros and nested lists, every operator on typed values,
 * missing-value semantics, transformers and val(), the event-type sets used
 * by the index, and precise error messages for invalid conditions. Runs
 * against the fields test double (fake_fields.c).
 */
#include <stdio.h>
#include <string.h>

#include "format/schema.h"
#include "rules/lang.h"
#include "tests/rules/fake_fields.h"

static const struct sk_fake_kv event[] = {
    {"evt.type", "openat"},
    {"evt.dir", "<"},
    {"evt.is_open_read", "true"},
    {"evt.rawres", "-2"},
    {"evt.arg.flags", "O_RDONLY|O_CLOEXEC"},
    {"evt.buffer", "ab"},
    {"fd.name", "/etc/shadow"},
    {"fd.directory", "/etc"},
    {"fd.num", "3"},
    {"fd.ip", "10.1.2.3"},
    {"fd.net", "10.1.2.3"},
    {"fd.sip", "2001:db8::1"},
    {"fd.sport", "443"},
    {"proc.name", "bash"},
    {"proc.pname", "nginx"},
    {"proc.aname", "nginx"},
    {"proc.aname", "systemd"},
    {"proc.aname[1]", "nginx"},
    {"proc.cmdline", "bash -c 'cat /etc/shadow'"},
    {"user.name", "Root"},
    {"user.uid", "0"},
    {"k8s.ns.name", "aGVsbG8="},
    {"fd.types", "ipv4"},
    {"fd.types", "file"},
};

struct named {
	const char *name, *text;
};

static const struct named macros[] = {
    {"is_bash", "proc.name = bash"},
    {"nested", "(is_bash and fd.num = 3)"},
    {"loop_a", "loop_b"},
    {"loop_b", "loop_a"},
    {"broken", "proc.nosuch = 1"},
};

static const char *const sensitive[] = {"/etc/shadow", "/etc/sudoers"};
static const char *const all_sensitive[] = {"sensitive_file_names", "/x"};
static const char *const rfc1918[] = {"\"10.0.0.0/8\"", "\"172.16.0.0/12\"", "\"192.168.0.0/16\""};
static const char *const loop_list[] = {"loop_list"};

static const struct {
	const char *name;
	const char *const *items;
	unsigned n;
} lists[] = {
    {"sensitive_file_names", sensitive, 2},
    {"all_sensitive", all_sensitive, 2},
    {"rfc_1918_addresses", rfc1918, 3},
    {"loop_list", loop_list, 1},
};

static struct sk_pool pool;
static struct sk_item list_items[4][4];

static const struct sk_ast *find_macro(void *opaque, const char *name)
{
	struct sk_diag *d = opaque;
	for (unsigned i = 0; i < sizeof(macros) / sizeof(macros[0]); i++) {
		if (strcmp(macros[i].name, name))
			continue;
		struct sk_text t;
		struct sk_pos pos = {"<macro>", 1, 1};
		sk_text_plain(&pool, &t, macros[i].text, strlen(macros[i].text), pos);
		return sk_parse_condition(&pool, &t, d, "macro");
	}
	return NULL;
}

static int find_list(void *opaque, const char *name, const struct sk_item **items, unsigned *n)
{
	(void)opaque;
	for (unsigned i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		if (strcmp(lists[i].name, name))
			continue;
		struct sk_pos pos = {"<list>", 1, 1};
		for (unsigned k = 0; k < lists[i].n; k++)
			sk_parse_item(&pool, lists[i].items[k], strlen(lists[i].items[k]), pos,
				      &list_items[i][k]);
		*items = list_items[i];
		*n = lists[i].n;
		return 0;
	}
	return -1;
}

#define P10  "(((((((((("
#define P100 P10 P10 P10 P10 P10 P10 P10 P10 P10 P10
#define DEEP P100 P100 P10 "proc.name = bash"

/* expect: 1 or 0 = evaluation result; -1 = compile error containing err. */
static const struct {
	const char *cond;
	int expect;
	const char *err;
} cases[] = {
    /* equality and precedence */
    {"proc.name = bash", 1, NULL},
    {"proc.name == bash", 1, NULL},
    {"proc.name != bash", 0, NULL},
    {"proc.name=bash or proc.name=zsh and fd.num=4", 1, NULL},
    {"(proc.name=bash or proc.name=zsh) and fd.num=4", 0, NULL},
    {"not proc.name=bash and proc.name=zsh", 0, NULL},
    {"not (proc.name=bash and proc.name=zsh)", 1, NULL},
    {"not not proc.name=bash", 1, NULL},
    {"((proc.name=bash) and (fd.num=3))", 1, NULL},
    /* missing values */
    {"proc.sname = x", 0, NULL},
    {"proc.sname != x", 0, NULL},
    {"not proc.sname = x", 1, NULL},
    {"proc.sname exists", 0, NULL},
    {"proc.name exists", 1, NULL},
    {"not proc.sname exists", 1, NULL},
    /* numbers */
    {"fd.num >= 0", 1, NULL},
    {"fd.num < 3", 0, NULL},
    {"fd.num <= 3", 1, NULL},
    {"fd.num > 2", 1, NULL},
    {"evt.rawres < 0", 1, NULL},
    {"evt.rawres in (0, 1, 2)", 0, NULL},
    {"evt.rawres in (-2, 5)", 1, NULL},
    {"fd.sport in (80, 443)", 1, NULL},
    {"fd.sport = 80", 0, NULL},
    {"user.uid = 0x0", 1, NULL},
    {"evt.is_open_read = true", 1, NULL},
    {"evt.is_open_read=false", 0, NULL},
    /* strings and paths */
    {"fd.name startswith /etc/", 1, NULL},
    {"fd.name endswith shadow", 1, NULL},
    {"fd.name contains sha", 1, NULL},
    {"fd.name icontains SHA", 1, NULL},
    /* substring search anchored on the needle's first non-separator byte */
    {"fd.name contains /etc/shadow", 1, NULL},
    {"fd.name contains /shadow", 1, NULL},
    {"fd.name contains /etc/shadowx", 0, NULL},
    {"fd.name contains /sha", 1, NULL},
    {"fd.name contains //sha", 0, NULL},
    {"fd.name contains w", 1, NULL},
    {"fd.name contains /", 1, NULL},
    {"fd.name contains \"//\"", 0, NULL},
    {"proc.cmdline contains \" '\"", 1, NULL},
    {"proc.cmdline contains \"adow'\"", 1, NULL},
    {"proc.cmdline contains \"adow''\"", 0, NULL},
    /* hashed sets: strings alike in their first and last 8 bytes */
    {"fd.name in (/etc/shadox, /etc/shadov, /etc/sha, /etc/shadow/, /etc/shado)", 0, NULL},
    {"fd.name in (/etc/shadox, /etc/shadov, /etc/sha, /etc/shadow, /etc/shado)", 1, NULL},
    {"proc.cmdline in (\"bash -c 'cat /etc/shadow'\", x)", 1, NULL},
    {"proc.cmdline in (\"bash -c 'dog /etc/shadow'\", \"bash -c 'cat /etc/shadow'\")", 1, NULL},
    {"proc.cmdline in (\"bash -c 'dog /etc/shadow'\", \"bash -c 'cow /etc/shadow'\")", 0, NULL},
    {"proc.cmdline in (\"bash -c 'cat /etc/passwd'\", \"bash -x 'cat /etc/shadow'\")", 0, NULL},
    {"fd.name glob '/etc/*'", 1, NULL},
    {"fd.name glob '/e?c/s*'", 1, NULL},
    {"fd.name glob '/home/*'", 0, NULL},
    {"fd.name iglob '/ETC/*'", 1, NULL},
    {"fd.name pmatch (/etc)", 1, NULL},
    {"fd.name pmatch (/et)", 0, NULL},
    {"fd.name pmatch (/usr, /)", 1, NULL},
    {"fd.name regex '/etc/sh.*'", 1, NULL},
    {"fd.name regex 'sh'", 0, NULL},
    {"proc.cmdline contains \"cat /etc/shadow\"", 1, NULL},
    {"proc.cmdline contains \"-c \\'cat\"", 1, NULL},
    {"proc.name intersects (bash, zsh)", 1, NULL},
    {"evt.buffer bcontains 6162", 1, NULL},
    {"evt.buffer bstartswith 62", 0, NULL},
    /* lists */
    {"fd.name in (sensitive_file_names)", 1, NULL},
    {"fd.name in (all_sensitive, /y)", 1, NULL},
    {"fd.name in ('sensitive_file_names')", 0, NULL},
    {"fd.name in ()", 0, NULL},
    {"not fd.name in (sensitive_file_names)", 0, NULL},
    /* field arguments and multi-valued fields */
    {"evt.arg.flags contains O_CLOEXEC", 1, NULL},
    {"evt.arg[flags] contains O_RDONLY", 1, NULL},
    {"proc.aname = systemd", 1, NULL},
    {"proc.aname in (sshd, systemd)", 1, NULL},
    {"proc.aname[1] = nginx", 1, NULL},
    {"proc.aname[2] = nginx", 0, NULL},
    /* list fields */
    {"fd.types in (ipv4, file, unix)", 1, NULL},
    {"fd.types in (ipv4, unix)", 0, NULL},
    {"fd.types intersects (ipv4, unix)", 1, NULL},
    {"fd.types intersects (unix)", 0, NULL},
    {"fd.types = ipv4", -1, "list field 'fd.types' only supports exists, in and intersects"},
    /* transformers and field comparisons */
    {"tolower(user.name) = root", 1, NULL},
    {"toupper(user.name) = ROOT", 1, NULL},
    {"len(proc.name) = 4", 1, NULL},
    {"basename(fd.name) = shadow", 1, NULL},
    {"b64(k8s.ns.name) = hello", 1, NULL},
    {"proc.name = val(proc.pname)", 0, NULL},
    {"proc.aname[1] = val(proc.pname)", 1, NULL},
    {"proc.pname in (val(proc.aname))", -1, "expected ',' or ')' in list"},
    /* addresses and networks */
    {"fd.ip = 10.1.2.3", 1, NULL},
    {"fd.ip != 10.1.2.3", 0, NULL},
    {"fd.ip = '::1'", 0, NULL},
    {"fd.net = \"10.0.0.0/8\"", 1, NULL},
    {"fd.net != \"127.0.0.0/8\"", 1, NULL},
    {"fd.net in (rfc_1918_addresses)", 1, NULL},
    {"fd.sip in ('2001:db8::/32')", 1, NULL},
    {"fd.sip = '2001:db9::/32'", 0, NULL},
    /* macros */
    {"is_bash and fd.num=3", 1, NULL},
    {"nested", 1, NULL},
    {"not nested", 0, NULL},
    {"evt.type in (open, openat) and fd.num>=0", 1, NULL},
    {"evt.type = notasyscall", 0, NULL},
    /* bare '<' and '>' values, as Falco's rule files write evt.dir */
    {"evt.dir=<", 1, NULL},
    {"evt.dir = >", 0, NULL},
    {"evt.dir=< and proc.name=bash", 1, NULL},
    {"(evt.dir = >)", 0, NULL},
    {"evt.dir in (<, >)", 1, NULL},
    {"evt.dir != >", 1, NULL},
    {"proc.name = !bash", 0, NULL},
    {"fd.num>=3", 1, NULL},
    {"fd.num<3", 0, NULL},
    /* errors */
    {"proc.nmae = bash", -1, "<t>:1:1: error: test: unknown field 'proc.nmae'"},
    {"proc.name=bash and undefined_macro", -1, "<t>:1:20: error: test: unknown macro"},
    {"proc.name ~ bash", -1, "<t>:1:11: error: test: bad operator '~'"},
    {"proc.name bash", -1, "bad operator 'bash'"},
    {"(proc.name = bash", -1, "<t>:1:1: error: test: unbalanced parenthesis"},
    {"proc.name = bash)", -1, "<t>:1:17: error: test: unbalanced parenthesis: unexpected ')'"},
    {"fd.num = abc", -1, "<t>:1:10: error: test: type mismatch: 'abc' is not a signed integer"},
    {"proc.name > 3", -1, "type mismatch: operator '>' is not supported on STRING"},
    {"fd.ip = 300.1.1.1", -1, "type mismatch"},
    {"user.uid = -1", -1, "not an unsigned integer"},
    {"proc.name in bash", -1, "needs a parenthesized list"},
    {"proc.name = 'bash", -1, "unterminated string"},
    {"", -1, "empty condition"},
    {"proc.name = bash and", -1, "unexpected end of condition"},
    {"proc.name = bash proc.name = zsh", -1, "<t>:1:18: error: test: unexpected 'proc.name'"},
    {"loop_a", -1, "macro 'loop_a' refers to itself"},
    {"broken", -1, "<macro>:1:1: error: macro 'broken': unknown field 'proc.nosuch'"},
    {"fd.name in (loop_list)", -1, "list 'loop_list' refers to itself"},
    {"len(fd.num) = 1", -1, "transformer len() cannot apply to INT"},
    {"fd.name regex '('", -1, "bad regular expression"},
    {"evt.buffer bcontains zz", -1, "not a hex byte string"},
    {"proc.name = val(fd.num)", -1, "cannot be compared"},
    {"fd.num != 1 !", -1, "bad operator '!'"},
    {"and proc.name = x", -1, "unexpected 'and'"},
    {"proc-name", -1, "unexpected 'proc-name'"},
    {DEEP, -1, "parentheses nested too deeply"},
};

static struct sk_cnode *compile(const char *cond, struct sk_diag *d)
{
	struct sk_text t;
	struct sk_pos pos = {"<t>", 1, 1};
	sk_text_plain(&pool, &t, cond, strlen(cond), pos);
	struct sk_ast *ast = sk_parse_condition(&pool, &t, d, "test");
	if (!ast)
		return NULL;
	struct sk_lang_env env = {d, find_macro, find_list, NULL, NULL};
	return sk_compile(&pool, ast, &env, d, "test", NULL);
}

static int check_cases(void)
{
	int failures = 0;
	struct sk_evctx ctx = {event, sizeof(event) / sizeof(event[0])};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sk_diag d = {0};
		struct sk_cnode *n = compile(cases[i].cond, &d);
		if (cases[i].expect < 0) {
			int found = 0;
			for (size_t k = 0; k < d.n; k++)
				found |= d.msgs[k].is_error && strstr(d.msgs[k].text, cases[i].err);
			if (n || !found) {
				printf("FAIL [%s]: expected error '%s', got %s\n", cases[i].cond,
				       cases[i].err, d.n ? d.msgs[0].text : "none");
				failures++;
			}
		} else if (!n) {
			printf("FAIL [%s]: unexpected error %s\n", cases[i].cond,
			       d.n ? d.msgs[0].text : "?");
			failures++;
		} else if (sk_eval(n, &ctx, SK_ETYPE_UNKNOWN) != cases[i].expect) {
			printf("FAIL [%s]: expected %d\n", cases[i].cond, cases[i].expect);
			failures++;
		}
		sk_diag_free(&d);
	}
	return failures;
}

static int types_of(const char *cond, struct sk_typeset *ts)
{
	struct sk_diag d = {0};
	struct sk_cnode *n = compile(cond, &d);
	sk_diag_free(&d);
	if (!n)
		return -1;
	sk_typeset_of(n, ts);
	return 0;
}

/* On generic records evt.type is the call's name, compared as a string; on
 * other records the record type decides. */
static int check_generic(void)
{
	static const struct sk_fake_kv kexec[] = {{"evt.type", "kexec_load"}};
	struct sk_evctx ctx = {kexec, 1};
	struct sk_diag d = {0};
	struct sk_cnode *n = compile("evt.type in (kexec_load, openat)", &d);
	sk_diag_free(&d);
	int bad = !n || !sk_eval(n, &ctx, SK_E_GENERIC_X) || !sk_eval(n, &ctx, SK_E_OPENAT) ||
		  sk_eval(n, &ctx, SK_E_OPEN);
	if (bad)
		puts("FAIL generic records: evt.type");
	return bad;
}

static int check_typesets(void)
{
	int failures = 0;
	struct sk_typeset ts;
	if (types_of("evt.type = openat and fd.num >= 0", &ts) || sk_typeset_is_all(&ts) ||
	    !sk_typeset_has(&ts, SK_E_OPENAT) || sk_typeset_has(&ts, SK_E_OPEN)) {
		puts("FAIL typeset: evt.type = openat");
		failures++;
	}
	if (types_of("evt.type in (open, execve) or (evt.type = socket and fd.num = 1)", &ts) ||
	    !sk_typeset_has(&ts, SK_E_OPEN) || !sk_typeset_has(&ts, SK_E_EXECVE_X) ||
	    !sk_typeset_has(&ts, SK_E_EXECVE_E) || !sk_typeset_has(&ts, SK_E_SOCKET) ||
	    sk_typeset_has(&ts, SK_E_OPENAT)) {
		puts("FAIL typeset: in/or");
		failures++;
	}
	if (types_of("evt.type = kexec_load", &ts) || !sk_typeset_has(&ts, SK_E_GENERIC_X) ||
	    !sk_typeset_has(&ts, SK_E_GENERIC_E) || sk_typeset_has(&ts, SK_E_OPENAT)) {
		puts("FAIL typeset: a syscall recorded as a generic record");
		failures++;
	}
	if (check_generic())
		failures++;
	if (types_of("not evt.type = open", &ts) || sk_typeset_is_all(&ts) ||
	    sk_typeset_has(&ts, SK_E_OPEN) || !sk_typeset_has(&ts, SK_E_OPENAT) ||
	    !sk_typeset_has(&ts, SK_E_GENERIC_X)) {
		puts("FAIL typeset: not evt.type = open is every other type");
		failures++;
	}
	if (types_of("evt.type != open and fd.num = 1", &ts) || sk_typeset_has(&ts, SK_E_OPEN) ||
	    !sk_typeset_has(&ts, SK_E_EXECVE_X)) {
		puts("FAIL typeset: evt.type != open is every other type");
		failures++;
	}
	if (types_of("not (evt.type in (open, openat) or proc.name = x)", &ts) ||
	    sk_typeset_has(&ts, SK_E_OPEN) || sk_typeset_has(&ts, SK_E_OPENAT) ||
	    !sk_typeset_has(&ts, SK_E_CLOSE)) {
		puts("FAIL typeset: not (a or b) is not a and not b");
		failures++;
	}
	if (types_of("not (evt.type = open and proc.name = x)", &ts) || !sk_typeset_is_all(&ts)) {
		puts("FAIL typeset: not (a and b) with an unconstrained side");
		failures++;
	}
	if (types_of("not not evt.type = open", &ts) || !sk_typeset_has(&ts, SK_E_OPEN) ||
	    sk_typeset_has(&ts, SK_E_OPENAT)) {
		puts("FAIL typeset: not not");
		failures++;
	}
	if (types_of("evt.type = open or proc.name = x", &ts) || !sk_typeset_is_all(&ts)) {
		puts("FAIL typeset: or with an unconstrained side");
		failures++;
	}
	return failures;
}

int main(void)
{
	int failures = check_cases() + check_typesets();
	sk_pool_free(&pool);
	if (failures) {
		printf("%d failure(s)\n", failures);
		return 1;
	}
	printf("ok: %zu conditions\n", sizeof(cases) / sizeof(cases[0]));
	return 0;
}
