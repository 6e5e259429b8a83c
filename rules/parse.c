/* parse.c - lexer and recursive-descent parser for Falco's condition
 * language. Precedence is Falco's: not binds tighter than and, and tighter
 * than or. A name with a dot is a field and must be followed by an operator;
 * a plain identifier is a macro reference. Right-hand values are quoted
 * strings or bare words, typed later by the compiler from the field's type.
 * Every node keeps the source position of its first byte.
 */
#include <stdio.h>
#include <string.h>

#include "rules/lang.h"

enum tok { T_EOF, T_LP, T_RP, T_COMMA, T_WORD, T_STR, T_OP, T_ERR };

struct parser {
	struct sk_pool *a;
	const struct sk_text *t;
	struct sk_diag *d;
	const char *what;
	size_t i;     /* scan position */
	int tok;      /* current token */
	size_t start; /* its first byte */
	size_t end;
	const char *val; /* T_WORD / T_STR text (unescaped) */
	size_t vlen;
	int op; /* T_OP */
	int failed;
	unsigned depth; /* nested parentheses and nots */
};

#define MAX_NESTING 200

static const char *const op_names[SK_OP_COUNT] = {
    "=",	 "!=",	      "<",	    "<=",	   ">",	       ">=",   "contains",
    "icontains", "bcontains", "startswith", "bstartswith", "endswith", "glob", "iglob",
    "pmatch",	 "in",	      "intersects", "regex",	   "exists",
};

const char *sk_op_name(int op)
{
	return op >= 0 && op < SK_OP_COUNT ? op_names[op] : "?";
}

int sk_op_takes_list(int op)
{
	return op == SK_OP_IN || op == SK_OP_INTERSECTS || op == SK_OP_PMATCH;
}

static const struct {
	const char *name;
	int tr;
} transformers[] = {
    {"tolower", SK_TR_TOLOWER},	  {"toupper", SK_TR_TOUPPER}, {"b64", SK_TR_B64},
    {"basename", SK_TR_BASENAME}, {"len", SK_TR_LEN},
};

static int transformer_of(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof(transformers) / sizeof(transformers[0]); i++)
		if (strlen(transformers[i].name) == n && !memcmp(transformers[i].name, s, n))
			return transformers[i].tr;
	return 0;
}

static void fail(struct parser *p, size_t at, const char *fmt, const char *arg)
{
	if (p->failed)
		return;
	p->failed = 1;
	char msg[512];
	snprintf(msg, sizeof(msg), fmt, arg);
	sk_diag_add(p->d, 1, &p->t->pos[at], p->what, "%s", msg);
}

static int is_word_char(char c)
{
	return c && !strchr(" \t\r\n\f\v(),=<>!\"'", c);
}

/* Falco's bare values also take '<', '>' and '!' (evt.dir = <). */
static int is_value_char(char c)
{
	return c && !strchr(" \t\r\n\f\v(),=\"'", c);
}

/* Unescapes a quoted string body into the pool. */
static size_t unescape(struct sk_pool *a, const char *s, size_t n, const char **out)
{
	char *o = sk_pool_alloc(a, n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 == n) {
			o[k++] = s[i];
			continue;
		}
		char c = s[++i];
		switch (c) {
		case 'n':
			o[k++] = '\n';
			break;
		case 't':
			o[k++] = '\t';
			break;
		case 'r':
			o[k++] = '\r';
			break;
		case 'b':
			o[k++] = '\b';
			break;
		case 'f':
			o[k++] = '\f';
			break;
		case '\\':
		case '"':
		case '\'':
			o[k++] = c;
			break;
		default:
			o[k++] = '\\';
			o[k++] = c;
			break;
		}
	}
	o[k] = 0;
	*out = o;
	return k;
}

static void next(struct parser *p)
{
	const char *s = p->t->s;
	size_t n = p->t->len;
	while (p->i < n && strchr(" \t\r\n\f\v", s[p->i]))
		p->i++;
	p->start = p->i;
	if (p->i >= n) {
		p->tok = T_EOF;
		p->end = p->i;
		return;
	}
	char c = s[p->i];
	if (c == '(' || c == ')' || c == ',') {
		p->tok = c == '(' ? T_LP : c == ')' ? T_RP : T_COMMA;
		p->end = ++p->i;
		return;
	}
	if (c == '=' || c == '<' || c == '>' || c == '!') {
		int two = p->i + 1 < n && s[p->i + 1] == '=';
		if (c == '!' && !two) {
			p->tok = T_ERR;
			fail(p, p->i, "bad operator '!' (did you mean '!='?)", NULL);
			return;
		}
		p->op = c == '='   ? (SK_OP_EQ)
			: c == '!' ? SK_OP_NE
			: c == '<' ? (two ? SK_OP_LE : SK_OP_LT)
				   : (two ? SK_OP_GE : SK_OP_GT);
		p->i += two ? 2 : 1;
		p->tok = T_OP;
		p->end = p->i;
		return;
	}
	if (c == '"' || c == '\'') {
		size_t j = p->i + 1;
		while (j < n && s[j] != c)
			j += s[j] == '\\' && j + 1 < n ? 2 : 1;
		if (j >= n) {
			p->tok = T_ERR;
			fail(p, p->i, "unterminated string (missing closing %s)",
			     c == '"' ? "'\"'" : "\"'\"");
			return;
		}
		p->vlen = unescape(p->a, s + p->i + 1, j - p->i - 1, &p->val);
		p->tok = T_STR;
		p->i = j + 1;
		p->end = p->i;
		return;
	}
	size_t j = p->i;
	while (j < n && is_word_char(s[j]))
		j++;
	p->val = s + p->i;
	p->vlen = j - p->i;
	p->tok = T_WORD;
	p->i = p->end = j;
}

/* Lexes the next token where a value is expected: a bare word there may
 * start with or contain '<', '>' and '!'. */
static void next_value(struct parser *p)
{
	const char *s = p->t->s;
	size_t n = p->t->len;
	while (p->i < n && strchr(" \t\r\n\f\v", s[p->i]))
		p->i++;
	if (p->i >= n || !is_value_char(s[p->i])) {
		next(p);
		return;
	}
	size_t j = p->i;
	while (j < n && is_value_char(s[j]))
		j++;
	p->start = p->i;
	p->val = s + p->i;
	p->vlen = j - p->i;
	p->tok = T_WORD;
	p->i = p->end = j;
}

static int word_is(const struct parser *p, const char *w)
{
	return p->tok == T_WORD && p->vlen == strlen(w) && !memcmp(p->val, w, p->vlen);
}

static int peek_char(const struct parser *p, char c)
{
	size_t i = p->i;
	while (i < p->t->len && strchr(" \t\r\n\f\v", p->t->s[i]))
		i++;
	return i < p->t->len && p->t->s[i] == c;
}

static const char *tok_text(struct parser *p)
{
	if (p->tok == T_EOF)
		return "end of condition";
	size_t n = p->end - p->start;
	if (n > 60)
		n = 60;
	return sk_pool_strndup(p->a, p->t->s + p->start, n);
}

static struct sk_ast *node(struct parser *p, int kind, size_t at)
{
	struct sk_ast *n = sk_pool_alloc(p->a, sizeof(*n));
	n->kind = kind;
	n->pos = p->t->pos[at];
	return n;
}

static int is_identifier(const char *s, size_t n)
{
	if (!n || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

/* operand := field | transformer '(' operand ')' */
static int parse_operand(struct parser *p, struct sk_operand *o)
{
	int tr = transformer_of(p->val, p->vlen);
	if (tr && peek_char(p, '(')) {
		size_t at = p->start;
		next(p); /* ( */
		next(p);
		if (p->tok != T_WORD) {
			fail(p, p->start, "expected a field inside a transformer, found '%s'",
			     tok_text(p));
			return -1;
		}
		if (parse_operand(p, o) < 0)
			return -1;
		if (p->tok != T_RP) {
			fail(p, at, "unbalanced parenthesis: transformer '(' is not closed", NULL);
			return -1;
		}
		if (o->ntr == SK_MAX_TR) {
			fail(p, at, "too many nested transformers", NULL);
			return -1;
		}
		o->tr[o->ntr++] = tr;
		o->pos = p->t->pos[at];
		next(p);
		return 0;
	}
	if (!memchr(p->val, '.', p->vlen)) {
		fail(p, p->start, "'%s' is not a field (fields look like 'proc.name')",
		     tok_text(p));
		return -1;
	}
	o->field = sk_pool_strndup(p->a, p->val, p->vlen);
	o->pos = p->t->pos[p->start];
	next(p);
	return 0;
}

static int parse_operator(struct parser *p)
{
	if (p->tok == T_OP)
		return p->op;
	if (p->tok == T_WORD)
		for (int op = SK_OP_CONTAINS; op < SK_OP_COUNT; op++)
			if (word_is(p, op_names[op]))
				return op;
	return -1;
}

static int parse_item(struct parser *p, struct sk_item *it)
{
	if (p->tok != T_WORD && p->tok != T_STR) {
		fail(p, p->start, "expected a value, found '%s'", tok_text(p));
		return -1;
	}
	it->s = p->tok == T_STR ? p->val : sk_pool_strndup(p->a, p->val, p->vlen);
	it->len = p->vlen;
	it->quoted = p->tok == T_STR;
	it->pos = p->t->pos[p->start];
	next(p);
	return 0;
}

static int parse_list(struct parser *p, struct sk_ast *n)
{
	size_t open = p->start;
	if (p->tok != T_LP) {
		fail(p, p->start, "operator '%s' needs a parenthesized list, e.g. (a, b)",
		     sk_op_name(n->op));
		return -1;
	}
	next_value(p);
	unsigned cap = 8;
	n->items = sk_pool_alloc(p->a, cap * sizeof(*n->items));
	while (p->tok != T_RP) {
		if (p->tok == T_EOF) {
			fail(p, open, "unbalanced parenthesis: list '(' is not closed", NULL);
			return -1;
		}
		if (n->nitems == cap) {
			struct sk_item *bigger = sk_pool_alloc(p->a, 2 * cap * sizeof(*bigger));
			memcpy(bigger, n->items, cap * sizeof(*bigger));
			n->items = bigger;
			cap *= 2;
		}
		if (parse_item(p, &n->items[n->nitems++]) < 0)
			return -1;
		if (p->tok == T_COMMA)
			next_value(p);
		else if (p->tok != T_RP && p->tok != T_EOF) {
			fail(p, p->start, "expected ',' or ')' in list, found '%s'", tok_text(p));
			return -1;
		}
	}
	next(p);
	return 0;
}

static int parse_rhs(struct parser *p, struct sk_ast *n)
{
	if (sk_op_takes_list(n->op)) {
		n->rhs_kind = SK_RHS_LIST;
		return parse_list(p, n);
	}
	if (p->tok == T_WORD && peek_char(p, '(') &&
	    (word_is(p, "val") || transformer_of(p->val, p->vlen))) {
		n->rhs_kind = SK_RHS_FIELD;
		if (word_is(p, "val")) {
			size_t at = p->start;
			next(p);
			next(p);
			if (p->tok != T_WORD) {
				fail(p, p->start, "expected a field inside val(), found '%s'",
				     tok_text(p));
				return -1;
			}
			if (parse_operand(p, &n->rhs_field) < 0)
				return -1;
			if (p->tok != T_RP) {
				fail(p, at, "unbalanced parenthesis: 'val(' is not closed", NULL);
				return -1;
			}
			next(p);
			return 0;
		}
		return parse_operand(p, &n->rhs_field);
	}
	n->rhs_kind = SK_RHS_VALUE;
	n->items = sk_pool_alloc(p->a, sizeof(*n->items));
	n->nitems = 1;
	return parse_item(p, n->items);
}

static struct sk_ast *parse_or(struct parser *p);

static struct sk_ast *parse_check(struct parser *p)
{
	size_t at = p->start;
	if (p->tok == T_LP) {
		if (++p->depth > MAX_NESTING) {
			fail(p, at, "parentheses nested too deeply", NULL);
			return NULL;
		}
		next(p);
		struct sk_ast *e = parse_or(p);
		p->depth--;
		if (!e)
			return NULL;
		if (p->tok != T_RP) {
			if (p->tok == T_EOF)
				fail(p, at, "unbalanced parenthesis: '(' is not closed", NULL);
			else
				fail(p, p->start, "expected ')', found '%s'", tok_text(p));
			return NULL;
		}
		next(p);
		return e;
	}
	if (p->tok == T_RP) {
		fail(p, at, "unbalanced parenthesis: unexpected ')'", NULL);
		return NULL;
	}
	if (p->tok != T_WORD || word_is(p, "and") || word_is(p, "or")) {
		fail(p, at, p->tok == T_EOF ? "unexpected end of condition" : "unexpected '%s'",
		     tok_text(p));
		return NULL;
	}
	int is_tr = transformer_of(p->val, p->vlen) && peek_char(p, '(');
	if (!is_tr && !memchr(p->val, '.', p->vlen)) {
		if (!is_identifier(p->val, p->vlen)) {
			fail(p, at, "unexpected '%s' (expected a field, a macro or '(')",
			     tok_text(p));
			return NULL;
		}
		struct sk_ast *m = node(p, SK_A_MACRO, at);
		m->name = sk_pool_strndup(p->a, p->val, p->vlen);
		next(p);
		return m;
	}
	struct sk_ast *n = node(p, SK_A_CMP, at);
	if (parse_operand(p, &n->lhs) < 0)
		return NULL;
	int op = parse_operator(p);
	if (op < 0) {
		fail(p, p->start,
		     "bad operator '%s' after field (expected =, !=, <, <=, >, >=, "
		     "contains, icontains, bcontains, startswith, bstartswith, endswith, "
		     "glob, iglob, pmatch, in, intersects, regex or exists)",
		     tok_text(p));
		return NULL;
	}
	n->op = op;
	if (op == SK_OP_EXISTS) {
		next(p);
		return n;
	}
	next_value(p);
	if (parse_rhs(p, n) < 0)
		return NULL;
	return n;
}

static struct sk_ast *parse_not(struct parser *p)
{
	if (word_is(p, "not")) {
		size_t at = p->start;
		if (++p->depth > MAX_NESTING) {
			fail(p, at, "'not' nested too deeply", NULL);
			return NULL;
		}
		next(p);
		struct sk_ast *kid = parse_not(p);
		p->depth--;
		if (!kid)
			return NULL;
		struct sk_ast *n = node(p, SK_A_NOT, at);
		n->kids = sk_pool_alloc(p->a, sizeof(*n->kids));
		n->kids[0] = kid;
		n->nkids = 1;
		return n;
	}
	return parse_check(p);
}

/* Parses kid (op kid)* into one n-ary node. */
static struct sk_ast *parse_chain(struct parser *p, const char *word, int kind,
				  struct sk_ast *(*sub)(struct parser *))
{
	size_t at = p->start;
	struct sk_ast *first = sub(p);
	if (!first || !word_is(p, word))
		return first;
	unsigned cap = 8, n = 0;
	struct sk_ast **kids = sk_pool_alloc(p->a, cap * sizeof(*kids));
	kids[n++] = first;
	while (word_is(p, word)) {
		next(p);
		struct sk_ast *k = sub(p);
		if (!k)
			return NULL;
		if (n == cap) {
			struct sk_ast **bigger = sk_pool_alloc(p->a, 2 * cap * sizeof(*kids));
			memcpy(bigger, kids, cap * sizeof(*kids));
			kids = bigger;
			cap *= 2;
		}
		kids[n++] = k;
	}
	struct sk_ast *c = node(p, kind, at);
	c->kids = kids;
	c->nkids = n;
	return c;
}

static struct sk_ast *parse_and(struct parser *p)
{
	return parse_chain(p, "and", SK_A_AND, parse_not);
}

static struct sk_ast *parse_or(struct parser *p)
{
	return parse_chain(p, "or", SK_A_OR, parse_and);
}

struct sk_ast *sk_parse_condition(struct sk_pool *a, const struct sk_text *t, struct sk_diag *d,
				  const char *what)
{
	struct parser p = {.a = a, .t = t, .d = d, .what = what};
	next(&p);
	if (p.tok == T_EOF) {
		fail(&p, 0, "empty condition", NULL);
		return NULL;
	}
	struct sk_ast *e = parse_or(&p);
	if (e && p.tok != T_EOF) {
		if (p.tok == T_RP)
			fail(&p, p.start, "unbalanced parenthesis: unexpected ')'", NULL);
		else
			fail(&p, p.start, "unexpected '%s' (expected 'and', 'or' or end)",
			     tok_text(&p));
		return NULL;
	}
	return p.failed ? NULL : e;
}

void sk_parse_item(struct sk_pool *a, const char *s, size_t len, struct sk_pos pos,
		   struct sk_item *out)
{
	out->pos = pos;
	if (len >= 2 && (s[0] == '"' || s[0] == '\'') && s[len - 1] == s[0]) {
		out->len = unescape(a, s + 1, len - 2, &out->s);
		out->quoted = 1;
		return;
	}
	out->s = sk_pool_strndup(a, s, len);
	out->len = len;
	out->quoted = 0;
}
