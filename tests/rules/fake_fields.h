/* fake_fields.h - the test double's event context: a list of field texts
 * (as canonical "proc.aname[2]", "evt.arg.flags") and their values. A field
 * listed several times yields several values; a field not listed has none.
 */
#ifndef SAKER_TESTS_RULES_FAKE_FIELDS_H
#define SAKER_TESTS_RULES_FAKE_FIELDS_H

#include "replay/fields.h"

struct sk_fake_kv {
	const char *name;
	const char *value;
};

struct sk_evctx {
	const struct sk_fake_kv *kv;
	unsigned n;
};

#endif
