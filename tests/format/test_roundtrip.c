/* test_roundtrip.c - a million mixed synthetic events written and read back
 * with every field compared, then seeks by number and by timestamp checked
 * against what was written.
 */
#include <stdlib.h>
#include <string.h>

#include "tests/format/synth.h"
#include "tests/format/testutil.h"

#define NEVENTS 1000000
#define SEED	7

static uint64_t ts_of[NEVENTS + 1], max_upto[NEVENTS + 1];
static uint16_t type_of[NEVENTS + 1];
static uint32_t tid_of[NEVENTS + 1];

static void check_info(const struct sk_reader *r)
{
	struct sk_file_info want;
	const struct sk_file_info *got = sk_reader_info(r);
	synth_file_info(&want);
	CHECK(got->version_major == SK_FORMAT_VERSION_MAJOR, "major %u", got->version_major);
	CHECK(got->version_minor == SK_FORMAT_VERSION_MINOR, "minor %u", got->version_minor);
	CHECK(!strcmp(got->recorder, want.recorder), "%s", got->recorder);
	CHECK(!strcmp(got->hostname, want.hostname), "%s", got->hostname);
	CHECK(!strcmp(got->kernel_release, want.kernel_release), "%s", got->kernel_release);
	CHECK(!strcmp(got->machine, want.machine), "%s", got->machine);
	CHECK(!strcmp(got->options, want.options), "%s", got->options);
	CHECK(got->ncpus == want.ncpus && got->snaplen == want.snaplen, "ncpus/snaplen");
	CHECK(got->boot_time_ns == want.boot_time_ns, "boot time");
	CHECK(got->start_wall_ns == want.start_wall_ns, "start wall");
	CHECK(got->start_boot_ns == want.start_boot_ns, "start boot");
	CHECK(got->record_flags == want.record_flags, "record flags");
}

/* Reads everything back and compares each record with the regenerated one. */
static void check_all(struct sk_reader *r)
{
	static struct synth_ev want;
	struct sk_event got;
	struct sk_error err;
	struct synth s;
	char why[256];
	uint64_t n = 0, mism = 0;
	int rc;
	synth_init(&s, SEED, 0);
	while ((rc = sk_reader_next(r, &got, &err)) == 1) {
		n++;
		if (n > NEVENTS)
			break;
		synth_next(&s, &want);
		if (synth_check(&want, n, &got, why, sizeof(why)) < 0 && mism++ < 5)
			CHECK(0, "%s", why);
		ts_of[n] = want.ts;
		type_of[n] = want.type;
		tid_of[n] = want.tid;
		max_upto[n] = n == 1 || want.ts > max_upto[n - 1] ? want.ts : max_upto[n - 1];
	}
	CHECK(rc == 0, "iteration ended with %d: %s", rc, rc < 0 ? err.msg : "");
	CHECK(n == NEVENTS, "read %llu events", (unsigned long long)n);
	CHECK(mism == 0, "%llu records differ", (unsigned long long)mism);
}

static void expect_at(struct sk_reader *r, uint64_t num, const char *what)
{
	struct sk_event ev;
	struct sk_error err;
	int rc = sk_reader_next(r, &ev, &err);
	CHECK(rc == 1 && ev.num == num && ev.ts == ts_of[num] && ev.type == type_of[num] &&
		  ev.tid == tid_of[num],
	      "%s: wanted record %llu, got rc %d num %llu", what, (unsigned long long)num, rc,
	      (unsigned long long)ev.num);
}

/* The first record in file order with ts >= t (timestamps are not sorted). */
static uint64_t first_at_or_after(uint64_t t)
{
	uint64_t lo = 1, hi = NEVENTS;
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (max_upto[mid] >= t)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static void check_seeks(struct sk_reader *r)
{
	struct sk_error err;
	uint64_t rng = 12345;
	for (uint64_t i = 0; i < sk_reader_nchunks(r); i++) {
		uint64_t first = sk_reader_chunk(r, i)->first_num;
		CHECK(sk_reader_seek_num(r, first, &err) == 0, "%s", err.msg);
		expect_at(r, first, "seek to a chunk's first record");
		if (first > 1) {
			CHECK(sk_reader_seek_num(r, first - 1, &err) == 0, "%s", err.msg);
			expect_at(r, first - 1, "seek to a chunk's last record");
		}
	}
	for (int i = 0; i < 3000; i++) {
		rng = rng * 6364136223846793005ull + 1442695040888963407ull;
		uint64_t num = 1 + (rng >> 20) % NEVENTS;
		CHECK(sk_reader_seek_num(r, num, &err) == 0, "%s", err.msg);
		expect_at(r, num, "seek_num");
		uint64_t t =
		    ts_of[1] - 10000 + (rng >> 11) % (max_upto[NEVENTS] - ts_of[1] + 10000);
		CHECK(sk_reader_seek_ts(r, t, &err) == 0, "%s", err.msg);
		expect_at(r, first_at_or_after(t), "seek_ts");
		CHECK(sk_reader_seek_ts(r, ts_of[num], &err) == 0, "%s", err.msg);
		expect_at(r, first_at_or_after(ts_of[num]), "seek_ts to an exact ts");
	}
	CHECK(sk_reader_seek_num(r, NEVENTS, &err) == 0, "%s", err.msg);
	expect_at(r, NEVENTS, "seek to the last record");
	CHECK(sk_reader_seek_num(r, NEVENTS + 1, &err) < 0, "seek past the end succeeded");
	CHECK(strstr(err.msg, "past the end") != NULL, "message: %s", err.msg);
	CHECK(sk_reader_seek_ts(r, max_upto[NEVENTS] + 1, &err) < 0, "seek_ts past the end");
}

int main(void)
{
	struct sk_writer_opts opts = {.chunk_bytes = 64 << 10};
	struct sk_error err;
	const char *path = t_path("roundtrip.cap", 0);
	if (t_write_capture(path, SEED, NEVENTS, &opts, 1) < 0)
		return 1;
	struct sk_reader *r = sk_reader_open(path, &err);
	if (!r) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	const struct sk_capture_summary *s = sk_reader_summary(r);
	CHECK(s->footer_present && s->torn_bytes == 0, "footer %d torn %llu", s->footer_present,
	      (unsigned long long)s->torn_bytes);
	CHECK(s->nevents == NEVENTS, "summary events %llu", (unsigned long long)s->nevents);
	CHECK(s->nchunks > 100, "only %llu chunks", (unsigned long long)s->nchunks);
	CHECK(s->bytes_raw > s->bytes_comp, "raw %llu comp %llu", (unsigned long long)s->bytes_raw,
	      (unsigned long long)s->bytes_comp);
	check_info(r);
	check_all(r);
	CHECK(s->first_ts <= ts_of[1] && s->last_ts == max_upto[NEVENTS], "summary ts range");
	CHECK(sk_reader_verify(r, &err) == 0, "verify: %s", err.msg);
	check_seeks(r);
	sk_reader_close(r);
	return t_done("test_roundtrip");
}
