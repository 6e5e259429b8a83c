/* lang.h - internals of the condition language shared by the files of rules/:
 * pool allocator, diagnostics, source positions, the parse tree and the compiled tree.
 *
 * Pipeline: text (with a position for every byte) -> lex.c tokens ->
 * parse.c tree (sk_ast, macros and lists still names) -> compile.c
 * (macros inlined, lists expanded, fields resolved against fields.h,
 * constants typed once) -> sk_cnode, evaluated by eval.c with ops.c.
 * Everything a rule set allocates lives in one pool freed at once.
 */
#ifndef SAKER_RULES_LANG_H
#define SAKER_RULES_LANG_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#include "replay/fields.h"

/* ---------------------------------------------------------------- pool */

struct sk_pool {
	struct sk_pool_block *head;
	regex_t **regexes; /* compiled regexes, freed with the pool */
	unsigned nregexes;
};

void *sk_pool_alloc(struct sk_pool *a, size_t n); /* zeroed; aborts only on OOM */
char *sk_pool_strndup(struct sk_pool *a, const char *s, size_t n);
void sk_pool_track_regex(struct sk_pool *a, regex_t *re);
void sk_pool_free(struct sk_pool *a);

/* ----------------------------------------------------------- diagnostics */

/* Where a byte of a condition, output or YAML node came from. */
struct sk_pos {
	const char *file; /* pool-owned; "<filter>" for command-line filters */
	uint32_t line, col;
};

struct sk_diag_msg {
	int is_error;
	char *text; /* "file:line:col: rule 'X': what is wrong" */
};

/* Collected errors and warnings, in the order found. */
struct sk_diag {
	struct sk_diag_msg *msgs;
	size_t n, cap;
	unsigned nerrors, nwarnings;
};

void sk_diag_add(struct sk_diag *d, int is_error, const struct sk_pos *pos, const char *what,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Adds an already formatted message (kept once, like sk_diag_add). */
void sk_diag_add_raw(struct sk_diag *d, int is_error, const char *text);
void sk_diag_free(struct sk_diag *d);

/* ------------------------------------------------------ positioned text */

/* A text with one position per byte (pos[len] is the position just past). */
struct sk_text {
	char *s;
	size_t len;
	struct sk_pos *pos;
};

/* Text starting at pos, one column per byte, new lines advancing the line. */
void sk_text_plain(struct sk_pool *a, struct sk_text *t, const char *s, size_t len,
		   struct sk_pos pos);
/* Concatenates b after a with one space between (the separator takes the
 * position of b's first byte). */
void sk_text_join(struct sk_pool *a, struct sk_text *out, const struct sk_text *x,
		  const struct sk_text *y);

/* ----------------------------------------------------------------- tree */

enum sk_op {
	SK_OP_EQ,
	SK_OP_NE,
	SK_OP_LT,
	SK_OP_LE,
	SK_OP_GT,
	SK_OP_GE,
	SK_OP_CONTAINS,
	SK_OP_ICONTAINS,
	SK_OP_BCONTAINS,
	SK_OP_STARTSWITH,
	SK_OP_BSTARTSWITH,
	SK_OP_ENDSWITH,
	SK_OP_GLOB,
	SK_OP_IGLOB,
	SK_OP_PMATCH,
	SK_OP_IN,
	SK_OP_INTERSECTS,
	SK_OP_REGEX,
	SK_OP_EXISTS,
	SK_OP_COUNT
};

const char *sk_op_name(int op);
int sk_op_takes_list(int op); /* in, intersects, pmatch */

enum sk_transform { SK_TR_TOLOWER = 1, SK_TR_TOUPPER, SK_TR_B64, SK_TR_BASENAME, SK_TR_LEN };
#define SK_MAX_TR 4

/* A field as written, with transformers applied innermost first. */
struct sk_operand {
	const char *field; /* e.g. "proc.aname[2]" */
	struct sk_pos pos;
	uint8_t ntr;
	uint8_t tr[SK_MAX_TR];
};

struct sk_item {
	const char *s; /* unquoted value */
	size_t len;
	int quoted; /* quoted values never name a list */
	struct sk_pos pos;
};

enum sk_ast_kind { SK_A_AND, SK_A_OR, SK_A_NOT, SK_A_CMP, SK_A_MACRO };

struct sk_ast {
	uint8_t kind;
	uint8_t op;	  /* SK_A_CMP */
	uint8_t rhs_kind; /* SK_RHS_* */
	struct sk_pos pos;
	struct sk_ast **kids;
	unsigned nkids;
	const char *name; /* SK_A_MACRO */
	struct sk_operand lhs;
	struct sk_operand rhs_field; /* SK_RHS_FIELD */
	struct sk_item *items;	     /* SK_RHS_VALUE (1 item) or SK_RHS_LIST */
	unsigned nitems;
};

enum { SK_RHS_NONE, SK_RHS_VALUE, SK_RHS_LIST, SK_RHS_FIELD };

/* Parses a condition. Returns NULL and adds an error to d on failure. */
struct sk_ast *sk_parse_condition(struct sk_pool *a, const struct sk_text *t, struct sk_diag *d,
				  const char *what);
/* Parses a comma-free list item as written in YAML (quoted or bare). */
void sk_parse_item(struct sk_pool *a, const char *s, size_t len, struct sk_pos pos,
		   struct sk_item *out);

/* ------------------------------------------------------- compiled tree */

/* Event types a compiled condition can match, as a bit set over record types. */
#define SK_TYPESET_WORDS 4 /* 256 record types */
struct sk_typeset {
	uint64_t w[SK_TYPESET_WORDS];
};

enum sk_cnode_kind { SK_C_AND, SK_C_OR, SK_C_NOT, SK_C_CMP };

/* A single-valued field's value for the current event, shared by every
 * comparison of a rule set on the same field text (fields that may yield
 * several values are extracted at each use). Valid until the next event. */
struct sk_fcache {
	uint64_t gen;
	int k;
	struct sk_value v;
};

/* A field plus transformers, ready to extract. */
struct sk_cfield {
	struct sk_fcache *cache; /* NULL: extracted at every use */
	uint8_t ntr;
	uint8_t tr[SK_MAX_TR];
	uint8_t vtype; /* after transformers */
	const char *text;
	struct sk_field_ref ref;
};

/* A typed constant. IPs are stored as networks (full prefix when none). */
struct sk_const {
	struct sk_value v;
};

/* What evaluation reads on every visit comes first (one cache line). */
struct sk_cnode {
	uint8_t kind;
	uint8_t op;
	uint8_t all_of; /* `in` on a list field: every value must be in the set */
	unsigned nkids;
	struct sk_cnode **kids;
	struct sk_memo *memo;		  /* macro roots: result cached per event */
	const struct sk_typeset *evtypes; /* evt.type = / in: the record types named */
	struct sk_const *vals;		  /* sorted for SK_OP_IN/INTERSECTS on strings/numbers */
	unsigned nvals;
	struct sk_strset *set;	     /* string `in`/`intersects`: vals hashed */
	struct sk_cfield *rhs_field; /* val(...) comparisons */
	regex_t *re;
	struct sk_cfield lhs;
};

/* A macro's result for the current event (macros are compiled once and
 * shared by every rule using them, so most are evaluated once per event). */
struct sk_memo {
	uint64_t gen;
	int val;
};

/* String constants hashed for membership (strset.c); entries are indexes
 * + 1 into the comparison's vals, 0 marks an empty slot. */
struct sk_strset {
	uint32_t mask;
	uint32_t *slots;
};

void sk_strset_build(struct sk_pool *a, struct sk_cnode *n);
int sk_strset_has(const struct sk_cnode *n, const char *s, size_t len);

/* Lookups a compiler needs from the rule set (NULL callbacks: none exist). */
struct sk_lang_env {
	void *opaque;
	/* Returns the parsed macro, or NULL. */
	const struct sk_ast *(*macro)(void *opaque, const char *name);
	/* Returns the items of a list, or -1 when there is no such list. */
	int (*list)(void *opaque, const char *name, const struct sk_item **items, unsigned *n);
	/* Where the macro's compiled tree is kept once built (NULL: no sharing). */
	struct sk_cnode **(*compiled)(void *opaque, const char *name);
	/* The value cache shared by the comparisons on field (NULL: none). */
	struct sk_fcache *(*fcache)(void *opaque, const char *field);
};

/* Compiles a parsed condition. Returns NULL and adds errors to d. When
 * unknown_field is not NULL it is set when an error was an unknown field. */
struct sk_cnode *sk_compile(struct sk_pool *a, const struct sk_ast *ast,
			    const struct sk_lang_env *env, struct sk_diag *d, const char *what,
			    int *unknown_field);

void sk_typeset_of(const struct sk_cnode *n, struct sk_typeset *out);
int sk_typeset_is_all(const struct sk_typeset *s);
static inline int sk_typeset_has(const struct sk_typeset *s, unsigned t)
{
	return t < 64 * SK_TYPESET_WORDS && (s->w[t / 64] >> (t % 64)) & 1;
}

/* ------------------------------------------------------------ evaluation */

/* Evaluates n for the current event. etype is the record type when known
 * (evt.type comparisons then test it directly), SK_ETYPE_UNKNOWN otherwise.
 * Each call starts a new event for the macro caches: evaluation is
 * single-threaded. sk_eval_more() evaluates another tree for the same event. */
#define SK_ETYPE_UNKNOWN 0xffffffffu
int sk_eval(const struct sk_cnode *n, struct sk_evctx *ctx, uint32_t etype);
int sk_eval_more(const struct sk_cnode *n, struct sk_evctx *ctx, uint32_t etype);

/* Operator semantics on one extracted value against a compiled comparison. */
int sk_op_match(const struct sk_cnode *n, const struct sk_value *v);
/* Same against one value of the right-hand field (val(...)). */
int sk_op_match_value(const struct sk_cnode *n, const struct sk_value *v,
		      const struct sk_value *rhs);
/* Compile-time: parses text as a constant of class cls; -1 with a message. */
int sk_const_parse(struct sk_pool *a, int vtype, int op, const char *s, size_t len,
		   struct sk_const *out, char *err, size_t errlen);
/* Sorts and deduplicates constants for binary search. */
void sk_consts_sort(struct sk_const *v, unsigned *n);
/* Applies a field's transformers to one value using buf as storage. */
int sk_transform(const struct sk_cfield *f, struct sk_value *v, char *buf, size_t buflen);

#endif
