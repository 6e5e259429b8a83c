/* testutil.c - helpers for the format tests (see testutil.h). */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/format/synth.h"
#include "tests/format/testutil.h"

int t_failures;
static char tmpdir[4096];

const char *t_tmpdir(void)
{
	if (tmpdir[0])
		return tmpdir;
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof(tmpdir), "%s/saker-format-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		exit(1);
	}
	atexit(t_cleanup);
	return tmpdir;
}

void t_cleanup(void)
{
	if (!tmpdir[0])
		return;
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	char p[8192];
	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", tmpdir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(tmpdir);
	tmpdir[0] = 0;
}

const char *t_path(const char *name, int slot)
{
	static char paths[4][8192];
	snprintf(paths[slot & 3], sizeof(paths[0]), "%s/%s", t_tmpdir(), name);
	return paths[slot & 3];
}

int t_write_capture(const char *path, uint64_t seed, uint64_t nevents,
		    const struct sk_writer_opts *opts, int close_cleanly)
{
	static struct synth_ev ev;
	struct sk_file_info fi;
	struct sk_error err;
	struct synth s;
	synth_file_info(&fi);
	synth_init(&s, seed, 0);
	struct sk_writer *w = sk_writer_open(path, &fi, opts, &err);
	if (!w) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	for (uint64_t i = 0; i < nevents; i++) {
		synth_next(&s, &ev);
		if (synth_write(w, &ev, &err) < 0) {
			fprintf(stderr, "%s\n", err.msg);
			sk_writer_abandon(w);
			return -1;
		}
	}
	if (!close_cleanly) {
		if (sk_writer_seal(w, &err) < 0) {
			fprintf(stderr, "%s\n", err.msg);
			sk_writer_abandon(w);
			return -1;
		}
		sk_writer_abandon(w);
		return 0;
	}
	if (sk_writer_close(w, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

uint8_t *t_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

int t_write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	int rc = write(fd, data, len) == (ssize_t)len ? 0 : -1;
	close(fd);
	return rc;
}

int t_run(char *const argv[], char *out, size_t outlen)
{
	char log[8192];
	snprintf(log, sizeof(log), "%s/run.log", t_tmpdir());
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0)
			_exit(126);
		dup2(fd, 1);
		dup2(fd, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return -1;
	size_t n = 0;
	uint8_t *buf = t_read_file(log, &n);
	n = buf ? (n < outlen - 1 ? n : outlen - 1) : 0;
	if (buf)
		memcpy(out, buf, n);
	out[n] = 0;
	free(buf);
	unlink(log);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int t_done(const char *name)
{
	if (t_failures) {
		fprintf(stderr, "%s: %d check(s) failed\n", name, t_failures);
		return 1;
	}
	printf("%s: all checks passed\n", name);
	return 0;
}
