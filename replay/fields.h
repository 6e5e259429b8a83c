/* fields.h - the field registry: every name a filter, rule or output format
 * can use (evt.type, proc.name, fd.name...), its type and its extractor.
 *
 * Semantics follow Falco's documented fields. A field that the capture cannot
 * know yields no value (printed "<NA>"), never an invented one.
 *
 * Contract:
 *  - sk_field_parse() accepts the full field text as written in a rule:
 *    "proc.name", "proc.aname[2]", "evt.arg.flags", "evt.arg[1]",
 *    "fd.types[0]". It fails on unknown names, with a suggestion.
 *  - Extraction never allocates per event for fixed-size values; string and
 *    byte values point into state or event memory valid until the next event
 *    is processed.
 *  - The registry is a constant table; sk_field_count/sk_field_at list it in a
 *    stable order for `saker fields` and documentation.
 */
#ifndef SAKER_REPLAY_FIELDS_H
#define SAKER_REPLAY_FIELDS_H

#include <stddef.h>
#include <stdint.h>

/* Value types (Falco's PT_* names in parentheses). */
enum sk_vtype {
	SK_V_STRING,  /* (CHARBUF) text */
	SK_V_BYTES,   /* (BYTEBUF) raw bytes, e.g. evt.buffer */
	SK_V_INT,     /* (INT64) signed */
	SK_V_UINT,    /* (UINT64) unsigned, also ports, pids, uids */
	SK_V_BOOL,    /* (BOOL) true/false */
	SK_V_IPADDR,  /* (IPADDR) IPv4 or IPv6 address */
	SK_V_IPNET,   /* (IPNET) address with prefix, compared with CIDR */
	SK_V_ABSTIME, /* (ABSTIME) ns since the epoch */
	SK_V_RELTIME, /* (RELTIME) ns */
	SK_V_PATH,    /* (FSPATH) a path; compares as a string */
};

/* How a field takes an argument. */
enum sk_field_arg {
	SK_FA_NONE,	      /* proc.name */
	SK_FA_INDEX,	      /* proc.aname[2]: a non-negative integer */
	SK_FA_KEY,	      /* evt.arg.flags or evt.arg[flags]: a name */
	SK_FA_ANY,	      /* evt.arg[1] or evt.arg.name: index or name */
	SK_FA_OPTIONAL_INDEX, /* proc.aname (no index: any ancestor), fd.types */
};

struct sk_field {
	const char *name; /* e.g. "proc.aname" */
	uint8_t vtype;	  /* enum sk_vtype */
	uint8_t arg;	  /* enum sk_field_arg */
	uint8_t is_list;  /* yields several values (fd.types, proc.aname) */
	const char *desc;
	uint16_t id; /* index in the registry */
};

/* A parsed field reference: the field plus its argument. */
struct sk_field_ref {
	const struct sk_field *field;
	int64_t index; /* SK_FA_INDEX / numeric SK_FA_ANY, else -1 */
	char key[64];  /* SK_FA_KEY / named SK_FA_ANY, else "" */
	int pname;     /* parameter name id of key (replay/param.h), -1 if none */
};

/* One extracted value. */
struct sk_value {
	uint8_t vtype; /* enum sk_vtype */
	union {
		int64_t i;
		uint64_t u;
		struct {
			const char *ptr;
			size_t len;
		} s; /* SK_V_STRING, SK_V_PATH, SK_V_BYTES */
		struct {
			uint8_t family; /* 4 or 6 */
			uint8_t prefix; /* SK_V_IPNET only */
			uint8_t addr[16];
		} ip;
	} v;
};

/* Parses text[0..len) as a field reference. Returns 0, or -1 with a message
 * in err (e.g. "unknown field 'proc.nmae' (did you mean 'proc.name'?)"). */
int sk_field_parse(const char *text, size_t len, struct sk_field_ref *ref, char *err,
		   size_t errlen);

unsigned sk_field_count(void);
const struct sk_field *sk_field_at(unsigned i);

struct sk_evctx; /* the current event and the state around it (state.h) */

/* Extracts up to max values of ref for the current event. Returns how many
 * values were produced: 0 means "no value" (Falco's <NA>). Scalar fields
 * produce at most one. */
int sk_field_extract(const struct sk_field_ref *ref, struct sk_evctx *ctx, struct sk_value *out,
		     int max);

/* Formats one value as Falco prints it into buf (NUL-terminated, escaped
 * for terminals). Returns the length written. */
size_t sk_value_format(const struct sk_value *v, char *buf, size_t buflen);

/* Additions for output: time zone and JSON. */

/* Render times in the local zone (TZ) instead of UTC (the default). */
void sk_fields_set_localtime(int on);

/* Show at most n bytes of each I/O buffer when formatting: evt.buffer values
 * and the data argument in evt.args/evt.arg.data (sysdig's -s). 0, the
 * default, shows whole buffers; filters and rules evaluated while it is 0
 * see the whole data. */
void sk_fields_set_bytes_shown(size_t n);

/* Formats v as a JSON value (quoted and escaped for text). */
size_t sk_value_format_json(const struct sk_value *v, char *buf, size_t buflen);

/* Time styles: "12:00:00.123456789", "12:00:00", "2026-11-27 12:00:00.123456789",
 * "2026-11-27T12:00:00.123456789+0000". */
enum sk_time_style { SK_TIME_OF_DAY, SK_TIME_OF_DAY_S, SK_TIME_DATETIME, SK_TIME_ISO8601 };
size_t sk_time_format(uint64_t ns, int style, char *buf, size_t len);

#endif
