/* fieldpane.c - every field of one event, as rules see it: the detail pane
 * replays the capture from its first record up to the event (state depends
 * on everything before it) in background slices, then extracts each field
 * of the registry (fields.h) that takes no argument and has a value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay/fields.h"
#include "tui/browse.h"
#include "tui/esc.h"

#define MAX_VALUES 16

static int add_line(struct fieldpane *fp, const char *text)
{
	char **nv = realloc(fp->lines, (fp->n + 1) * sizeof(*nv));

	if (!nv)
		return -1;
	fp->lines = nv;
	fp->lines[fp->n] = strdup(text);
	return fp->lines[fp->n] ? (int)++fp->n : -1;
}

/* "name  value[, value...]" for a field with values; 0 when it has none. */
static int field_line(const struct sk_field *f, struct sk_evctx *ctx, char *out, size_t len)
{
	struct sk_field_ref ref;
	struct sk_value v[MAX_VALUES];
	char err[256], val[1024], safe[1024];
	size_t o;
	int n;

	if (f->arg != SK_FA_NONE && f->arg != SK_FA_OPTIONAL_INDEX)
		return 0;
	if (sk_field_parse(f->name, strlen(f->name), &ref, err, sizeof(err)) < 0)
		return 0;
	n = sk_field_extract(&ref, ctx, v, MAX_VALUES);
	if (n <= 0)
		return 0;
	o = (size_t)snprintf(out, len, "  %-22s ", f->name);
	for (int i = 0; i < n && o + 4 < len; i++) {
		sk_value_format(&v[i], val, sizeof(val));
		tui_escape_pre(val, strlen(val), safe, sizeof(safe), -1);
		o += (size_t)snprintf(out + o, len - o, "%s%s", i ? ", " : "", safe);
	}
	return 1;
}

static int at_event(void *arg, const struct sk_event *ev, struct sk_evctx *ctx)
{
	struct fieldpane *fp = arg;
	char line[4096];

	if (ev->num != fp->num)
		return ev->num > fp->num ? -1 : 0;
	for (unsigned i = 0; i < sk_field_count(); i++)
		if (field_line(sk_field_at(i), ctx, line, sizeof(line)) && add_line(fp, line) < 0)
			break;
	fp->found = 1;
	return -1;
}

void fieldpane_stop(struct fieldpane *fp)
{
	evscan_free(fp->scan);
	for (size_t i = 0; i < fp->n; i++)
		free(fp->lines[i]);
	free(fp->lines);
	memset(fp, 0, sizeof(*fp));
}

int fieldpane_start(struct app *a, uint64_t num)
{
	struct fieldpane *fp = &a->fields;
	struct evscan_pred pred = {at_event, fp, 1};
	struct sk_error e;

	fieldpane_stop(fp);
	fp->num = num;
	fp->scan = evscan_new(a->path, num, num, &pred, &e);
	return fp->scan ? 0 : -1;
}
