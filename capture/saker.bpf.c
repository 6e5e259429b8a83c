// SPDX-License-Identifier: GPL-2.0
/* saker.bpf.c - the eBPF probe behind saker-record.
 *
 * One record per syscall, emitted at sys_exit from a tp_btf program: the
 * argument registers still hold the arguments there, so one record carries
 * arguments, result and the user memory the syscall named (paths, payloads,
 * socket addresses). Copying happens only at exit, which costs far less than
 * a record at both entry and exit. execve/execveat (their memory is gone
 * after) and exit/exit_group (they never return) also get an entry record
 * at sys_enter; calls still blocked at stop get theirs from the recorder.
 *
 * Process lifecycle comes from the sched_process_{fork,exec,exit}
 * tracepoints; the fork hook also grows the set of recorded processes so a
 * `saker-record -- CMD` run follows CMD's whole tree.
 *
 * Records are built in a per-CPU scratch area and copied into one BPF ring
 * buffer; when the buffer is full the record is dropped and a per-CPU counter
 * grows, which userspace turns into DROP records. The host never waits.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

#include "capture/saker.h"

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 self_tgid = 0;	 /* never recorded */
const volatile __u32 follow_only = 0;	 /* 1: record only tgids in `tracked` */
const volatile __u32 snaplen = 256;	 /* payload bytes kept per record */
const volatile __u64 wakeup_mask = 1023; /* wake the reader every mask+1 records */

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 << 20);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, __u8);
} tracked SEC(".maps");

/* Threads inside execveat: a successful execveat reaches sys_exit with
 * execve's number in orig_ax, so its entry is remembered here. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, __u8);
} in_execveat SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SK_NR_MAX);
	__type(key, __u32);
	__type(value, struct sk_desc);
} descs SEC(".maps");

/* Per CPU: [0] records dropped, [1] records submitted (for wakeups). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u64);
} drops SEC(".maps");

struct sk_scratch {
	char buf[SK_SCRATCH];
};

/* One entry per possible CPU (userspace sets max_entries before load). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct sk_scratch);
} scratch SEC(".maps");

/* User-space layouts (UAPI, stable). */
struct sk_uiovec {
	__u64 base;
	__u64 len;
};

struct sk_umsghdr {
	__u64 name;
	__u32 namelen;
	__u32 pad;
	__u64 iov;
	__u64 iovlen;
};

/* Kernel layouts that changed over time (CO-RE flavors). */
struct inode___v66 {
	struct timespec64 __i_ctime;
	struct timespec64 i_mtime;
} __attribute__((preserve_access_index));

struct inode___v67 {
	struct timespec64 __i_mtime;
} __attribute__((preserve_access_index));

struct inode___old {
	struct timespec64 i_ctime;
	struct timespec64 i_mtime;
} __attribute__((preserve_access_index));

#define S_IFMT	      00170000
#define S_IFSOCK      0140000
#define AF_UNIX	      1
#define AF_INET	      2
#define AF_INET6      10
#define RLIMIT_NOFILE 7

/* Values in `tracked`: a followed process, or the command saker-record
 * started, which is followed from its execve on (its earlier syscalls are
 * the recorder's own start-up handshake). */
#define SK_FOLLOWED	1
#define SK_PENDING_EXEC 2

static __always_inline int wanted_nr(__u32 tgid, __u32 nr)
{
	__u8 *v;

	if (tgid == self_tgid)
		return 0;
	if (!follow_only)
		return 1;
	v = bpf_map_lookup_elem(&tracked, &tgid);
	if (!v)
		return 0;
	return *v == SK_FOLLOWED || nr == 59 || nr == 322;
}

static __always_inline int wanted(__u32 tgid)
{
	return wanted_nr(tgid, 0);
}

static __always_inline char *scratch_buf(void)
{
	__u32 cpu = bpf_get_smp_processor_id();

	return bpf_map_lookup_elem(&scratch, &cpu);
}

/* Waking the reader for every record costs more than the record, and
 * asking the ring how full it is reads a cache line the reader keeps
 * writing; so each CPU wakes the reader once every wakeup_mask + 1 records
 * (sized by the recorder so that all CPUs together fill at most half the
 * ring meanwhile) and the reader otherwise polls on a timer. */
static __always_inline __u64 wakeup_flag(void)
{
	__u32 one = 1;
	__u64 *n = bpf_map_lookup_elem(&drops, &one);

	if (n && (++*n & wakeup_mask) == 0)
		return BPF_RB_FORCE_WAKEUP;
	return BPF_RB_NO_WAKEUP;
}

static __always_inline void count_drop(void)
{
	__u32 zero = 0;
	__u64 *n = bpf_map_lookup_elem(&drops, &zero);

	if (n)
		*n += 1;
}

static __always_inline void submit(char *buf, __u32 size)
{
	__u64 flags = wakeup_flag();

	size &= SK_OFF_MASK;
	if (size < sizeof(struct sk_rec))
		return;
	if (bpf_ringbuf_output(&events, buf, size, flags))
		count_drop();
}

/* Every header field but args and res; id is bpf_get_current_pid_tgid(). */
static __always_inline void rec_fill(struct sk_rec *r, __u64 id, __u16 kind, __u16 nr)
{
	r->ts = bpf_ktime_get_boot_ns();
	r->tid = (__u32)id;
	r->pid = id >> 32;
	r->kind = kind;
	r->cpu = bpf_get_smp_processor_id();
	r->nr = nr;
	r->flags = 0;
	r->size = sizeof(*r);
	r->pad = 0;
	r->dev = 0;
	r->ino = 0;
	for (int i = 0; i < SK_NBLOBS; i++)
		r->blen[i] = 0;
	r->pad2 = 0;
}

static __always_inline void rec_init(struct sk_rec *r, __u16 kind, __u16 nr)
{
	rec_fill(r, bpf_get_current_pid_tgid(), kind, nr);
	r->res = 0;
}

/* x86_64 syscall argument registers. */
static __always_inline void syscall_args(struct sk_rec *r, struct pt_regs *regs)
{
	r->args[0] = regs->di;
	r->args[1] = regs->si;
	r->args[2] = regs->dx;
	r->args[3] = regs->r10;
	r->args[4] = regs->r8;
	r->args[5] = regs->r9;
}

static __always_inline struct file *fd_file(long fd)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	struct file **fda;
	struct file *f = NULL;

	if (!fdt || fd < 0 || fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	fda = BPF_CORE_READ(fdt, fd);
	bpf_probe_read_kernel(&f, sizeof(f), &fda[fd]);
	return f;
}

static __always_inline void file_facts(struct sk_rec *r, long fd)
{
	struct file *f = fd_file(fd);

	if (!f)
		return;
	r->dev = BPF_CORE_READ(f, f_inode, i_sb, s_dev);
	r->ino = BPF_CORE_READ(f, f_inode, i_ino);
}

/* Bytes from user memory into buf at off; returns the length kept. */
static __always_inline __u32 copy_user(struct sk_rec *r, char *buf, __u32 off, __u64 ptr, __u64 len,
				       __u32 max)
{
	if (!ptr || !len)
		return 0;
	if (len > max) {
		len = max;
		r->flags |= SK_RF_TRUNCATED;
	}
	if (len > SK_SNAP_MAX)
		len = SK_SNAP_MAX;
	if (bpf_probe_read_user(buf + (off & SK_OFF_MASK), len, (void *)ptr)) {
		r->flags |= SK_RF_FAULT;
		return 0;
	}
	return len;
}

static __always_inline __u32 copy_str(struct sk_rec *r, char *buf, __u32 off, __u64 ptr)
{
	long n;

	if (!ptr)
		return 0;
	n = bpf_probe_read_user_str(buf + (off & SK_OFF_MASK), SK_STR_MAX, (void *)ptr);
	if (n <= 0) {
		r->flags |= SK_RF_FAULT;
		return 0;
	}
	if (n == SK_STR_MAX)
		r->flags |= SK_RF_TRUNCATED;
	return n - 1;
}

/* The iovecs at iovp, up to the result's byte count. */
static __noinline __u32 copy_iov(struct sk_rec *r, char *buf, __u32 off, __u64 iovp, __u64 cnt)
{
	__u64 total = r->res;
	__u32 pos = 0;

	if (total > snaplen) {
		total = snaplen;
		r->flags |= SK_RF_TRUNCATED;
	}
	for (int i = 0; i < SK_IOV_MAX; i++) {
		struct sk_uiovec iov;
		__u64 n;

		if (i >= cnt || pos >= total)
			break;
		if (bpf_probe_read_user(&iov, sizeof(iov), (void *)(iovp + i * sizeof(iov)))) {
			r->flags |= SK_RF_FAULT;
			break;
		}
		n = iov.len;
		if (n > total - pos)
			n = total - pos;
		if (n > SK_SNAP_MAX)
			n = SK_SNAP_MAX;
		if (bpf_probe_read_user(buf + ((off + pos) & SK_OFF_MASK), n, (void *)iov.base)) {
			r->flags |= SK_RF_FAULT;
			break;
		}
		pos += n;
	}
	return pos;
}

/* The strings of a NULL-terminated pointer array (execve's argv). As in
 * copy_path, the position is kept in r->pad to keep verification linear. */
static __noinline __u32 copy_argv(struct sk_rec *r, char *buf, __u32 off, __u64 argv)
{
	r->pad = 0;
	for (int i = 0; i < SK_ARGV_COUNT; i++) {
		__u32 pos = r->pad;
		__u64 p = 0;
		long n;

		if (bpf_probe_read_user(&p, sizeof(p), (void *)(argv + i * 8)) || !p)
			break;
		if (pos >= SK_ARGV_MAX) {
			r->flags |= SK_RF_TRUNCATED;
			r->pad = SK_ARGV_MAX;
			break;
		}
		/* constant size keeps the verifier simple; the scratch area has
		 * room for a string starting anywhere below SK_ARGV_MAX */
		n = bpf_probe_read_user_str(buf + ((off + pos) & SK_OFF_MASK), SK_ARGV_MAX,
					    (void *)p);
		if (n <= 0)
			break;
		r->pad = pos + n;
	}
	if (r->pad > SK_ARGV_MAX) {
		r->flags |= SK_RF_TRUNCATED;
		r->pad = SK_ARGV_MAX;
	}
	return r->pad;
}

static __noinline __u32 copy_tuple(struct sk_rec *r, char *buf, __u32 off, long fd)
{
	struct sk_raw_tuple *t = (void *)(buf + (off & SK_OFF_MASK));
	struct file *f = fd_file(fd);
	struct socket *sock;
	struct sock *sk;
	__u16 family;

	if (!f || (BPF_CORE_READ(f, f_inode, i_mode) & S_IFMT) != S_IFSOCK)
		return 0;
	sock = BPF_CORE_READ(f, private_data);
	sk = BPF_CORE_READ(sock, sk);
	if (!sk)
		return 0;
	family = BPF_CORE_READ(sk, __sk_common.skc_family);
	t->family = family;
	t->pad = 0;
	if (family == AF_INET || family == AF_INET6) {
		t->lport = BPF_CORE_READ(sk, __sk_common.skc_num);
		t->rport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
		__builtin_memset(t->laddr, 0, 32);
		if (family == AF_INET) {
			bpf_core_read(t->laddr, 4, &sk->__sk_common.skc_rcv_saddr);
			bpf_core_read(t->raddr, 4, &sk->__sk_common.skc_daddr);
		} else {
			bpf_core_read(t->laddr, 16, &sk->__sk_common.skc_v6_rcv_saddr);
			bpf_core_read(t->raddr, 16, &sk->__sk_common.skc_v6_daddr);
		}
		return __builtin_offsetof(struct sk_raw_tuple, lpath);
	}
	if (family == AF_UNIX) {
		struct unix_sock *us = (struct unix_sock *)sk;
		struct unix_address *a = BPF_CORE_READ(us, addr);
		struct sock *peer = BPF_CORE_READ(us, peer);

		t->lport = t->rport = 0;
		t->lpath[0] = t->rpath[0] = 0;
		if (a)
			bpf_probe_read_kernel(t->lpath, SK_UNIX_PATH, a->name[0].sun_path);
		if (peer) {
			a = BPF_CORE_READ((struct unix_sock *)peer, addr);
			if (a)
				bpf_probe_read_kernel(t->rpath, SK_UNIX_PATH, a->name[0].sun_path);
		}
		return sizeof(*t);
	}
	return sizeof(__u16) * 4;
}

static __noinline __u32 copy_blob(struct sk_rec *r, char *buf, __u32 off,
				  const struct sk_blob_desc *d)
{
	__u8 kind = d->kind, arg = d->arg, len = d->len;
	__u64 ptr = r->args[arg < 6 ? arg : 0];
	__u64 lenv = r->args[len < 6 ? len : 0];
	struct sk_umsghdr mh;

	switch (kind) {
	case SK_B_STR:
		return copy_str(r, buf, off, ptr);
	case SK_B_RES:
		if (r->res <= 0)
			return 0;
		return copy_user(r, buf, off, ptr, r->res, snaplen);
	case SK_B_LEN:
		return copy_user(r, buf, off, ptr, lenv, snaplen);
	case SK_B_FIX:
		return copy_user(r, buf, off, ptr, len, 255);
	case SK_B_SOCKADDR:
		return copy_user(r, buf, off, ptr, len == 0xff ? SK_SOCKADDR_MAX : lenv,
				 SK_SOCKADDR_MAX);
	case SK_B_IOV:
		if (r->res <= 0)
			return 0;
		return copy_iov(r, buf, off, ptr, lenv);
	case SK_B_MSG:
	case SK_B_MSGNAME:
		if (!ptr || bpf_probe_read_user(&mh, sizeof(mh), (void *)ptr))
			return 0;
		if (kind == SK_B_MSGNAME)
			return copy_user(r, buf, off, mh.name, mh.namelen, SK_SOCKADDR_MAX);
		if (r->res <= 0)
			return 0;
		return copy_iov(r, buf, off, mh.iov, mh.iovlen);
	case SK_B_ARGV:
		return copy_argv(r, buf, off, ptr);
	case SK_B_TUPLE:
		return copy_tuple(r, buf, off, arg == SK_ARG_RES ? r->res : (long)ptr);
	}
	return 0;
}

static __always_inline __u32 copy_blobs(struct sk_rec *r, char *buf, const struct sk_blob_desc *d,
					int n)
{
	__u32 off = sizeof(*r);

	for (int i = 0; i < n; i++) {
		__u32 len;

		if (!d[i].kind)
			break;
		len = copy_blob(r, buf, off, &d[i]);
		r->blen[i] = len;
		off = (off + len) & SK_OFF_MASK;
	}
	return off;
}

/* dev/ino of the file the descriptor names (the result, an fd argument, or
 * an fd stored in user memory). */
static __always_inline void desc_file_facts(struct sk_rec *r, const struct sk_desc *d)
{
	__u8 arg = d->file_arg < 6 ? d->file_arg : 0;

	if (d->flags & SK_D_FILE_RES)
		file_facts(r, r->res);
	else if (d->flags & SK_D_FILE_ARG)
		file_facts(r, (int)r->args[arg]);
	else if (d->flags & SK_D_FILE_UFD) {
		int fd = -1;

		bpf_probe_read_user(&fd, sizeof(fd), (void *)r->args[arg]);
		file_facts(r, fd);
	}
}

/* A record without blobs (most syscalls) is built in the ring itself: one
 * reservation of the header's size, no scratch area, no copy. */
static __always_inline void emit_header(struct pt_regs *regs, __u64 id, __u16 kind, __u32 nr,
					long ret, const struct sk_desc *d)
{
	__u64 flags = wakeup_flag();
	struct sk_rec *r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);

	if (!r) {
		count_drop();
		return;
	}
	rec_fill(r, id, kind, nr);
	r->res = ret;
	syscall_args(r, regs);
	if (d && kind == SK_K_SYS_EXIT)
		desc_file_facts(r, d);
	bpf_ringbuf_submit(r, flags);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sk_sys_exit, struct pt_regs *regs, long ret)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct sk_desc *d;
	struct sk_rec *r;
	char *buf;
	__u32 nr, off;

	nr = regs->orig_ax;
	/* rt_sigreturn restores the interrupted registers with orig_ax -1 */
	if (nr == (__u32)-1)
		nr = 15;
	if (!wanted_nr(id >> 32, nr))
		return 0;
	if (nr == 59 || nr == 322) {
		__u32 tid = (__u32)id;

		if (bpf_map_lookup_elem(&in_execveat, &tid)) {
			nr = 322;
			bpf_map_delete_elem(&in_execveat, &tid);
		}
	}
	d = nr < SK_NR_MAX ? bpf_map_lookup_elem(&descs, &nr) : NULL;
	if (!d || !d->nblobs) {
		emit_header(regs, id, SK_K_SYS_EXIT, nr, ret, d);
		return 0;
	}
	buf = scratch_buf();
	if (!buf)
		return 0;
	r = (void *)buf;
	rec_fill(r, id, SK_K_SYS_EXIT, nr);
	r->res = ret;
	syscall_args(r, regs);
	off = copy_blobs(r, buf, d->blob, 4);
	desc_file_facts(r, d);
	r->size = off;
	submit(buf, off);
	return 0;
}

static __always_inline int on_enter(struct pt_regs *regs, __u32 nr)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct sk_desc *d;
	struct sk_rec *r;
	char *buf;
	__u32 off;

	if (!wanted_nr(id >> 32, nr))
		return 0;
	if (nr == 322) {
		__u32 tid = (__u32)id;
		__u8 one = 1;

		bpf_map_update_elem(&in_execveat, &tid, &one, BPF_ANY);
	}
	d = bpf_map_lookup_elem(&descs, &nr);
	if (!d || !d->enter_blob[0].kind) {
		emit_header(regs, id, SK_K_SYS_ENTER, nr, 0, NULL);
		return 0;
	}
	buf = scratch_buf();
	if (!buf)
		return 0;
	r = (void *)buf;
	rec_fill(r, id, SK_K_SYS_ENTER, nr);
	r->res = 0;
	syscall_args(r, regs);
	off = copy_blobs(r, buf, d->enter_blob, 2);
	r->size = off;
	submit(buf, off);
	return 0;
}

/* Entry records only for the calls whose arguments are gone after (execve,
 * execveat) or that never return (exit, exit_group); every other syscall
 * leaves this hook after one comparison. A call that may block (read,
 * accept, ...) is recorded at its exit; one still blocked when recording
 * stops gets its entry record from the recorder (blocked.h). */
SEC("tp_btf/sys_enter")
int BPF_PROG(sk_sys_enter, struct pt_regs *regs, long id)
{
	switch (id) {
	case 59:  /* execve */
	case 60:  /* exit */
	case 231: /* exit_group */
	case 322: /* execveat */
		return on_enter(regs, id);
	}
	return 0;
}

static __always_inline __u64 clone_flags_of(struct task_struct *parent, struct task_struct *child)
{
	__u64 f = 0;

	if (BPF_CORE_READ(child, tgid) == BPF_CORE_READ(parent, tgid))
		f |= 0x00010000; /* CLONE_THREAD */
	if (BPF_CORE_READ(child, mm) == BPF_CORE_READ(parent, mm))
		f |= 0x00000100; /* CLONE_VM */
	if (BPF_CORE_READ(child, files) == BPF_CORE_READ(parent, files))
		f |= 0x00000400; /* CLONE_FILES */
	if (BPF_CORE_READ(child, fs) == BPF_CORE_READ(parent, fs))
		f |= 0x00000200; /* CLONE_FS */
	return f;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(sk_fork, struct task_struct *parent, struct task_struct *child)
{
	__u32 ptgid = BPF_CORE_READ(parent, tgid);
	__u32 ctgid = BPF_CORE_READ(child, tgid);
	struct sk_rec *r;
	__u8 one = 1;
	char *buf;

	if (!wanted(ptgid))
		return 0;
	if (follow_only && ctgid != ptgid)
		bpf_map_update_elem(&tracked, &ctgid, &one, BPF_ANY);
	buf = scratch_buf();
	if (!buf)
		return 0;
	r = (void *)buf;
	rec_init(r, SK_K_FORK, 0);
	r->args[0] = BPF_CORE_READ(child, pid);
	r->args[1] = ctgid;
	r->args[2] = clone_flags_of(parent, child);
	r->args[3] = BPF_CORE_READ(child, start_boottime);
	bpf_probe_read_kernel_str(buf + sizeof(*r), 16, child->comm);
	r->blen[0] = 16;
	r->size = sizeof(*r) + 16;
	submit(buf, r->size);
	return 0;
}

/* Writes the components of a path leaf first, each NUL-terminated,
 * crossing mount points up to the root of the mount namespace. The write
 * position lives in the record (r->pad), not in a register, so the verifier
 * sees the same state on every iteration instead of one per length. */
static __noinline __u32 copy_path(struct sk_rec *r, char *buf, __u32 off, struct dentry *dentry,
				  struct vfsmount *vfsmnt)
{
	__u64 moff = bpf_core_field_offset(struct mount, mnt);
	struct mount *mnt = (void *)vfsmnt - moff;

	r->pad = 0;
	for (int i = 0; i < SK_PATH_DEPTH; i++) {
		struct dentry *parent = BPF_CORE_READ(dentry, d_parent);
		struct dentry *root = BPF_CORE_READ(mnt, mnt.mnt_root);
		__u32 pos = r->pad;
		long n;

		if (!dentry)
			break;
		if (dentry == root) {
			struct mount *up = BPF_CORE_READ(mnt, mnt_parent);

			if (up == mnt || !up)
				break;
			dentry = BPF_CORE_READ(mnt, mnt_mountpoint);
			mnt = up;
			continue;
		}
		if (pos > SK_STR_MAX - SK_NAME_MAX) {
			r->flags |= SK_RF_TRUNCATED;
			break;
		}
		/* a dentry that is its own parent outside any mount tree (memfd,
		 * pipe): its name is the whole path */
		n = bpf_probe_read_kernel_str(buf + ((off + pos) & SK_OFF_MASK), SK_NAME_MAX,
					      BPF_CORE_READ(dentry, d_name.name));
		if (n <= 0)
			break;
		r->pad = pos + n;
		if (dentry == parent)
			break;
		dentry = parent;
	}
	return r->pad;
}

static __always_inline __u64 ts_ns(__s64 sec, __u32 nsec)
{
	return (__u64)sec * 1000000000ull + nsec;
}

static __always_inline void inode_times(struct sk_exec *e, struct inode *ino)
{
	if (bpf_core_field_exists(ino->i_ctime_sec)) {
		e->exe_ctime_ns =
		    ts_ns(BPF_CORE_READ(ino, i_ctime_sec), BPF_CORE_READ(ino, i_ctime_nsec));
		e->exe_mtime_ns =
		    ts_ns(BPF_CORE_READ(ino, i_mtime_sec), BPF_CORE_READ(ino, i_mtime_nsec));
		return;
	}
	struct inode___v66 *i66 = (void *)ino;
	struct inode___old *io = (void *)ino;

	if (bpf_core_field_exists(i66->__i_ctime)) {
		e->exe_ctime_ns = ts_ns(BPF_CORE_READ(i66, __i_ctime.tv_sec),
					BPF_CORE_READ(i66, __i_ctime.tv_nsec));
		if (bpf_core_field_exists(i66->i_mtime)) {
			e->exe_mtime_ns = ts_ns(BPF_CORE_READ(i66, i_mtime.tv_sec),
						BPF_CORE_READ(i66, i_mtime.tv_nsec));
		} else {
			struct inode___v67 *i67 = (void *)ino;

			e->exe_mtime_ns = ts_ns(BPF_CORE_READ(i67, __i_mtime.tv_sec),
						BPF_CORE_READ(i67, __i_mtime.tv_nsec));
		}
		return;
	}
	e->exe_ctime_ns =
	    ts_ns(BPF_CORE_READ(io, i_ctime.tv_sec), BPF_CORE_READ(io, i_ctime.tv_nsec));
	e->exe_mtime_ns =
	    ts_ns(BPF_CORE_READ(io, i_mtime.tv_sec), BPF_CORE_READ(io, i_mtime.tv_nsec));
}

#define OVERLAYFS_SUPER_MAGIC 0x794c7630

/* 1 when an overlayfs inode has a copy in the upper (writable) layer, i.e.
 * the file was written or modified in the container, not shipped in its
 * image. The file's f_inode is the real inode; the overlay inode is the
 * one of its f_path dentry. */
static __always_inline __u32 upper_layer(struct inode *ino)
{
	struct ovl_inode *oi;

	if (!ino || BPF_CORE_READ(ino, i_sb, s_magic) != OVERLAYFS_SUPER_MAGIC)
		return 0;
	if (!bpf_core_type_exists(struct ovl_inode))
		return 0; /* overlay is a module without BTF here */
	oi = (void *)ino - bpf_core_field_offset(struct ovl_inode, vfs_inode);
	return BPF_CORE_READ(oi, __upperdentry) != NULL;
}

static __always_inline __s32 pid_nr_of(struct pid *pid, int global)
{
	struct upid up = {};
	unsigned int level;

	if (!pid)
		return 0;
	level = global ? 0 : BPF_CORE_READ(pid, level);
	bpf_probe_read_kernel(&up, sizeof(up), &pid->numbers[level & 31]);
	return up.nr;
}

static __always_inline void proc_facts(struct sk_exec *e, struct task_struct *t)
{
	struct signal_struct *sig = BPF_CORE_READ(t, signal);
	const struct cred *cred = BPF_CORE_READ(t, cred);
	struct tty_struct *tty = BPF_CORE_READ(sig, tty);

	e->ppid = BPF_CORE_READ(t, real_parent, tgid);
	e->sid = pid_nr_of(BPF_CORE_READ(sig, pids[PIDTYPE_SID]), 1);
	e->pgid = pid_nr_of(BPF_CORE_READ(sig, pids[PIDTYPE_PGID]), 1);
	e->vtid = pid_nr_of(BPF_CORE_READ(t, thread_pid), 0);
	e->vpid = pid_nr_of(BPF_CORE_READ(t, group_leader, thread_pid), 0);
	e->tty = 0;
	if (tty) {
		__u32 major = BPF_CORE_READ(tty, driver, major);
		__u32 minor = BPF_CORE_READ(tty, driver, minor_start) + BPF_CORE_READ(tty, index);

		e->tty = (major << 20) | minor;
	}
	e->uid = BPF_CORE_READ(cred, uid.val);
	e->gid = BPF_CORE_READ(cred, gid.val);
	e->euid = BPF_CORE_READ(cred, euid.val);
	e->egid = BPF_CORE_READ(cred, egid.val);
	e->loginuid = (__u32)-1;
	if (bpf_core_field_exists(t->loginuid))
		e->loginuid = BPF_CORE_READ(t, loginuid.val);
	bpf_core_read(&e->cap_inh, 8, &cred->cap_inheritable);
	bpf_core_read(&e->cap_prm, 8, &cred->cap_permitted);
	bpf_core_read(&e->cap_eff, 8, &cred->cap_effective);
	e->start_boot_ns = BPF_CORE_READ(t, group_leader, start_boottime);
	e->fdlimit = BPF_CORE_READ(sig, rlim[RLIMIT_NOFILE].rlim_cur);
	e->cgroup_id = bpf_get_current_cgroup_id();
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(sk_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	__u32 tgid = BPF_CORE_READ(p, tgid);
	struct mm_struct *mm = BPF_CORE_READ(p, mm);
	struct file *exe = BPF_CORE_READ(bprm, file);
	struct sk_exec *e;
	struct sk_rec *r;
	struct path pwd;
	char *buf, *name;
	__u32 off, len;
	__u64 start, end;
	__u8 followed = SK_FOLLOWED;
	long n;

	if (!wanted_nr(tgid, 59))
		return 0;
	if (follow_only)
		bpf_map_update_elem(&tracked, &tgid, &followed, BPF_ANY);
	buf = scratch_buf();
	if (!buf)
		return 0;
	r = (void *)buf;
	rec_init(r, SK_K_EXEC, 0);
	r->args[0] = old_pid;
	e = (void *)(buf + sizeof(*r));
	__builtin_memset(e, 0, sizeof(*e));
	proc_facts(e, p);
	e->exe_ino = BPF_CORE_READ(exe, f_inode, i_ino);
	inode_times(e, BPF_CORE_READ(exe, f_inode));
	e->exe_upper_layer = upper_layer(BPF_CORE_READ(exe, f_path.dentry, d_inode));
	off = sizeof(*r) + sizeof(*e);

	n = bpf_probe_read_kernel_str(buf + off, SK_STR_MAX, BPF_CORE_READ(bprm, filename));
	len = n > 0 ? n - 1 : 0;
	r->blen[0] = len;
	off = (off + len) & SK_OFF_MASK;

	name = buf + (off & SK_OFF_MASK);
	len = copy_path(r, buf, off, BPF_CORE_READ(exe, f_path.dentry),
			BPF_CORE_READ(exe, f_path.mnt));
	r->blen[1] = len;
	if (len >= 6 && name[0] == 'm' && name[1] == 'e' && name[2] == 'm' && name[3] == 'f' &&
	    name[4] == 'd' && name[5] == ':')
		e->exe_from_memfd = 1;
	off = (off + len) & SK_OFF_MASK;

	start = BPF_CORE_READ(mm, arg_start);
	end = BPF_CORE_READ(mm, arg_end);
	len = copy_user(r, buf, off, start, end > start ? end - start : 0, SK_ARGV_MAX);
	r->blen[2] = len;
	off = (off + len) & SK_OFF_MASK;

	start = BPF_CORE_READ(mm, env_start);
	end = BPF_CORE_READ(mm, env_end);
	len = copy_user(r, buf, off, start, end > start ? end - start : 0, SK_ARGV_MAX);
	r->blen[3] = len;
	off = (off + len) & SK_OFF_MASK;

	BPF_CORE_READ_INTO(&pwd, p, fs, pwd);
	len = copy_path(r, buf, off, pwd.dentry, pwd.mnt);
	r->blen[4] = len;
	off = (off + len) & SK_OFF_MASK;

	bpf_probe_read_kernel_str(buf + off, 16, p->comm);
	r->blen[5] = 16;
	off = (off + 16) & SK_OFF_MASK;

	r->size = off;
	submit(buf, off);
	return 0;
}

#define PF_EXITING	 0x4
#define SK_SUBREAPER_MAX 16

/* Who inherits the children of exiting thread p, as the kernel's
 * find_new_reaper: another live thread of the group (here the group leader,
 * else unknown: 0), else the nearest live child subreaper ancestor, else the
 * init of p's pid namespace. 0 when p has no children. */
static __always_inline __u32 reaper_of(struct task_struct *p, int live)
{
	struct task_struct *leader, *reaper, *t;
	struct pid_namespace *ns = NULL;
	struct signal_struct *sig;
	struct pid *pid;
	unsigned int level;

	if (BPF_CORE_READ(p, children.next) == __builtin_preserve_access_index(&p->children))
		return 0;
	if (live > 0) {
		leader = BPF_CORE_READ(p, group_leader);
		if (leader != p && !(BPF_CORE_READ(leader, flags) & PF_EXITING))
			return BPF_CORE_READ(leader, pid);
		return 0;
	}
	pid = BPF_CORE_READ(p, thread_pid);
	level = BPF_CORE_READ(pid, level);
	bpf_core_read(&ns, sizeof(ns), &pid->numbers[level & 31].ns);
	reaper = BPF_CORE_READ(ns, child_reaper);
	sig = BPF_CORE_READ(p, signal);
	if (BPF_CORE_READ_BITFIELD_PROBED(sig, has_child_subreaper)) {
		t = BPF_CORE_READ(p, real_parent);
		for (int i = 0; i < SK_SUBREAPER_MAX && t && t != reaper; i++) {
			sig = BPF_CORE_READ(t, signal);
			if (BPF_CORE_READ_BITFIELD_PROBED(sig, is_child_subreaper) &&
			    !(BPF_CORE_READ(t, flags) & PF_EXITING))
				return BPF_CORE_READ(t, pid);
			t = BPF_CORE_READ(t, real_parent);
		}
	}
	return reaper ? BPF_CORE_READ(reaper, pid) : 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(sk_exit, struct task_struct *p)
{
	__u32 tgid = BPF_CORE_READ(p, tgid);
	int live = BPF_CORE_READ(p, signal, live.counter);
	struct sk_rec *r;
	char *buf;

	if (!wanted(tgid))
		return 0;
	buf = scratch_buf();
	if (buf) {
		r = (void *)buf;
		rec_init(r, SK_K_EXIT, 0);
		r->args[0] = BPF_CORE_READ(p, exit_code);
		r->args[1] = live == 0;
		r->args[2] = reaper_of(p, live);
		r->size = sizeof(*r);
		submit(buf, r->size);
	}
	if (follow_only && live == 0)
		bpf_map_delete_elem(&tracked, &tgid);
	return 0;
}
