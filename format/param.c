/* param.c - decoding of integer parameters, done lazily by whoever needs a
 * value (the reader only frames parameters, it never decodes them).
 */
#include "format/capture.h"
#include "format/wire.h"

int sk_param_uint(const struct sk_param *p, uint64_t *out)
{
	const uint8_t *q = p->ptr;
	if (p->len == 0 || sk_get_varint(&q, p->ptr + p->len, out) < 0 || q != p->ptr + p->len)
		return -1;
	return 0;
}

int sk_param_int(const struct sk_param *p, int64_t *out)
{
	uint64_t v;
	if (sk_param_uint(p, &v) < 0)
		return -1;
	*out = sk_unzigzag(v);
	return 0;
}

int sk_ptype_is_signed(uint8_t type)
{
	switch (type) {
	case SK_PT_INT:
	case SK_PT_RES:
	case SK_PT_FD:
	case SK_PT_PID:
	case SK_PT_SIG:
		return 1;
	default:
		return 0;
	}
}
