/// The C source of the exec wrapper: the sandbox's code that runs in the child between
/// posix_spawn and the submission's exec (posix_spawn itself cannot run code there). It is
/// compiled on first use with the system C compiler and cached by a hash of this text, so an
/// edit here rebuilds it. See `ExecWrapper` for why a compiled wrapper, and the file's own
/// header comment for its command line.
enum ExecWrapperSource {
    static let text = #"""
/* optimlab sandbox exec wrapper: confines itself, then execs the submission.
 *
 *   wrapper --probe
 *   wrapper [-c cpu] [-a bytes] [-f bytes] [-o files] [-n procs] [-U] [-N] [-P [-M]]
 *           [-L abi [-T]] [-S] [-r path]... [-w path]... [-d dir] -- exe arg...
 *
 * -U new user namespace first, mapping the caller's uid and gid to themselves: it lets an
 * unprivileged caller create the other namespaces, makes RLIMIT_NPROC count only the
 * sandbox's processes, and leaves root's capabilities behind (they then apply only inside
 * the sandbox's own namespaces: no module loading, no clock setting, no raw devices).
 * -N new network namespace, -P new PID namespace (this process forks a pid-1 reaper,
 * which forks the target as pid 2; -M also caps the namespace's pid_max, which
 * bounds its process count even for root, who is exempt from RLIMIT_NPROC), -L Landlock with -r read-only and -w read-write
 * paths (-T: Landlock also denies TCP bind and connect, ABI >= 4, for hosts without network
 * namespaces). -S a seccomp filter: no IPv4, IPv6 or packet sockets (EACCES), no io_uring
 * (which can open sockets without socket(2)), and no system call from a foreign ABI (x32, i386),
 * for hosts without network namespaces, where Landlock cannot stop UDP.
 * Every step fails closed: the reason goes to fd 4 (close-on-exec), then exit 127, so
 * an empty fd 4 at EOF means the target was exec'd.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule 445
#define SYS_landlock_restrict_self 446
#endif

#ifndef SYS_io_uring_setup
#define SYS_io_uring_setup 425
#endif

#define SETUP_FD 4
#define MAX_PATHS 64

struct ruleset_attr { uint64_t fs, net, scoped; };
struct path_rule { uint64_t allowed; int32_t parent_fd; } __attribute__((packed));

struct config {
    long long cpu, as, fsize, nofile, nproc;
    int userns, net, pidns, pidmax, landlock, deny_tcp, deny_ip;
    const char *ro[MAX_PATHS]; int nro;
    const char *rw[MAX_PATHS]; int nrw;
    const char *dir;
    char **argv;
};

static void fail(const char *step, const char *detail) {
    char buf[600];
    int n = snprintf(buf, sizeof buf, "%s%s%s: %s", step, detail ? " " : "", detail ? detail : "",
                     strerror(errno));
    if (n > 0) { ssize_t w = write(SETUP_FD, buf, (size_t)n); (void)w; }
    _exit(127);
}

static void limit(int resource, long long soft, long long hard, const char *name) {
    struct rlimit cur, r;
    if (soft < 0) return;
    if (getrlimit(resource, &cur) != 0) fail("getrlimit", name);
    r.rlim_cur = (rlim_t)soft; r.rlim_max = (rlim_t)hard;
    if (cur.rlim_max != RLIM_INFINITY && r.rlim_max > cur.rlim_max) r.rlim_max = cur.rlim_max;
    if (r.rlim_cur > r.rlim_max) r.rlim_cur = r.rlim_max;
    if (setrlimit(resource, &r) != 0) fail("setrlimit", name);
}

static int write_text(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    int e = errno;
    close(fd);
    errno = e;
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* A user namespace mapping our own ids: full rights over namespaces it owns, none outside. */
static int enter_user_namespace(void) {
    char map[64];
    uid_t uid = getuid(); gid_t gid = getgid();
    if (unshare(CLONE_NEWUSER) != 0) return -1;
    if (write_text("/proc/self/setgroups", "deny") != 0 && errno != ENOENT) return -1;
    snprintf(map, sizeof map, "%u %u 1", (unsigned)uid, (unsigned)uid);
    if (write_text("/proc/self/uid_map", map) != 0) return -1;
    snprintf(map, sizeof map, "%u %u 1", (unsigned)gid, (unsigned)gid);
    return write_text("/proc/self/gid_map", map);
}

static uint64_t fs_rights(int abi) {
    uint64_t all = (1ULL << 13) - 1;            /* ABI 1: execute .. make_sym */
    if (abi >= 2) all |= 1ULL << 13;            /* refer */
    if (abi >= 3) all |= 1ULL << 14;            /* truncate */
    if (abi >= 5) all |= 1ULL << 15;            /* ioctl_dev */
    return all;
}

static void allow(int ruleset, const char *path, uint64_t rights, uint64_t handled) {
    struct stat st;
    struct path_rule rule;
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0) { if (errno == ENOENT || errno == ENOTDIR) return; fail("landlock open", path); }
    if (fstat(fd, &st) != 0) fail("landlock stat", path);
    /* Files accept only file rights: execute, write, read, truncate, ioctl_dev. */
    if (!S_ISDIR(st.st_mode)) rights &= (1ULL << 0) | (1ULL << 1) | (1ULL << 2) | (1ULL << 14) | (1ULL << 15);
    rule.allowed = rights & handled;
    rule.parent_fd = fd;
    if (syscall(SYS_landlock_add_rule, ruleset, 1 /* PATH_BENEATH */, &rule, 0) != 0) fail("landlock rule", path);
    close(fd);
}

static void confine_filesystem(const struct config *c) {
    static const char *system_ro[] = { "/usr", "/lib", "/lib32", "/lib64", "/bin", "/sbin", "/etc",
                                       "/opt", "/proc", "/sys/devices/system/cpu", "/dev/urandom",
                                       "/dev/random", "/dev/zero" };
    static const char *devices_rw[] = { "/dev/null", "/dev/full" };
    uint64_t handled = fs_rights(c->landlock);
    uint64_t read_exec = (1ULL << 0) | (1ULL << 2) | (1ULL << 3);
    struct ruleset_attr attr = { handled, 0, 0 };
    size_t size = 8;
    if (c->landlock >= 4) size = 16;
    if (c->landlock >= 4 && c->deny_tcp) attr.net = 1 | 2;      /* bind_tcp, connect_tcp: no rule allows them */
    if (c->landlock >= 6) { attr.scoped = 1 | 2; size = 24; }  /* abstract unix sockets, signals */
    int ruleset = (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
    if (ruleset < 0) fail("landlock ruleset", NULL);
    for (size_t i = 0; i < sizeof system_ro / sizeof *system_ro; i++) allow(ruleset, system_ro[i], read_exec, handled);
    for (size_t i = 0; i < sizeof devices_rw / sizeof *devices_rw; i++) allow(ruleset, devices_rw[i], handled, handled);
    for (int i = 0; i < c->nro; i++) allow(ruleset, c->ro[i], read_exec, handled);
    for (int i = 0; i < c->nrw; i++) allow(ruleset, c->rw[i], handled, handled);
    allow(ruleset, c->argv[0], read_exec, handled);
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail("no_new_privs", NULL);
    if (syscall(SYS_landlock_restrict_self, ruleset, 0) != 0) fail("landlock restrict", NULL);
    close(ruleset);
}

#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#endif

/* The -S filter, in classic BPF over struct seccomp_data:
 *   arch != native                       -> EPERM (a 32-bit binary could reach sockets via socketcall)
 *   nr has the x32 bit (0x40000000)       -> EPERM
 *   nr == io_uring_setup                  -> EPERM
 *   nr == socket && domain in {INET, INET6, PACKET} -> EACCES
 *   anything else                         -> allow (unix sockets stay: the runtime may use them) */
static void deny_ip_sockets(void) {
#ifdef NATIVE_ARCH
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_ARCH, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_io_uring_setup, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_socket, 0, 5),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_INET, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_INET6, 1, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_PACKET, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog program = { (unsigned short)(sizeof filter / sizeof *filter), filter };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail("no_new_privs", NULL);
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program, 0, 0) != 0) fail("seccomp", NULL);
#else
    errno = ENOSYS;
    fail("seccomp", "(unknown architecture)");
#endif
}

static void exec_target(const struct config *c) {
    if (c->dir && chdir(c->dir) != 0) fail("chdir", c->dir);
    if (c->landlock > 0) confine_filesystem(c);
    if (c->deny_ip) deny_ip_sockets();
    execv(c->argv[0], c->argv);
    fail("exec", c->argv[0]);
}

/* Ends this process the way `status` says the target ended, so the grader sees it directly. */
static void mirror_status(int status) {
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        sigset_t set;
        signal(sig, SIG_DFL);
        sigemptyset(&set); sigaddset(&set, sig);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        raise(sig);
        _exit(128 + sig);
    }
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 127);
}

/* Pid 1 of the namespace: forks the target, reaps everything, reports the target's raw status.
 * The kernel drops self-sent signals for an init, which is why the target must not be pid 1. */
static void run_init(const struct config *c, int report) {
    pid_t target;
    char text[32];
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) fail("pdeathsig", NULL);
    if (c->pidmax && c->nproc > 0) {
        snprintf(text, sizeof text, "%lld", c->nproc + 2 > 301 ? c->nproc + 2 : 301);
        if (write_text("/proc/sys/kernel/pid_max", text) != 0) fail("pid_max", NULL);
    }
    target = fork();
    if (target < 0) fail("fork", "target");
    if (target == 0) { close(report); exec_target(c); }
    close(SETUP_FD);
    for (;;) {
        int status;
        pid_t p = waitpid(-1, &status, 0);
        if (p == target) {
            ssize_t w = write(report, &status, sizeof status); (void)w;
            _exit(0);
        }
        if (p < 0 && errno != EINTR) _exit(127);
    }
}

static void run_in_pid_namespace(const struct config *c) {
    int report[2], status = 0, reported = 0;
    pid_t init;
    if (pipe2(report, O_CLOEXEC) != 0) fail("pipe", NULL);
    init = fork();
    if (init < 0) fail("fork", "init");
    if (init == 0) { close(report[0]); run_init(c, report[1]); }
    close(report[1]);
    close(SETUP_FD);
    reported = read(report[0], &status, sizeof status) == (ssize_t)sizeof status;
    int init_status = 0;
    while (waitpid(init, &init_status, 0) < 0 && errno == EINTR) {}
    mirror_status(reported ? status : init_status);
}

static int probe(void) {
    int abi = (int)syscall(SYS_landlock_create_ruleset, NULL, 0, 1 /* VERSION */);
    /* The socket filter, installed in a throwaway child: does it install, and does it deny? First,
     * before the namespaces below: once the PID namespace's first child has exited, fork fails. */
    int seccomp = 0;
    pid_t filtered = fork();
    if (filtered == 0) {
        deny_ip_sockets();
        _exit(socket(AF_INET, SOCK_DGRAM, 0) < 0 && errno == EACCES ? 0 : 1);
    }
    if (filtered > 0) {
        int status = 0;
        if (waitpid(filtered, &status, 0) == filtered) seccomp = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    int root = geteuid() == 0, userns = enter_user_namespace() == 0, netns = 0, pidns = 0, pidmax = 0;
    if (root || userns) {
        netns = unshare(CLONE_NEWNET) == 0;
        pidns = unshare(CLONE_NEWPID) == 0;
    }
    if (pidns) {
        int status = 0;
        pid_t child = fork();
        if (child == 0) _exit(write_text("/proc/sys/kernel/pid_max", "4096") == 0 ? 0 : 1);
        if (child > 0 && waitpid(child, &status, 0) == child) pidmax = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    printf("landlock=%d userns=%d netns=%d pidns=%d pidmax=%d root=%d seccomp=%d\n", abi < 0 ? 0 : abi, userns, netns,
           pidns, pidmax, root, seccomp);
    return 0;
}

static long long number(const char *text, const char *what) {
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || *end || v < 0) { errno = EINVAL; fail("bad number for", what); }
    return v;
}

int main(int argc, char **argv) {
    struct config c = { -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, {0}, 0, {0}, 0, NULL, NULL };
    int i = 1, flags = 0;
    if (argc == 2 && strcmp(argv[1], "--probe") == 0) return probe();
    if (fcntl(SETUP_FD, F_SETFD, FD_CLOEXEC) != 0) _exit(127);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) fail("pdeathsig", NULL);
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "-U")) { c.userns = 1; continue; }
        if (!strcmp(o, "-N")) { c.net = 1; continue; }
        if (!strcmp(o, "-P")) { c.pidns = 1; continue; }
        if (!strcmp(o, "-M")) { c.pidmax = 1; continue; }
        if (!strcmp(o, "-T")) { c.deny_tcp = 1; continue; }
        if (!strcmp(o, "-S")) { c.deny_ip = 1; continue; }
        if (!v) { errno = EINVAL; fail("missing value for", o); }
        i++;
        if (!strcmp(o, "-c")) c.cpu = number(v, o);
        else if (!strcmp(o, "-a")) c.as = number(v, o);
        else if (!strcmp(o, "-f")) c.fsize = number(v, o);
        else if (!strcmp(o, "-o")) c.nofile = number(v, o);
        else if (!strcmp(o, "-n")) c.nproc = number(v, o);
        else if (!strcmp(o, "-L")) c.landlock = (int)number(v, o);
        else if (!strcmp(o, "-d")) c.dir = v;
        else if (!strcmp(o, "-r") || !strcmp(o, "-w")) {
            if ((o[1] == 'r' ? c.nro : c.nrw) >= MAX_PATHS) { errno = E2BIG; fail("too many paths for", o); }
            if (o[1] == 'r') c.ro[c.nro++] = v; else c.rw[c.nrw++] = v;
        }
        else { errno = EINVAL; fail("bad option", o); }
    }
    if (i + 1 >= argc) { errno = EINVAL; fail("no target", NULL); }
    c.argv = argv + i + 1;

    if (c.userns && enter_user_namespace() != 0) fail("user namespace", NULL);
    if (c.net) flags |= CLONE_NEWNET;
    if (c.pidns) flags |= CLONE_NEWPID;
    if (flags && unshare(flags) != 0) fail("unshare", NULL);
    /* After the user namespace: NPROC then counts the processes inside it only. */
    limit(RLIMIT_CPU, c.cpu, c.cpu + 1, "cpu");
    limit(RLIMIT_AS, c.as, c.as, "as");
    limit(RLIMIT_FSIZE, c.fsize, c.fsize, "fsize");
    limit(RLIMIT_NOFILE, c.nofile, c.nofile, "nofile");
    limit(RLIMIT_NPROC, c.nproc, c.nproc, "nproc");
    limit(RLIMIT_CORE, 0, 0, "core");
    if (c.pidns) run_in_pid_namespace(&c);
    exec_target(&c);
    return 127;
}
"""#
}
