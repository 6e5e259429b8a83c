/* users.c - user and group names from the capture's own snapshot of
 * /etc/passwd and /etc/group (SNAP_FILE records), never from the machine
 * running the analysis.
 */
#include <stdlib.h>
#include <string.h>

#include "replay/state_int.h"

void sk_idmap_free(struct sk_idmap *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->v[i].name);
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

static int cmp_idname(const void *a, const void *b)
{
	const struct sk_idname *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Parses "name:x:id:..." lines; malformed lines are skipped. */
static void idmap_parse(struct sk_idmap *m, const char *p, size_t len)
{
	sk_idmap_free(m);
	size_t cap = 0;
	const char *end = p + len;
	for (uint32_t seq = 0; p < end; seq++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *c1 = memchr(p, ':', (size_t)(le - p));
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(le - c1 - 1)) : NULL;
		if (c1 && c2 && c1 > p && c2 + 1 < le && *p != '#') {
			char *endnum;
			unsigned long id = strtoul(c2 + 1, &endnum, 10);
			if (endnum > c2 + 1 && (endnum == le || *endnum == ':') &&
			    id <= UINT32_MAX) {
				if (m->n == cap) {
					cap = cap ? cap * 2 : 64;
					m->v = realloc(m->v, cap * sizeof(*m->v));
					if (!m->v)
						abort();
				}
				m->v[m->n].id = (uint32_t)id;
				m->v[m->n].seq = seq;
				m->v[m->n].name = strndup(p, (size_t)(c1 - p));
				if (!m->v[m->n].name)
					abort();
				m->n++;
			}
		}
		p = nl ? nl + 1 : end;
	}
	if (m->n)
		qsort(m->v, m->n, sizeof(*m->v), cmp_idname);
}

void sk_users_snapshot(struct sk_state *st, const struct sk_event *ev)
{
	if (ev->nparams < 2)
		return;
	const struct sk_param *path = &ev->params[0], *content = &ev->params[1];
	if (path->len == 11 && !memcmp(path->ptr, "/etc/passwd", 11))
		idmap_parse(&st->users, (const char *)content->ptr, content->len);
	else if (path->len == 10 && !memcmp(path->ptr, "/etc/group", 10))
		idmap_parse(&st->groups, (const char *)content->ptr, content->len);
}

static const char *idmap_find(const struct sk_idmap *m, uint32_t id)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && m->v[lo].id == id ? m->v[lo].name : NULL;
}

const char *sk_state_user_name(const struct sk_state *st, uint32_t uid)
{
	return idmap_find(&st->users, uid);
}

const char *sk_state_group_name(const struct sk_state *st, uint32_t gid)
{
	return idmap_find(&st->groups, gid);
}
