/* test_random.c - robustness: records of every known type with random,
 * malformed or missing parameters, from a few colliding tids, must replay
 * with every field extracted and formatted without a crash or a sanitizer
 * report (leaks included, under ASan).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "replay/replay.h"
#include "tests/replay/synth.h"

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void random_record(struct synth *s)
{
	uint16_t type = (uint16_t)(1 + rnd() % (SK_E_MAX_KNOWN + 2));
	uint32_t tid = 1 + (uint32_t)(rnd() % 12),
		 pid = rnd() % 3 ? tid : 1 + (uint32_t)(rnd() % 12);
	struct sp ps[12];
	uint8_t bytes[12][40];
	int n = (int)(rnd() % 12);
	for (int i = 0; i < n; i++) {
		switch (rnd() % 4) {
		case 0:
			ps[i] = NUM((int64_t)(rnd() % 64) - 8);
			break;
		case 1:
			ps[i] = NUM(rnd());
			break;
		default: {
			uint32_t len = (uint32_t)(rnd() % 40);
			for (uint32_t j = 0; j < len; j++)
				bytes[i][j] =
				    rnd() % 3 ? (uint8_t)("/a.b"[rnd() % 4]) : (uint8_t)rnd();
			ps[i] = BYT(bytes[i], len);
		}
		}
	}
	synth_emit(s, type, tid, pid, n, ps);
}

int main(void)
{
	struct synth s;
	synth_open(&s, "random", "fuzz");
	for (int i = 0; i < 10000; i++)
		random_record(&s);
	for (uint32_t tid = 1; tid <= 12; tid++)
		EMIT(&s, SK_E_PROC_EXIT, tid, tid, NUM(0), NUM(0));
	synth_close(&s);

	struct sk_error err;
	struct sk_replay *rp = sk_replay_open(s.path, &err);
	if (!rp) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	struct sk_evctx *ctx;
	uint64_t n = 0, values = 0;
	while (sk_replay_next(rp, &ctx, &err) > 0) {
		for (unsigned f = 0; f < sk_field_count(); f++) {
			const struct sk_field *fd = sk_field_at(f);
			char text[96], out[4096];
			snprintf(text, sizeof(text), "%s%s", fd->name,
				 fd->arg == SK_FA_INDEX || fd->arg == SK_FA_OPTIONAL_INDEX ? "[1]"
				 : fd->arg == SK_FA_KEY || fd->arg == SK_FA_ANY		   ? "[fd]"
											   : "");
			synth_field(ctx, text, out, sizeof(out));
			values += strcmp(out, "<NA>") != 0;
		}
		n++;
	}
	sk_replay_close(rp);
	unlink(s.path);
	printf("%llu events, %llu values\n", (unsigned long long)n, (unsigned long long)values);
	if (n != 10012 || values == 0) {
		fprintf(stderr, "unexpected result\n");
		return 1;
	}
	printf("ok\n");
	return 0;
}
