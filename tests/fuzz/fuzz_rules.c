/* fuzz_rules.c - libFuzzer target for the rule language: the first byte
 * picks the input kind, the rest is either a rules file (YAML loader,
 * override/append, compilation of every rule) or a single condition
 * (lexer, parser, compiler). Built against the fields test double so the
 * target needs no capture. Anything but a clean error is a bug. Seeds
 * (rules-seeds/) start with '0' (even: a rules file) or '1' (odd: a
 * condition).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	if (data[0] & 1) {
		char *cond = malloc(len + 1);
		if (!cond)
			return 0;
		memcpy(cond, text, len);
		cond[len] = 0;
		char err[512];
		sk_filter_free(sk_filter_new(cond, err, sizeof(err)));
		free(cond);
		return 0;
	}
	struct sk_ruleset *rs = sk_ruleset_new();
	if (sk_ruleset_load_text(rs, "fuzz.yaml", text, len) == 0)
		sk_ruleset_compile(rs);
	sk_ruleset_free(rs);
	return 0;
}
