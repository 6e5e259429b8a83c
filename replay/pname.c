/* pname.c - parameter indexes by name, resolved once per record type.
 *
 * Finding a parameter by name walks its record type's parameters with
 * strcmp. The state engine does that on every open and field extraction on
 * every rule test of evt.arg.*, which made string compares a fifth of replay
 * time on open-heavy captures. Here every parameter name of the schema gets
 * a small id (the fixed SK_PN_* ones first, so code can name them as
 * constants) and a table built on first use maps (type, id) to the index.
 */
#include <stdlib.h>
#include <string.h>

#include "replay/param.h"

static const char *const fixed[SK_PN_FIXED] = {
#define X(id, s) s,
    SK_PNAMES(X)
#undef X
};

static const char **names; /* id -> name */
static int *by_name;	   /* ids sorted by name, for sk_pname_id */
static int nnames;
static int8_t *table; /* [type * nnames + id]: index or -1 */

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		abort();
	return p;
}

static int find_slow(const char *name)
{
	for (int i = 0; i < nnames; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

static int cmp_ids(const void *a, const void *b)
{
	return strcmp(names[*(const int *)a], names[*(const int *)b]);
}

static void build(void)
{
	size_t cap = SK_PN_FIXED;
	for (unsigned t = 0; t < sk_event_count(); t++)
		cap += sk_event_at(t)->nparams;
	names = xmalloc(cap * sizeof(*names));
	for (int i = 0; i < SK_PN_FIXED; i++)
		names[nnames++] = fixed[i];
	for (unsigned t = 0; t < sk_event_count(); t++) {
		const struct sk_event_info *info = sk_event_at(t);
		for (unsigned i = 0; i < info->nparams; i++)
			if (find_slow(info->params[i].name) < 0)
				names[nnames++] = info->params[i].name;
	}
	table = xmalloc((size_t)SK_E_MAX_KNOWN * (size_t)nnames);
	memset(table, -1, (size_t)SK_E_MAX_KNOWN * (size_t)nnames);
	for (unsigned t = 0; t < sk_event_count(); t++) {
		const struct sk_event_info *info = sk_event_at(t);
		int8_t *row = table + (size_t)info->id * (size_t)nnames;
		for (int i = info->nparams - 1; i >= 0; i--) /* the first of a name wins */
			row[find_slow(info->params[i].name)] = (int8_t)i;
	}
	by_name = xmalloc((size_t)nnames * sizeof(*by_name));
	for (int i = 0; i < nnames; i++)
		by_name[i] = i;
	qsort(by_name, (size_t)nnames, sizeof(*by_name), cmp_ids);
}

static inline void ready(void)
{
	if (!table)
		build();
}

int sk_pname_id(const char *name)
{
	ready();
	int lo = 0, hi = nnames;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		int c = strcmp(names[by_name[mid]], name);
		if (!c)
			return by_name[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int sk_pidx(const struct sk_event_info *info, int id)
{
	ready();
	if (!info || id < 0 || id >= nnames)
		return -1;
	if (info->id >= SK_E_MAX_KNOWN) /* not from this build's table */
		return sk_param_index(info, names[id]);
	return table[(size_t)info->id * (size_t)nnames + (size_t)id];
}

int sk_ev_pnum(const struct sk_event *ev, const struct sk_event_info *info, int id, int64_t *out)
{
	return sk_ev_num(ev, info, sk_pidx(info, id), out);
}

int sk_ev_pbytes(const struct sk_event *ev, const struct sk_event_info *info, int id,
		 const uint8_t **p, uint32_t *len)
{
	return sk_ev_bytes(ev, sk_pidx(info, id), p, len);
}
