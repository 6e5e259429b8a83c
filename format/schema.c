/* schema.c - the event schema table, expanded from events.def.
 *
 * Types are looked up by number on every decoded record, so the table is a
 * direct array indexed by type number; a second array lists the known
 * numbers in ascending order for listings.
 */
#include <string.h>

#include "format/schema.h"

#define SK_P(pname, ptype, ft)                                                                     \
	{                                                                                          \
		.name = pname, .type = SK_PT_##ptype, .ftable = SK_FT_##ft                         \
	}
#define SK_EVENT(eid, sym, ename, edir, ecat, np, ...)                                             \
	[eid] = {.id = eid,                                                                        \
		 .name = ename,                                                                    \
		 .dir = SK_DIR_##edir,                                                             \
		 .category = SK_CAT_##ecat,                                                        \
		 .nparams = np,                                                                    \
		 .params = {__VA_ARGS__}},
static const struct sk_event_info table[SK_E_MAX_KNOWN] = {
#include "format/events.def"
};
#undef SK_EVENT

#define SK_EVENT(eid, ...) eid,
static const uint16_t known[] = {
#include "format/events.def"
};
#undef SK_EVENT
#undef SK_P

const struct sk_event_info *sk_event_info(uint16_t type)
{
	if (type >= SK_E_MAX_KNOWN || table[type].name == NULL)
		return NULL;
	return &table[type];
}

unsigned sk_event_count(void)
{
	return sizeof(known) / sizeof(known[0]);
}

const struct sk_event_info *sk_event_at(unsigned i)
{
	return i < sk_event_count() ? &table[known[i]] : NULL;
}

int sk_param_index(const struct sk_event_info *info, const char *name)
{
	for (unsigned i = 0; info && i < info->nparams; i++)
		if (!strcmp(info->params[i].name, name))
			return (int)i;
	return -1;
}

static const char *const ptype_names[] = {
    [SK_PT_NONE] = "NONE",	 [SK_PT_INT] = "INT",	      [SK_PT_UINT] = "UINT",
    [SK_PT_RES] = "RES",	 [SK_PT_FD] = "FD",	      [SK_PT_PID] = "PID",
    [SK_PT_UID] = "UID",	 [SK_PT_GID] = "GID",	      [SK_PT_FLAGS] = "FLAGS",
    [SK_PT_ENUM] = "ENUM",	 [SK_PT_MODE] = "MODE",	      [SK_PT_STR] = "STR",
    [SK_PT_PATH] = "PATH",	 [SK_PT_BYTES] = "BYTES",     [SK_PT_SOCKADDR] = "SOCKADDR",
    [SK_PT_TUPLE] = "TUPLE",	 [SK_PT_STRLIST] = "STRLIST", [SK_PT_ADDR] = "ADDR",
    [SK_PT_SIG] = "SIG",	 [SK_PT_DEV] = "DEV",	      [SK_PT_TIME] = "TIME",
    [SK_PT_RELTIME] = "RELTIME", [SK_PT_CAPS] = "CAPS",	      [SK_PT_SYSCALL] = "SYSCALL",
    [SK_PT_FDLIST] = "FDLIST",
};

const char *sk_ptype_name(uint8_t type)
{
	if (type >= sizeof(ptype_names) / sizeof(ptype_names[0]) || !ptype_names[type])
		return "UNKNOWN";
	return ptype_names[type];
}
