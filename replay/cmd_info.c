/* cmd_info.c - `saker info FILE`: what a capture holds, at a glance.
 *
 * Prints the header facts, the time range in UTC, counts, sizes, drops and
 * whether the footer was present or the file was recovered by scanning.
 * Output depends on the file only (UTC via gmtime_r, no locale), and every
 * string taken from the capture is escaped so no control byte reaches the
 * terminal.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "format/capture.h"
#include "replay/commands.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: saker info FILE\n\n"
		"Shows a capture's header (recorder, host, kernel, options), its time range\n"
		"in UTC, event and chunk counts, size on disk and uncompressed, drops, and\n"
		"whether it was closed cleanly or recovered (and how many bytes were torn).\n");
}

/* Printable ASCII passes; backslash and everything else become \\ or \xHH. */
static void put_escaped(const char *label, const char *s)
{
	printf("%-15s ", label);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\\')
			fputs("\\\\", stdout);
		else if (*p >= 0x20 && *p < 0x7f)
			putchar(*p);
		else
			printf("\\x%02x", *p);
	}
	putchar('\n');
}

/* ISO 8601 UTC with nanoseconds, e.g. 2026-11-27T20:36:25.123456789Z. */
static void fmt_time(int64_t ns, char *buf, size_t len)
{
	int64_t sec = ns / 1000000000, frac = ns % 1000000000;
	if (frac < 0) {
		frac += 1000000000;
		sec--;
	}
	time_t t = (time_t)sec;
	struct tm tm;
	if (!gmtime_r(&t, &tm)) {
		snprintf(buf, len, "(out of range: %" PRId64 " ns)", ns);
		return;
	}
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%09" PRId64 "Z", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
}

static int64_t boot_to_wall(const struct sk_file_info *fi, uint64_t ts)
{
	return fi->start_wall_ns + (int64_t)(ts - fi->start_boot_ns);
}

/* Sums the count parameter of every DROP record; used when no footer
 * carries the total. */
static int count_drops(struct sk_reader *r, uint64_t *drops, struct sk_error *err)
{
	struct sk_event ev;
	int rc;
	int idx = sk_param_index(sk_event_info(SK_E_DROP), "count");
	*drops = 0;
	while ((rc = sk_reader_next(r, &ev, err)) == 1) {
		uint64_t n;
		if (ev.type == SK_E_DROP && idx >= 0 && (uint32_t)idx < ev.nparams &&
		    sk_param_uint(&ev.params[idx], &n) == 0)
			*drops += n;
	}
	return rc;
}

static void print_header(const char *path, const struct sk_file_info *fi)
{
	char t[64];
	put_escaped("file:", path);
	printf("%-15s %u.%u\n", "format:", fi->version_major, fi->version_minor);
	put_escaped("recorder:", fi->recorder);
	put_escaped("hostname:", fi->hostname);
	put_escaped("kernel:", fi->kernel_release);
	put_escaped("machine:", fi->machine);
	printf("%-15s %u\n", "cpus:", fi->ncpus);
	fmt_time(fi->boot_time_ns, t, sizeof(t));
	printf("%-15s %s\n", "boot time:", t);
	fmt_time(fi->start_wall_ns, t, sizeof(t));
	printf("%-15s %s (boot clock %" PRIu64 " ns)\n", "capture start:", t, fi->start_boot_ns);
	printf("%-15s %u\n", "snaplen:", fi->snaplen);
	printf("%-15s %s%s%s%s\n",
	       "recorded:", fi->record_flags & SK_REC_ALL_HOST ? "whole host" : "process tree",
	       fi->record_flags & SK_REC_SNAPSHOT ? ", snapshot" : "",
	       fi->record_flags & SK_REC_PAYLOAD ? ", payloads" : "",
	       fi->record_flags & ~7u ? ", unknown flags" : "");
	put_escaped("options:", fi->options);
}

static void print_body(struct sk_reader *r)
{
	const struct sk_file_info *fi = sk_reader_info(r);
	const struct sk_capture_summary *s = sk_reader_summary(r);
	char a[64], b[64];
	if (s->footer_present) {
		printf("%-15s present (closed cleanly)\n", "footer:");
	} else {
		printf("%-15s absent: recovered by scanning, %" PRIu64
		       " bytes torn off at offset %" PRIu64 "\n",
		       "footer:", s->torn_bytes, s->torn_offset);
		put_escaped("recovery:", sk_reader_recovery(r));
	}
	if (s->nevents) {
		uint64_t d = s->last_ts - s->first_ts;
		fmt_time(boot_to_wall(fi, s->first_ts), a, sizeof(a));
		fmt_time(boot_to_wall(fi, s->last_ts), b, sizeof(b));
		printf("%-15s %s .. %s\n", "time range:", a, b);
		printf("%-15s %" PRIu64 ".%09" PRIu64 " s\n", "duration:", d / 1000000000,
		       d % 1000000000);
	} else {
		printf("%-15s none (no events)\n", "time range:");
	}
	printf("%-15s %" PRIu64 "\n", "events:", s->nevents);
	printf("%-15s %" PRIu64 "\n", "chunks:", s->nchunks);
	printf("%-15s %" PRIu64 " bytes (chunk payloads %" PRIu64 ")\n", "on disk:", s->file_size,
	       s->bytes_comp);
	if (s->bytes_comp)
		printf("%-15s %" PRIu64 " bytes (ratio %.2f)\n", "uncompressed:", s->bytes_raw,
		       (double)s->bytes_raw / (double)s->bytes_comp);
	else
		printf("%-15s %" PRIu64 " bytes\n", "uncompressed:", s->bytes_raw);
}

int sk_cmd_info(int argc, char **argv)
{
	struct sk_error err;
	struct sk_reader *r;
	int code = sk_cmd_open_capture(argc, argv, usage, &r);
	if (!r)
		return code;
	const struct sk_capture_summary *s = sk_reader_summary(r);
	uint64_t drops = s->drops;
	int rc = s->drops_known ? 1 : count_drops(r, &drops, &err);
	print_header(argv[1], sk_reader_info(r));
	print_body(r);
	if (rc < 0) {
		printf("%-15s %" PRIu64 " before a corrupt chunk (see 'saker verify')\n",
		       "drops:", drops);
		fprintf(stderr, "saker info: %s\n", err.msg);
	} else {
		printf("%-15s %" PRIu64 "%s\n", "drops:", drops,
		       s->drops_known ? "" : " (counted by scanning)");
	}
	sk_reader_close(r);
	return rc < 0 ? SK_EXIT_BAD_INPUT : SK_EXIT_OK;
}
