/* test_units.c - table tests of the pure pieces: container ids from real
 * cgroup lines, field-name parsing and suggestions, escaping, flag names.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "replay/escape.h"
#include "replay/fields.h"
#include "replay/flags.h"
#include "replay/param.h"
#include "replay/state.h"
#include "format/schema.h"

static int failures;

#define CHECK_STR(got, want)                                                                       \
	do {                                                                                       \
		if (strcmp((got), (want))) {                                                       \
			fprintf(stderr, "%s:%d: got '%s', want '%s'\n", __FILE__, __LINE__, (got), \
				(want));                                                           \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

#define H64 "4a5b6c7d8e9f00112233445566778899aabbccddeeff0011223344556677889a"

static void test_containers(void)
{
	static const struct {
		const char *cgroup;
		const char *id; /* "" = host */
	} cases[] = {
	    /* docker, cgroup v1 */
	    {"12:memory:/docker/" H64, H64},
	    {"11:cpu,cpuacct:/docker/" H64 "/init.scope", H64},
	    /* docker, cgroup v2 with systemd driver */
	    {"0::/system.slice/docker-" H64 ".scope", H64},
	    /* kubernetes with containerd, systemd driver */
	    {"0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1f2e3d4c_5b6a_"
	     "7980_a1b2_c3d4e5f60718.slice/cri-containerd-" H64 ".scope",
	     H64},
	    /* kubernetes, cgroupfs driver, v1 */
	    {"4:pids:/kubepods/burstable/pod1f2e3d4c-5b6a-7980-a1b2-c3d4e5f60718/" H64, H64},
	    /* CRI-O */
	    {"0::/kubepods.slice/kubepods-pod1.slice/crio-" H64 ".scope", H64},
	    {"3:cpuset:/kubepods/pod1/crio-" H64, H64},
	    /* podman (libpod), rootless and rootful; conmon is not the container */
	    {"0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" H64 ".scope",
	     H64},
	    {"0::/machine.slice/libpod-" H64 ".scope/container", H64},
	    {"0::/machine.slice/libpod-conmon-" H64 ".scope", ""},
	    {"1:name=systemd:/libpod_parent/libpod-" H64, H64},
	    /* host processes */
	    {"0::/init.scope", ""},
	    {"0::/user.slice/user-1000.slice/session-3.scope", ""},
	    {"0::/system.slice/sshd.service", ""},
	    /* a hosting provider's memory cgroup named by a bare hex id */
	    {"9:memory:/0123456789abcdef0123456789abcdef", ""},
	    {"9:memory:/" H64, ""},
	    {"0::/" H64, ""},
	    /* Falco-style "controller=path" lines */
	    {"cpuset=/docker/" H64, H64},
	    /* upper-case or short ids are not container ids */
	    {"0::/system.slice/docker-ABCDEF.scope", ""},
	    {"", ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[65];
		int found =
		    sk_container_id_from_cgroups(cases[i].cgroup, strlen(cases[i].cgroup), out);
		CHECK_STR(out, cases[i].id);
		if (found != (cases[i].id[0] != 0)) {
			fprintf(stderr, "case %zu: found=%d\n", i, found);
			failures++;
		}
	}
	/* several NUL-separated lines: the runtime line wins wherever it is */
	static const char multi[] = "12:memory:/0123456789abcdef0123456789abcdef\0"
				    "11:pids:/docker/" H64 "\0"
				    "0::/";
	char out[65];
	sk_container_id_from_cgroups(multi, sizeof(multi), out);
	CHECK_STR(out, H64);
}

static void test_parse(void)
{
	struct sk_field_ref ref;
	char err[256];
	static const struct {
		const char *text;
		int ok;
		int64_t index;
		const char *key;
		const char *errpart;
	} cases[] = {
	    {"proc.name", 1, -1, "", NULL},
	    {"proc.aname[2]", 1, 2, "", NULL},
	    {"proc.aname", 1, -1, "", NULL},
	    {"evt.arg.flags", 1, -1, "flags", NULL},
	    {"evt.arg[1]", 1, 1, "", NULL},
	    {"evt.arg[name]", 1, -1, "name", NULL},
	    {"evt.rawarg.res", 1, -1, "res", NULL},
	    {"fd.types[0]", 1, 0, "", NULL},
	    {"container.mount.dest[/etc]", 1, -1, "/etc", NULL},
	    {"proc.nmae", 0, 0, "", "did you mean 'proc.name'"},
	    {"fd.nme", 0, 0, "", "did you mean 'fd.name'"},
	    {"totally.unknown.thing", 0, 0, "", "unknown field"},
	    {"proc.name[1]", 0, 0, "", "takes no argument"},
	    {"proc.aname[x]", 0, 0, "", "numeric index"},
	    {"evt.arg", 0, 0, "", "needs an argument"},
	    {"proc.aname[2", 0, 0, "", "unterminated"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = 0;
		int rc =
		    sk_field_parse(cases[i].text, strlen(cases[i].text), &ref, err, sizeof(err));
		if ((rc == 0) != cases[i].ok) {
			fprintf(stderr, "parse '%s': rc=%d err=%s\n", cases[i].text, rc, err);
			failures++;
			continue;
		}
		if (!cases[i].ok) {
			if (!strstr(err, cases[i].errpart)) {
				fprintf(stderr, "parse '%s': error '%s' lacks '%s'\n",
					cases[i].text, err, cases[i].errpart);
				failures++;
			}
			continue;
		}
		if (ref.index != cases[i].index)
			failures++, fprintf(stderr, "parse '%s': index %lld\n", cases[i].text,
					    (long long)ref.index);
		CHECK_STR(ref.key, cases[i].key);
	}
	/* every registered name parses to itself, and names are unique */
	for (unsigned i = 0; i < sk_field_count(); i++) {
		const struct sk_field *f = sk_field_at(i);
		const char *suffix = f->arg == SK_FA_INDEX			  ? "[1]"
				     : f->arg == SK_FA_KEY || f->arg == SK_FA_ANY ? ".x"
										  : "";
		char text[128];
		snprintf(text, sizeof(text), "%s%s", f->name, suffix);
		if (sk_field_parse(text, strlen(text), &ref, err, sizeof(err)) < 0 ||
		    ref.field != f) {
			fprintf(stderr, "registry: '%s' does not parse to itself\n", text);
			failures++;
		}
	}
}

/* Every field Falco's own rules use must exist. */
static void test_falco_rule_fields(void)
{
	static const char *const names[] = {
	    "evt.num",
	    "evt.time",
	    "evt.type",
	    "evt.dir",
	    "evt.res",
	    "evt.rawres",
	    "evt.args",
	    "evt.arg.flags",
	    "evt.arg[0]",
	    "evt.buffer",
	    "evt.hostname",
	    "evt.is_open_read",
	    "evt.is_open_write",
	    "evt.is_open_exec",
	    "proc.name",
	    "proc.exe",
	    "proc.exepath",
	    "proc.cmdline",
	    "proc.args",
	    "proc.env",
	    "proc.cwd",
	    "proc.pid",
	    "proc.vpid",
	    "proc.ppid",
	    "proc.pname",
	    "proc.pexe",
	    "proc.pexepath",
	    "proc.pcmdline",
	    "proc.aname[2]",
	    "proc.aexe[3]",
	    "proc.aexepath[4]",
	    "proc.sname",
	    "proc.tty",
	    "proc.duration",
	    "proc.ppid.duration",
	    "proc.vpgid.name",
	    "proc.vpgid.exe",
	    "proc.is_vpgid_leader",
	    "proc.is_exe_upper_layer",
	    "proc.is_exe_from_memfd",
	    "proc.exe_ino.ctime",
	    "proc.exe_ino.mtime",
	    "proc.exe_ino.ctime_duration_proc_start",
	    "thread.tid",
	    "thread.cap_effective",
	    "thread.cap_permitted",
	    "fd.num",
	    "fd.name",
	    "fd.nameraw",
	    "fd.directory",
	    "fd.filename",
	    "fd.type",
	    "fd.typechar",
	    "fd.types",
	    "fd.l4proto",
	    "fd.sockfamily",
	    "fd.ip",
	    "fd.cip",
	    "fd.sip",
	    "fd.lip",
	    "fd.rip",
	    "fd.port",
	    "fd.cport",
	    "fd.sport",
	    "fd.lport",
	    "fd.rport",
	    "fd.net",
	    "fd.cnet",
	    "fd.snet",
	    "fd.lnet",
	    "fd.rnet",
	    "fd.connected",
	    "fd.name_changed",
	    "fd.cip.name",
	    "fd.sip.name",
	    "fd.lip.name",
	    "fd.rip.name",
	    "user.uid",
	    "user.name",
	    "user.loginuid",
	    "user.loginname",
	    "group.gid",
	    "group.name",
	    "container.id",
	    "container.name",
	    "container.image.repository",
	    "container.privileged",
	    "container.start_ts",
	    "container.mounts",
	    "container.mount.dest[/var/run/docker.sock]",
	    "k8s.ns.name",
	    "k8s.pod.name",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct sk_field_ref ref;
		char err[256];
		if (sk_field_parse(names[i], strlen(names[i]), &ref, err, sizeof(err)) < 0) {
			fprintf(stderr, "Falco field '%s': %s\n", names[i], err);
			failures++;
		}
	}
}

static void test_escape(void)
{
	char out[128];
	sk_escape_term("a\x1b[31mb\n", 8, out, sizeof(out));
	CHECK_STR(out, "a\\x1b[31mb\\x0a");
	sk_escape_term("caf\xc3\xa9 \xff\xc2\x85 \\", 11, out, sizeof(out));
	CHECK_STR(out, "caf\xc3\xa9 \\xff\\u0085 \\\\");
	sk_escape_json("q\"\\\x01\xff", 5, out, sizeof(out));
	CHECK_STR(out, "q\\\"\\\\\\u0001\\\\xff");
	/* a right-to-left override cannot reorder what follows it */
	sk_escape_term("x\xe2\x80\xaegpj.exe", 11, out, sizeof(out));
	CHECK_STR(out, "x\\u202egpj.exe");
	/* truncation never splits an escape */
	sk_escape_term("\x01\x02\x03", 3, out, 6);
	CHECK_STR(out, "\\x01");
}

/* Escaping is per character, so a string escapes to the concatenation of
 * its characters' escapes, wherever the word-at-a-time scan for plain runs
 * stops. Strings are random sequences of whole characters (no atom can
 * combine with its neighbour into another UTF-8 sequence). */
static void test_escape_runs(void)
{
	static const char *const atoms[] = {
	    "a",	"Z",  "0",  " ",    "~",    "\x1f",	"\x7f",		"\\",
	    "\"",	"\t", "\n", "\xff", "\xfe", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
	    "\xc2\x85",
	};
	const unsigned natoms = sizeof(atoms) / sizeof(atoms[0]);
	uint32_t seed = 12345;
	for (int round = 0; round < 2000; round++) {
		seed = seed * 1103515245u + 12345u;
		unsigned len = (seed >> 16) % 48;
		for (int json = 0; json < 2; json++) {
			char in[256], whole[2048], parts[2048];
			size_t n = 0, np = 0;
			uint32_t r = seed;
			for (unsigned k = 0; k < len; k++) {
				r = r * 1103515245u + 12345u;
				/* mostly plain letters, so long runs occur */
				const char *a = (r >> 16) % 3 ? "x" : atoms[(r >> 18) % natoms];
				size_t al = strlen(a);
				memcpy(in + n, a, al);
				n += al;
				np += json ? sk_escape_json(a, al, parts + np, 64)
					   : sk_escape_term(a, al, parts + np, 64);
			}
			parts[np] = 0;
			if (json)
				sk_escape_json(in, n, whole, sizeof(whole));
			else
				sk_escape_term(in, n, whole, sizeof(whole));
			CHECK_STR(whole, parts);
		}
	}
}

/* Parameter name ids agree with the schema's own name lookup for every
 * record type and every name, the fixed ids included. */
static void test_pnames(void)
{
	for (unsigned t = 0; t < sk_event_count(); t++) {
		const struct sk_event_info *info = sk_event_at(t);
		for (unsigned i = 0; i < info->nparams; i++) {
			const char *name = info->params[i].name;
			int id = sk_pname_id(name);
			if (id < 0 || sk_pidx(info, id) != sk_param_index(info, name)) {
				fprintf(stderr, "%s.%s: id %d, index %d\n", info->name, name, id,
					sk_pidx(info, id));
				failures++;
			}
		}
		if (sk_pidx(info, SK_PN_FLAGS) != sk_param_index(info, "flags") ||
		    sk_pidx(info, SK_PN_RES) != sk_param_index(info, "res")) {
			fprintf(stderr, "%s: fixed ids disagree\n", info->name);
			failures++;
		}
	}
	if (sk_pname_id("no_such_param") != -1 || sk_pidx(NULL, SK_PN_FD) != -1) {
		fprintf(stderr, "unknown names must have no id\n");
		failures++;
	}
}

static void test_flags(void)
{
	char buf[256];
	sk_flags_render(SK_FT_OPEN_FLAGS, 0, buf, sizeof(buf));
	CHECK_STR(buf, "O_RDONLY");
	sk_flags_render(SK_FT_OPEN_FLAGS, 01 | 0100 | 01000 | 02000000, buf, sizeof(buf));
	CHECK_STR(buf, "O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC");
	sk_flags_render(SK_FT_OPEN_FLAGS, 2 | 04010000, buf, sizeof(buf));
	CHECK_STR(buf, "O_RDWR|O_SYNC");
	sk_flags_render(SK_FT_CLONE_FLAGS, 0x10f00, buf, sizeof(buf));
	CHECK_STR(buf, "CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD");
	sk_flags_render(SK_FT_SOCK_FAMILY, 10, buf, sizeof(buf));
	CHECK_STR(buf, "AF_INET6");
	sk_flags_render(SK_FT_SOCK_FAMILY, 999, buf, sizeof(buf));
	CHECK_STR(buf, "999");
	sk_flags_render(SK_FT_PROT, 0x10 | 1, buf, sizeof(buf));
	CHECK_STR(buf, "PROT_READ|0x10");
	sk_flags_render(SK_FT_PTRACE_REQ, 16, buf, sizeof(buf));
	CHECK_STR(buf, "PTRACE_ATTACH");
	CHECK_STR(sk_errno_name(2), "ENOENT");
	CHECK_STR(sk_errno_name(115), "EINPROGRESS");
	CHECK_STR(sk_errno_name(133), "EHWPOISON");
	CHECK_STR(sk_signal_name(9), "SIGKILL");
	sk_caps_render((1ull << 21) | 1, buf, sizeof(buf));
	CHECK_STR(buf, "CAP_CHOWN CAP_SYS_ADMIN");
}

int main(void)
{
	test_containers();
	test_parse();
	test_falco_rule_fields();
	test_escape();
	test_escape_runs();
	test_pnames();
	test_flags();
	if (failures) {
		fprintf(stderr, "%d failure(s)\n", failures);
		return 1;
	}
	printf("ok\n");
	return 0;
}
