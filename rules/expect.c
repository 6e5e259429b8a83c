/* expect.c - reads, writes and compares `saker test` expectation files (the
 * format is in expect.h). Errors name the file, line and column, as rule
 * file errors do, so an editor can jump to them.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/expect.h"
#include "rules/rules.h"

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static int push_str(char ***v, unsigned *n, char *s)
{
	if (!s)
		return -1;
	char **nv = realloc(*v, (*n + 1) * sizeof(**v));
	if (!nv) {
		free(s);
		return -1;
	}
	nv[(*n)++] = s;
	*v = nv;
	return 0;
}

/* The directory part of path with its slash ("" for a bare name). */
static size_t dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? (size_t)(slash - path + 1) : 0;
}

static char *resolve(const char *file, const char *rel)
{
	if (rel[0] == '/')
		return strdup(rel);
	size_t dl = dir_len(file), rl = strlen(rel);
	char *p = malloc(dl + rl + 1);
	if (p) {
		memcpy(p, file, dl);
		memcpy(p + dl, rel, rl + 1);
	}
	return p;
}

int sk_expect_add(struct sk_expect *e, uint64_t num, int priority, const char *rule,
		  const char *output)
{
	if (e->nalerts == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 16;
		struct sk_expect_alert *a = realloc(e->alerts, cap * sizeof(*a));
		if (!a)
			return -1;
		e->alerts = a;
		e->cap = cap;
	}
	struct sk_expect_alert *a = &e->alerts[e->nalerts];
	a->num = num;
	a->priority = priority;
	a->rule = strdup(rule);
	a->output = output ? strdup(output) : NULL;
	if (!a->rule || (output && !a->output)) {
		free(a->rule);
		free(a->output);
		return -1;
	}
	e->nalerts++;
	return 0;
}

void sk_expect_free(struct sk_expect *e)
{
	for (unsigned i = 0; i < e->nheader; i++)
		free(e->header[i]);
	for (unsigned i = 0; i < e->nrules; i++)
		free(e->rules[i]);
	for (size_t i = 0; i < e->nalerts; i++) {
		free(e->alerts[i].rule);
		free(e->alerts[i].output);
	}
	free(e->header);
	free(e->rules);
	free(e->alerts);
	memset(e, 0, sizeof(*e));
}

/* ------------------------------------------------------------- reading */

struct reader {
	const char *path;
	unsigned line;
	char *err;
	size_t errlen;
};

static int fail(struct reader *r, size_t col, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(r->err, r->errlen, "%s:%u:%zu: error: %s", r->path, r->line, col + 1, what);
	return -1;
}

static size_t skip_blanks(const char *s, size_t i)
{
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	return i;
}

static int parse_rules_line(struct reader *r, struct sk_expect *e, char *s)
{
	size_t i = skip_blanks(s, strlen("rules:"));
	if (!s[i])
		return fail(r, i, "'rules:' needs a rules file or directory");
	if (push_str(&e->rules, &e->nrules, resolve(r->path, s + i)) < 0)
		return fail(r, 0, "out of memory");
	return 0;
}

/* "EVT.NUM PRIORITY RULE NAME" */
static int parse_alert(struct reader *r, struct sk_expect *e, char *s)
{
	size_t i = 0;
	uint64_t num = 0;
	while (s[i] >= '0' && s[i] <= '9') {
		if (num > (UINT64_MAX - 9) / 10)
			return fail(r, 0, "event number too large");
		num = num * 10 + (uint64_t)(s[i++] - '0');
	}
	if (s[i] != ' ' && s[i] != '\t')
		return fail(r, i, "expected 'EVT.NUM PRIORITY RULE', '# comment' or 'rules: PATH'");
	size_t p = skip_blanks(s, i), pe = p;
	while (s[pe] && s[pe] != ' ' && s[pe] != '\t')
		pe++;
	char saved = s[pe];
	s[pe] = '\0';
	int prio = sk_priority_parse(s + p);
	s[pe] = saved;
	if (p == pe)
		return fail(r, p, "missing priority and rule name after the event number");
	if (prio < 0)
		return fail(r, p, "unknown priority '%.*s' (emergency ... debug)", (int)(pe - p),
			    s + p);
	size_t n = skip_blanks(s, pe);
	if (!s[n])
		return fail(r, n, "missing rule name after the priority");
	if (sk_expect_add(e, num, prio, s + n, NULL) < 0)
		return fail(r, 0, "out of memory");
	return 0;
}

static int parse_line(struct reader *r, struct sk_expect *e, char *s)
{
	size_t len = strlen(s);
	while (len && (s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == ' ' ||
		       s[len - 1] == '\t'))
		s[--len] = '\0';
	size_t i = skip_blanks(s, 0);
	if (!s[i])
		return 0;
	if (s[i] == '#' || !strncmp(s + i, "rules:", 6)) {
		if (s[i] == 'r' && parse_rules_line(r, e, s + i) < 0)
			return -1;
		if (!e->nalerts && push_str(&e->header, &e->nheader, dup_n(s, len)) < 0)
			return fail(r, 0, "out of memory");
		return 0;
	}
	if (s[i] < '0' || s[i] > '9')
		return fail(r, i, "expected 'EVT.NUM PRIORITY RULE', '# comment' or 'rules: PATH'");
	return parse_alert(r, e, s + i);
}

int sk_expect_load(struct sk_expect *e, const char *path, char *err, size_t errlen)
{
	memset(e, 0, sizeof(*e));
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	struct reader r = {path, 0, err, errlen};
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;
	while (!rc && (n = getline(&line, &cap, f)) >= 0) {
		r.line++;
		if (memchr(line, '\0', (size_t)n))
			rc = fail(&r, 0, "NUL byte in the line (not a text file?)");
		else
			rc = parse_line(&r, e, line);
	}
	if (!rc && ferror(f)) {
		snprintf(err, errlen, "%s: read error", path);
		rc = -1;
	}
	free(line);
	fclose(f);
	if (rc)
		sk_expect_free(e);
	return rc;
}

/* ------------------------------------------------------------- writing */

/* The length of the common leading components of two canonical absolute
 * paths ("/a/b" and "/a/bc" share "/a"). */
static size_t common_prefix(const char *a, const char *b)
{
	size_t i = 0, last = 0;
	while (a[i] && a[i] == b[i]) {
		i++;
		if (a[i - 1] == '/')
			last = i - 1;
	}
	if ((!a[i] || a[i] == '/') && (!b[i] || b[i] == '/'))
		last = i;
	return last;
}

/* to (canonical, absolute) relative to the canonical directory from. */
static void rel_path(const char *from, const char *to, char *out, size_t len)
{
	size_t c = common_prefix(from, to), o = 0;
	out[0] = '\0';
	for (const char *s = from + c; *s && o + 4 < len; s++)
		if (*s == '/' && s[1]) {
			memcpy(out + o, "../", 4);
			o += 3;
		}
	const char *rest = to + c + (to[c] == '/');
	if (!*rest && o)
		out[--o] = '\0'; /* "../.." rather than "../../" */
	else
		snprintf(out + o, len - o, "%s", *rest ? rest : ".");
}

/* The -r path rel as the file at path would name it: relative to its
 * directory when both resolve, else as given. */
static char *rules_line(const char *path, const char *rel)
{
	char dir[PATH_MAX], target[PATH_MAX], abs_dir[PATH_MAX], out[PATH_MAX + 16];
	size_t dl = dir_len(path);
	snprintf(dir, sizeof(dir), "%.*s", (int)(dl ? dl : 1), dl ? path : ".");
	if (rel[0] != '/' && realpath(dir, abs_dir) && realpath(rel, target)) {
		char r[PATH_MAX];
		rel_path(abs_dir, target, r, sizeof(r));
		snprintf(out, sizeof(out), "rules: %s", r);
	} else {
		snprintf(out, sizeof(out), "rules: %s", rel);
	}
	return strdup(out);
}

int sk_expect_set_rules(struct sk_expect *e, const char *path, char **rules, unsigned nrules)
{
	unsigned k = 0;
	for (unsigned i = 0; i < e->nheader; i++) {
		if (!strncmp(e->header[i] + skip_blanks(e->header[i], 0), "rules:", 6))
			free(e->header[i]);
		else
			e->header[k++] = e->header[i];
	}
	e->nheader = k;
	for (unsigned i = 0; i < nrules; i++)
		if (push_str(&e->header, &e->nheader, rules_line(path, rules[i])) < 0)
			return -1;
	return 0;
}

static int has_comment(const struct sk_expect *e)
{
	for (unsigned i = 0; i < e->nheader; i++)
		if (e->header[i][skip_blanks(e->header[i], 0)] == '#')
			return 1;
	return 0;
}

static void write_body(FILE *f, const struct sk_expect *e, const char *capture)
{
	if (!has_comment(e))
		fprintf(
		    f,
		    "# Alerts that %s must raise, checked by `saker test`\n"
		    "# (rewrite with `saker test --update`). One a line: EVT.NUM PRIORITY RULE.\n",
		    capture + dir_len(capture));
	for (unsigned i = 0; i < e->nheader; i++)
		fprintf(f, "%s\n", e->header[i]);
	for (size_t i = 0; i < e->nalerts; i++)
		fprintf(f, "%llu %s %s\n", (unsigned long long)e->alerts[i].num,
			sk_priority_name(e->alerts[i].priority), e->alerts[i].rule);
}

int sk_expect_write(const struct sk_expect *e, const char *path, const char *capture, char *err,
		    size_t errlen)
{
	char tmp[PATH_MAX];
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (!f) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	write_body(f, e, capture);
	int bad = ferror(f);
	if (fclose(f) || bad || rename(tmp, path)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno ? errno : EIO));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* ----------------------------------------------------------- comparing */

static int by_alert(const void *pa, const void *pb)
{
	const struct sk_expect_alert *a = pa, *b = pb;
	if (a->num != b->num)
		return a->num < b->num ? -1 : 1;
	int c = strcmp(a->rule, b->rule);
	if (c)
		return c;
	return a->priority - b->priority;
}

/* Rule names come from files the user edits: control bytes are shown as
 * \xNN rather than sent to the terminal. */
static void print_name(FILE *out, const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			fprintf(out, "\\x%02x", (unsigned char)*s);
		else
			fputc(*s, out);
}

static void print_alert(FILE *out, char sign, const struct sk_expect_alert *a)
{
	fprintf(out, "%c%llu %s ", sign, (unsigned long long)a->num, sk_priority_name(a->priority));
	print_name(out, a->rule);
	fputc('\n', out);
	if (a->output)
		fprintf(out, "%c    # %s\n", sign, a->output);
}

size_t sk_expect_diff(struct sk_expect *want, struct sk_expect *got, const char *want_name,
		      const char *got_name, FILE *out, size_t *missing, size_t *unexpected)
{
	qsort(want->alerts, want->nalerts, sizeof(*want->alerts), by_alert);
	qsort(got->alerts, got->nalerts, sizeof(*got->alerts), by_alert);
	size_t i = 0, j = 0;
	*missing = *unexpected = 0;
	while (i < want->nalerts || j < got->nalerts) {
		int c = i == want->nalerts  ? 1
			: j == got->nalerts ? -1
					    : by_alert(&want->alerts[i], &got->alerts[j]);
		if (!c) {
			i++, j++;
			continue;
		}
		if (!*missing && !*unexpected)
			fprintf(out, "--- %s (expected)\n+++ %s (actual)\n", want_name, got_name);
		if (i < want->nalerts && j < got->nalerts &&
		    want->alerts[i].num == got->alerts[j].num &&
		    !strcmp(want->alerts[i].rule, got->alerts[j].rule)) {
			print_alert(out, '-', &want->alerts[i++]); /* priority changed */
			print_alert(out, '+', &got->alerts[j++]);
			++*missing;
			++*unexpected;
		} else if (c < 0) {
			print_alert(out, '-', &want->alerts[i++]);
			++*missing;
		} else {
			print_alert(out, '+', &got->alerts[j++]);
			++*unexpected;
		}
	}
	return *missing + *unexpected;
}
