/* test_load.c - the rule-file loader: append/override semantics for rules,
 * macros and lists across files, enabled/-D/-T/priority selection,
 * exceptions, other sources skipped with a warning, and error messages that
 * point at file:line:column inside folded YAML conditions.
 */
#include <stdio.h>
#include <string.h>

#include "format/schema.h"
#include "rules/rules.h"
#include "tests/rules/fake_fields.h"

static int failures;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);                                \
			printf(__VA_ARGS__);                                                       \
			putchar('\n');                                                             \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

static const char base[] = "- required_engine_version: 0.57.0\n"
			   "- list: bins\n"
			   "  items: [a, b]\n"
			   "- list: more\n"
			   "  items: [d]\n"
			   "- macro: m\n"
			   "  condition: proc.name in (bins)\n"
			   "- rule: R1\n"
			   "  desc: first\n"
			   "  condition: m\n"
			   "  output: \"hit %proc.name fd=%fd.num\"\n"
			   "  priority: WARNING\n"
			   "  tags: [t1]\n"
			   "- rule: R2\n"
			   "  desc: disabled\n"
			   "  condition: evt.type = openat\n"
			   "  output: o\n"
			   "  priority: INFO\n"
			   "  enabled: false\n"
			   "- rule: K8s\n"
			   "  desc: other source\n"
			   "  condition: ka.verb = create\n"
			   "  output: o\n"
			   "  priority: INFO\n"
			   "  source: k8s_audit\n"
			   "- rule: R4\n"
			   "  desc: with exceptions\n"
			   "  condition: evt.type = openat and fd.name startswith /etc\n"
			   "  output: o %fd.name\n"
			   "  priority: NOTICE\n"
			   "  tags: [t4]\n"
			   "  exceptions:\n"
			   "    - name: known\n"
			   "      fields: [proc.name, fd.name]\n"
			   "      comps: [=, in]\n"
			   "      values:\n"
			   "        - [apt, [/etc/apt.conf, /etc/x]]\n"
			   "    - name: bylist\n"
			   "      fields: proc.name\n"
			   "      values: [bins]\n";

static const char local[] = "- list: bins\n"
			    "  items: [c]\n"
			    "  append: true\n"
			    "- list: more\n"
			    "  items: [e]\n"
			    "  override:\n"
			    "    items: append\n"
			    "- macro: m\n"
			    "  condition: or proc.name in (more)\n"
			    "  append: true\n"
			    "- rule: R1\n"
			    "  condition: and fd.num = 3\n"
			    "  override:\n"
			    "    condition: append\n"
			    "- rule: R2\n"
			    "  enabled: true\n"
			    "- rule: R2\n"
			    "  priority: ERROR\n"
			    "  override:\n"
			    "    priority: replace\n"
			    "- rule: K8s\n"
			    "  condition: and ka.user = x\n"
			    "  append: true\n";

struct hits {
	char names[8][64];
	unsigned n;
};

static void on_alert(void *opaque, const struct sk_rule *rule, struct sk_evctx *ctx)
{
	(void)ctx;
	struct hits *h = opaque;
	if (h->n < 8)
		snprintf(h->names[h->n++], 64, "%s", rule->name);
}

static const char *match(struct sk_ruleset *rs, uint16_t etype, const struct sk_fake_kv *kv,
			 unsigned n)
{
	static char out[256];
	struct hits h = {0};
	struct sk_evctx ctx = {kv, n};
	sk_ruleset_match(rs, etype, &ctx, on_alert, &h);
	out[0] = 0;
	for (unsigned i = 0; i < h.n; i++) {
		strcat(out, i ? "," : "");
		strcat(out, h.names[i]);
	}
	return out;
}

static struct sk_ruleset *load2(const char *a, const char *b)
{
	struct sk_ruleset *rs = sk_ruleset_new();
	sk_ruleset_load_text(rs, "base.yaml", a, strlen(a));
	if (b)
		sk_ruleset_load_text(rs, "local.yaml", b, strlen(b));
	return rs;
}

/* One file "t.yaml" of text y, compiled; *rc is the compile result. */
static struct sk_ruleset *compile1(const char *y, int *rc)
{
	struct sk_ruleset *rs = sk_ruleset_new();
	sk_ruleset_load_text(rs, "t.yaml", y, strlen(y));
	*rc = sk_ruleset_compile(rs);
	return rs;
}

static void test_semantics(void)
{
	struct sk_ruleset *rs = load2(base, local);
	int rc = sk_ruleset_compile(rs);
	CHECK(rc == 0 && sk_ruleset_errors(rs) == 0, "unexpected errors");
	CHECK(sk_ruleset_nrules(rs) == 3, "%u rules compiled, expected R1 R2 R4",
	      sk_ruleset_nrules(rs));
	CHECK(sk_ruleset_rule(rs, 1) && sk_ruleset_rule(rs, 1)->priority == SK_PRIO_ERROR,
	      "R2 priority not replaced");
	const struct sk_fake_kv c3[] = {
	    {"proc.name", "c"}, {"fd.num", "3"}, {"evt.type", "openat"}, {"fd.name", "/tmp/x"}};
	CHECK(!strcmp(match(rs, SK_E_OPENAT, c3, 4), "R1,R2"), "appended list item: got %s",
	      match(rs, SK_E_OPENAT, c3, 4));
	const struct sk_fake_kv e3[] = {{"proc.name", "e"}, {"fd.num", "3"}};
	CHECK(!strcmp(match(rs, SK_E_CLOSE, e3, 2), "R1"), "appended macro: got %s",
	      match(rs, SK_E_CLOSE, e3, 2));
	const struct sk_fake_kv a4[] = {{"proc.name", "a"}, {"fd.num", "4"}};
	CHECK(!strcmp(match(rs, SK_E_CLOSE, a4, 2), ""), "appended rule condition ignored");
	const struct sk_fake_kv ex1[] = {
	    {"evt.type", "openat"}, {"proc.name", "apt"}, {"fd.name", "/etc/x"}};
	CHECK(!strcmp(match(rs, SK_E_OPENAT, ex1, 3), "R2"), "exception tuple: got %s",
	      match(rs, SK_E_OPENAT, ex1, 3));
	const struct sk_fake_kv ex2[] = {
	    {"evt.type", "openat"}, {"proc.name", "apt"}, {"fd.name", "/etc/shadow"}};
	CHECK(!strcmp(match(rs, SK_E_OPENAT, ex2, 3), "R2,R4"), "exception too wide: got %s",
	      match(rs, SK_E_OPENAT, ex2, 3));
	const struct sk_fake_kv ex3[] = {
	    {"evt.type", "openat"}, {"proc.name", "c"}, {"fd.name", "/etc/shadow"}};
	CHECK(!strcmp(match(rs, SK_E_OPENAT, ex3, 3), "R2"),
	      "exception list from appended list: got %s", match(rs, SK_E_OPENAT, ex3, 3));
	CHECK(!strcmp(match(rs, SK_E_OPENAT - 1, ex2, 3), ""), "index: open must not match");
	CHECK(sk_ruleset_warnings(rs) == 2,
	      "expected warnings for K8s (source) and R1 (all types)");
	sk_ruleset_free(rs);
}

static void test_selection(void)
{
	struct sk_ruleset *rs = load2(base, local);
	sk_ruleset_disable_name(rs, "R1");
	sk_ruleset_disable_tag(rs, "t4");
	sk_ruleset_compile(rs);
	CHECK(sk_ruleset_nrules(rs) == 1 && !strcmp(sk_ruleset_rule(rs, 0)->name, "R2"),
	      "-D/-T selection");
	sk_ruleset_free(rs);
	rs = load2(base, local);
	sk_ruleset_min_priority(rs, SK_PRIO_WARNING);
	sk_ruleset_compile(rs);
	CHECK(sk_ruleset_nrules(rs) == 2, "min priority: %u rules", sk_ruleset_nrules(rs));
	sk_ruleset_free(rs);
}

static const struct {
	const char *yaml;
	const char *err;
} bad[] = {
    {"- rule: Bad\n  desc: x\n  condition: >\n    proc.name = bash and\n    proc.nmae = x\n"
     "  output: o\n  priority: WARNING\n",
     "t.yaml:5:5: error: rule 'Bad': unknown field 'proc.nmae'"},
    {"- rule: Bad\n  desc: x\n  condition: \"proc.name = bash and (fd.num = 1\"\n"
     "  output: o\n  priority: WARNING\n",
     "t.yaml:3:36: error: rule 'Bad': unbalanced parenthesis"},
    {"- rule: Bad\n  desc: x\n  condition: proc.name = bash and nosuch_macro\n"
     "  output: o\n  priority: WARNING\n",
     "t.yaml:3:35: error: rule 'Bad': unknown macro 'nosuch_macro'"},
    {"- macro: mm\n  condition: fd.num = x\n- rule: Bad\n  desc: x\n  condition: mm\n"
     "  output: o\n  priority: WARNING\n",
     "t.yaml:2:23: error: macro 'mm': type mismatch"},
    {"- rule: Bad\n  desc: x\n  condition: proc.name bash\n  output: o\n  priority: WARNING\n",
     "t.yaml:3:24: error: rule 'Bad': bad operator 'bash'"},
    {"- rule: Bad\n  desc: x\n  condition: proc.name = x\n  output: o\n  priority: LOUD\n",
     "t.yaml:5:13: error: rule 'Bad': unknown priority 'LOUD'"},
    {"- rule: Bad\n  desc: x\n  condition: proc.name = x\n  output: \"x %proc.nme\"\n"
     "  priority: INFO\n",
     "t.yaml:4:15: error: rule 'Bad': in output: unknown field 'proc.nme'"},
    {"- rule: Bad\n  desc: x\n  condition: proc.name = x\n  priority: INFO\n",
     "t.yaml:1:3: error: rule 'Bad': missing 'output'"},
    {"- rule: Ghost\n  condition: and x\n  append: true\n",
     "t.yaml:1:3: error: rule 'Ghost': has 'append: true' but no rule"},
    {"- rule: R\n  desc: x\n  condition: proc.name = x\n  output: o\n  priority: INFO\n"
     "- rule: R\n  condition: and fd.num = 1\n  output: o2\n  override:\n    condition: append\n",
     "t.yaml:8:3: error: rule 'R': key 'output' must be listed in 'override'"},
    {"- rule: R\n  desc: x\n  condition: [a]\n  output: o\n  priority: INFO\n",
     "t.yaml:3:14: error: rule 'R': 'condition' and 'output' must be text"},
    {"rule: x\n", "t.yaml:1:1: error: a rules file must be a list"},
    {"- rule: x\n  condition: [unclosed\n", "t.yaml:3:1: error: invalid YAML"},
    {"- foo: bar\n", "t.yaml:1:3: error: unknown item"},
    {"- rule: Off\n  desc: x\n  condition: proc.name = x and fd.nosuch = 1\n  output: o\n"
     "  priority: INFO\n  enabled: false\n",
     "t.yaml:3:32: error: rule 'Off': unknown field 'fd.nosuch'"},
    {"- list: l\n  items: [l]\n- rule: R\n  desc: x\n  condition: proc.name in (l)\n"
     "  output: o\n  priority: INFO\n",
     "error: rule 'R': list 'l' refers to itself"},
};

static void test_errors(void)
{
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc;
		struct sk_ruleset *rs = compile1(bad[i].yaml, &rc);
		char buf[8192] = "";
		FILE *f = fmemopen(buf, sizeof(buf) - 1, "w");
		sk_ruleset_print_diag(rs, f);
		fclose(f);
		CHECK(rc < 0 && sk_ruleset_errors(rs) > 0 && strstr(buf, bad[i].err),
		      "case %u: expected '%s', got:\n%s", i, bad[i].err, buf);
		sk_ruleset_free(rs);
	}
}

static void test_skip_unknown(void)
{
	const char *y = "- rule: S\n  desc: x\n  condition: nosuch.field = 1\n  output: o\n"
			"  priority: INFO\n  skip-if-unknown-filter: true\n";
	int rc;
	struct sk_ruleset *rs = compile1(y, &rc);
	CHECK(rc == 0 && sk_ruleset_errors(rs) == 0 && sk_ruleset_warnings(rs) == 1 &&
		  sk_ruleset_nrules(rs) == 0,
	      "skip-if-unknown-filter");
	sk_ruleset_free(rs);
}

/* override: replace for lists and macros. */
static void test_replace(void)
{
	const char *y = "- list: l\n  items: [a]\n- list: l\n  items: [b]\n  override:\n"
			"    items: replace\n- macro: m\n  condition: proc.name in (l)\n"
			"- macro: m\n  condition: proc.pname in (l)\n  override:\n"
			"    condition: replace\n- rule: R\n  desc: x\n  condition: m\n"
			"  output: o\n  priority: INFO\n  warn_evttypes: false\n";
	int rc;
	struct sk_ruleset *rs = compile1(y, &rc);
	const struct sk_fake_kv b[] = {{"proc.name", "b"}}, pb[] = {{"proc.pname", "b"}},
				pa[] = {{"proc.pname", "a"}};
	CHECK(rc == 0 && sk_ruleset_warnings(rs) == 0, "replace: rc %d", rc);
	CHECK(!strcmp(match(rs, SK_E_CLOSE, pb, 1), "R") &&
		  !strcmp(match(rs, SK_E_CLOSE, b, 1), "") &&
		  !strcmp(match(rs, SK_E_CLOSE, pa, 1), ""),
	      "override replace of a list and a macro");
	sk_ruleset_free(rs);
}

/* Keys that are not names (YAML complex keys) are warned about, never read
 * as text. */
static void test_complex_key(void)
{
	const char *y =
	    "- rule: R\n  desc: x\n  condition: proc.name = x\n  output: o\n"
	    "  priority: INFO\n- rule: R\n  ? [a, b]\n  : c\n  condition: and fd.num = 1\n"
	    "  override:\n    condition: append\n";
	int rc;
	struct sk_ruleset *rs = compile1(y, &rc);
	CHECK(rc == 0 && sk_ruleset_warnings(rs) >= 1 && sk_ruleset_nrules(rs) == 1,
	      "complex key: rc %d, %u warnings", rc, sk_ruleset_warnings(rs));
	sk_ruleset_free(rs);
}

/* Rules comparing the same fields share one extraction per event: the
 * next event sees its own values, and a field absent from an event has
 * none, whatever the previous event held. */
static void test_shared_fields(void)
{
	const char *y =
	    "- rule: A\n  desc: x\n  condition: proc.name = a and fd.num = 3\n"
	    "  output: o\n  priority: INFO\n  warn_evttypes: false\n"
	    "- rule: B\n  desc: x\n  condition: proc.name = b or fd.num = 4\n"
	    "  output: o\n  priority: INFO\n  warn_evttypes: false\n"
	    "- rule: C\n  desc: x\n  condition: proc.name in (a, b) and not fd.num exists\n"
	    "  output: o\n  priority: INFO\n  warn_evttypes: false\n";
	int rc;
	struct sk_ruleset *rs = compile1(y, &rc);
	const struct sk_fake_kv a3[] = {{"proc.name", "a"}, {"fd.num", "3"}},
				b4[] = {{"proc.name", "b"}, {"fd.num", "4"}},
				a[] = {{"proc.name", "a"}},
				x4[] = {{"proc.name", "x"}, {"fd.num", "4"}};
	CHECK(rc == 0, "shared fields: rc %d", rc);
	CHECK(!strcmp(match(rs, SK_E_CLOSE, a3, 2), "A"), "shared fields: event 1");
	CHECK(!strcmp(match(rs, SK_E_CLOSE, b4, 2), "B"), "shared fields: event 2");
	CHECK(!strcmp(match(rs, SK_E_CLOSE, a, 1), "C"), "shared fields: event 3 (no fd.num)");
	CHECK(!strcmp(match(rs, SK_E_CLOSE, x4, 2), "B"), "shared fields: event 4");
	CHECK(!strcmp(match(rs, SK_E_CLOSE, a3, 2), "A"), "shared fields: event 5");
	sk_ruleset_free(rs);
}

int main(void)
{
	test_semantics();
	test_selection();
	test_errors();
	test_skip_unknown();
	test_complex_key();
	test_replace();
	test_shared_fields();
	if (failures) {
		printf("%d failure(s)\n", failures);
		return 1;
	}
	puts("ok");
	return 0;
}
