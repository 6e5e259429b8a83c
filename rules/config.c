/* config.c - the `saker replay` configuration file: a YAML mapping using
 * Falco's own key names (rules_files, priority, rule_matching, json_output,
 * time_format_iso_8601, stdout_output, file_output, program_output,
 * syslog_output), so a falco.yaml excerpt reads the same. Flags given on
 * the command line override it. rules/saker.yaml.example documents it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "rules/alert.h"
#include "rules/lang.h"

static struct sk_pool config_pool;

struct cfg {
	yaml_document_t *doc;
	const char *path;
	char *err;
	size_t errlen;
	struct sk_replay_opts *o;
};

static int fail(struct cfg *c, const yaml_node_t *n, const char *what, const char *key)
{
	snprintf(c->err, c->errlen, "%s:%lu:%lu: %s '%s'", c->path,
		 (unsigned long)n->start_mark.line + 1, (unsigned long)n->start_mark.column + 1,
		 what, key);
	return -1;
}

static const char *str(struct cfg *c, yaml_node_t *n)
{
	(void)c;
	if (!n || n->type != YAML_SCALAR_NODE)
		return NULL;
	return sk_pool_strndup(&config_pool, (char *)n->data.scalar.value, n->data.scalar.length);
}

static int boolean(struct cfg *c, yaml_node_t *n, const char *key, int *out)
{
	const char *s = str(c, n);
	if (s && (!strcasecmp(s, "true") || !strcasecmp(s, "yes")))
		*out = 1;
	else if (s && (!strcasecmp(s, "false") || !strcasecmp(s, "no")))
		*out = 0;
	else
		return fail(c, n, "expected true or false for", key);
	return 0;
}

static yaml_node_t *get(struct cfg *c, yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
		if (k && k->type == YAML_SCALAR_NODE && !strcmp((char *)k->data.scalar.value, key))
			return yaml_document_get_node(c->doc, p->value);
	}
	return NULL;
}

static int rules_files(struct cfg *c, yaml_node_t *n)
{
	if (n->type == YAML_SCALAR_NODE) {
		c->o->rules[0] = str(c, n);
		c->o->nrules = 1;
		return 0;
	}
	if (n->type != YAML_SEQUENCE_NODE)
		return fail(c, n, "expected a list of files for", "rules_files");
	c->o->nrules = 0;
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++) {
		const char *s = str(c, yaml_document_get_node(c->doc, *it));
		if (!s || c->o->nrules == 64)
			return fail(c, n, "expected at most 64 file names in", "rules_files");
		c->o->rules[c->o->nrules++] = s;
	}
	return 0;
}

/* output: {enabled: bool, <key>: string}; sets *value only when enabled. */
static int output_section(struct cfg *c, yaml_node_t *sec, const char *name, const char *key,
			  const char **value, int *enabled)
{
	int on = 0;
	yaml_node_t *e = get(c, sec, "enabled");
	if (e && boolean(c, e, name, &on) < 0)
		return -1;
	if (enabled)
		*enabled = on;
	if (on && key) {
		*value = str(c, get(c, sec, key));
		if (!*value)
			return fail(c, sec, "missing text value", key);
	}
	return 0;
}

static int apply(struct cfg *c, yaml_node_t *root)
{
	static const char *const known[] = {"rules_files",   "rules_file",  "priority",
					    "rule_matching", "json_output", "time_format_iso_8601",
					    "stdout_output", "file_output", "program_output",
					    "syslog_output", NULL};
	if (root->type != YAML_MAPPING_NODE)
		return fail(c, root, "expected a mapping of settings in", c->path);
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(c->doc, p->key);
		const char *key =
		    k && k->type == YAML_SCALAR_NODE ? (char *)k->data.scalar.value : "";
		int ok = 0;
		for (unsigned i = 0; known[i] && !ok; i++)
			ok = !strcmp(known[i], key);
		if (!ok)
			return fail(c, k, "unknown setting", key);
	}
	yaml_node_t *n;
	if (((n = get(c, root, "rules_files")) || (n = get(c, root, "rules_file"))) &&
	    rules_files(c, n) < 0)
		return -1;
	if ((n = get(c, root, "priority"))) {
		const char *s = str(c, n);
		if (!s || (c->o->min_priority = sk_priority_parse(s)) < 0)
			return fail(c, n, "unknown priority", s ? s : "");
	}
	if ((n = get(c, root, "rule_matching"))) {
		const char *s = str(c, n);
		if (!s || (strcmp(s, "all") && strcmp(s, "first")))
			return fail(c, n, "expected all or first for", "rule_matching");
		c->o->first_match = s[0] == 'f';
	}
	if ((n = get(c, root, "json_output")) && boolean(c, n, "json_output", &c->o->json) < 0)
		return -1;
	if ((n = get(c, root, "time_format_iso_8601")) &&
	    boolean(c, n, "time_format_iso_8601", &c->o->iso8601) < 0)
		return -1;
	if ((n = get(c, root, "stdout_output")) &&
	    output_section(c, n, "stdout_output", NULL, NULL, &c->o->stdout_on) < 0)
		return -1;
	if ((n = get(c, root, "file_output")) &&
	    output_section(c, n, "file_output", "filename", &c->o->output_file, NULL) < 0)
		return -1;
	if ((n = get(c, root, "program_output")) &&
	    output_section(c, n, "program_output", "program", &c->o->program, NULL) < 0)
		return -1;
	if ((n = get(c, root, "syslog_output")) &&
	    output_section(c, n, "syslog_output", NULL, NULL, &c->o->syslog) < 0)
		return -1;
	return 0;
}

int sk_config_load(const char *path, struct sk_replay_opts *o, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "cannot open config '%s': %s", path, strerror(errno));
		return -1;
	}
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	int rc = -1;
	if (!yaml_parser_load(&parser, &doc)) {
		snprintf(err, errlen, "%s:%lu:%lu: invalid YAML: %s", path,
			 (unsigned long)parser.problem_mark.line + 1,
			 (unsigned long)parser.problem_mark.column + 1,
			 parser.problem ? parser.problem : "syntax error");
	} else {
		struct cfg c = {&doc, path, err, errlen, o};
		yaml_node_t *root = yaml_document_get_root_node(&doc);
		rc = root ? apply(&c, root) : 0;
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&parser);
	fclose(f);
	return rc;
}

void sk_config_release(void)
{
	sk_pool_free(&config_pool);
}
