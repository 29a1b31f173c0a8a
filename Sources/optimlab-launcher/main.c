// optimlab-launcher: the last step inside the bubblewrap sandbox before a submission runs.
//
// bwrap builds the view (mount, user, PID, IPC, UTS, network and cgroup namespaces, an unprivileged
// uid, no capabilities) and execs this program; it then
//   1. sets the per-task resource limits (CPU, address space, file size, open files, tasks, no core),
//   2. sets no_new_privs and installs a seccomp filter (see `install_filter`),
//   3. execs the target — the one exec the filter lets through. On fd 4 (close-on-exec) it writes "L"
//      when it starts and, if it cannot exec, why: so a setup failure (of bwrap or of the launcher) is
//      never mistaken for the submission's own exit status.
//
// Why a launcher rather than bwrap's own `--seccomp FD`: bwrap applies that filter just before its
// execvp of the command, so a filter that denies execve would deny the command itself. The launcher
// denies every execve except the exact one it makes: the path, argv and envp it passes live in three
// pages mapped at random addresses, and the filter allows execve only with those three pointers. The
// target's new address space has nothing at those addresses, so any later execve — of a shell, of
// optimlab, of the program itself — fails with EPERM (guessing three random page addresses at once is
// hopeless).
//
// Usage: optimlab-launcher [--probe] [--allow-exec] [-c cpu_s] [-a as_bytes] [-f fsize_bytes]
//                          [-o nofile] [-n nproc] [-0 argv0] -- target [args...]
// `-0` names the target in its argv[0] (the Swift driver reads its role from it: `swiftc`).
// `--allow-exec` (the compiler: the driver runs the frontend and the linker) keeps every other rule.
// `--probe` installs the filter and checks, from inside, that each protection is in force; it prints
// `ok uid=<uid inside> outside=<the uid it is on the host>`.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#else
#error "optimlab-launcher: unsupported architecture"
#endif

#define STATUS_FD 4
#define MAX_FILTER 256

extern char **environ;

/// Writes the reason on the status descriptor (the grader reads it as "sandbox setup failed") and exits.
static void fail(const char *what, int error) {
    char text[512];
    int n = snprintf(text, sizeof text, "%s: %s", what, strerror(error));
    if (n > 0) { ssize_t w = write(STATUS_FD, text, (size_t)n); (void)w; }
    _exit(126);
}

struct program {
    struct sock_filter code[MAX_FILTER];
    unsigned short length;
};

static void emit(struct program *p, unsigned short op, unsigned char jt, unsigned char jf, uint32_t k) {
    if (p->length >= MAX_FILTER) fail("seccomp filter", E2BIG);
    p->code[p->length++] = (struct sock_filter)BPF_JUMP(op, k, jt, jf);
}

static void load_nr(struct program *p) { emit(p, BPF_LD | BPF_W | BPF_ABS, 0, 0, offsetof(struct seccomp_data, nr)); }
static void load_arg(struct program *p, int i, int high) {
    emit(p, BPF_LD | BPF_W | BPF_ABS, 0, 0, (uint32_t)(offsetof(struct seccomp_data, args) + 8 * i + (high ? 4 : 0)));
}
static void ret(struct program *p, uint32_t action) { emit(p, BPF_RET | BPF_K, 0, 0, action); }
#define DENY(e) (SECCOMP_RET_ERRNO | ((e) & SECCOMP_RET_DATA))

/// `nr` fails with `error`.
static void deny(struct program *p, long nr, int error) {
    emit(p, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, (uint32_t)nr);
    ret(p, DENY(error));
}

/// The syscalls a submission has no use for and that widen what it could reach: keyrings (the grader's
/// session keyring), tracing and other processes' memory, mounts and namespaces, io_uring (which
/// bypasses seccomp for the operations it carries), BPF, perf, kernel modules, and sockets: the result
/// channel is an inherited descriptor, so socket() is denied outright (socketpair stays allowed).
static const long denied[] = {
    SYS_keyctl, SYS_add_key, SYS_request_key,
    SYS_ptrace, SYS_process_vm_readv, SYS_process_vm_writev,
    SYS_mount, SYS_umount2, SYS_pivot_root, SYS_chroot, SYS_unshare, SYS_setns,
    SYS_bpf, SYS_perf_event_open, SYS_userfaultfd,
    SYS_init_module, SYS_finit_module, SYS_delete_module, SYS_kexec_load,
    SYS_reboot, SYS_swapon, SYS_swapoff, SYS_acct, SYS_quotactl,
    SYS_open_by_handle_at, SYS_name_to_handle_at,
    SYS_socket,
#ifdef SYS_kexec_file_load
    SYS_kexec_file_load,
#endif
#ifdef SYS_io_uring_setup
    SYS_io_uring_setup, SYS_io_uring_enter, SYS_io_uring_register,
#endif
#ifdef SYS_open_tree
    SYS_open_tree, SYS_move_mount, SYS_fsopen, SYS_fsconfig, SYS_fsmount, SYS_fspick,
#endif
#ifdef SYS_mount_setattr
    SYS_mount_setattr,
#endif
};

#define CLONE_NAMESPACES (CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP)

/// `execve` passes only with exactly these three pointers (NULL `exec`: any execve passes).
struct exec_key { const void *path, *argv, *envp; };

static void build_filter(struct program *p, const struct exec_key *exec) {
    p->length = 0;
    // Only the native ABI: an i386 (int 0x80) or x32 syscall would dodge every rule below.
    emit(p, BPF_LD | BPF_W | BPF_ABS, 0, 0, offsetof(struct seccomp_data, arch));
    emit(p, BPF_JMP | BPF_JEQ | BPF_K, 1, 0, NATIVE_ARCH);
    ret(p, SECCOMP_RET_KILL_PROCESS);
    load_nr(p);
#if defined(__x86_64__)
    emit(p, BPF_JMP | BPF_JGE | BPF_K, 0, 1, 0x40000000);   // __X32_SYSCALL_BIT
    ret(p, SECCOMP_RET_KILL_PROCESS);
#endif
    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) deny(p, denied[i], EPERM);
#ifdef SYS_clone3
    deny(p, SYS_clone3, ENOSYS);            // its flags are out of the filter's reach; libc falls back to clone
#endif
    // clone: threads and forks, but no new namespaces.
    emit(p, BPF_JMP | BPF_JEQ | BPF_K, 0, 4, SYS_clone);
    load_arg(p, 0, 0);
    emit(p, BPF_JMP | BPF_JSET | BPF_K, 0, 1, CLONE_NAMESPACES);
    ret(p, DENY(EPERM));
    ret(p, SECCOMP_RET_ALLOW);
    // personality: only the query (0xffffffff) and the default (PER_LINUX).
    emit(p, BPF_JMP | BPF_JEQ | BPF_K, 0, 5, SYS_personality);
    load_arg(p, 0, 0);
    emit(p, BPF_JMP | BPF_JEQ | BPF_K, 2, 0, 0xffffffffu);
    emit(p, BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 0);
    ret(p, DENY(EPERM));
    ret(p, SECCOMP_RET_ALLOW);
    if (exec) {
        deny(p, SYS_execveat, EPERM);
        // execve: 1 + 6 × 2 + 2 instructions; any mismatch jumps to the final DENY.
        emit(p, BPF_JMP | BPF_JEQ | BPF_K, 0, 14, SYS_execve);
        const uintptr_t keys[3] = { (uintptr_t)exec->path, (uintptr_t)exec->argv, (uintptr_t)exec->envp };
        for (int i = 0; i < 3; i++) {
            unsigned char left = (unsigned char)(12 - 4 * i);
            load_arg(p, i, 0);
            emit(p, BPF_JMP | BPF_JEQ | BPF_K, 0, (unsigned char)(left - 1), (uint32_t)(keys[i] & 0xffffffffu));
            load_arg(p, i, 1);
            emit(p, BPF_JMP | BPF_JEQ | BPF_K, 0, (unsigned char)(left - 3), (uint32_t)((uint64_t)keys[i] >> 32));
        }
        ret(p, SECCOMP_RET_ALLOW);
        ret(p, DENY(EPERM));
    }
    ret(p, SECCOMP_RET_ALLOW);
}

static void install_filter(const struct exec_key *exec) {
    static struct program p;
    build_filter(&p, exec);
    struct sock_fprog prog = { .len = p.length, .filter = p.code };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail("no_new_privs", errno);
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) != 0) fail("seccomp filter", errno);
}

/// A fresh page at a random address in the lower half of user space (MAP_FIXED_NOREPLACE: never over
/// an existing mapping; a few tries find a free spot).
static void *random_page(size_t size) {
    for (int attempt = 0; attempt < 64; attempt++) {
        uint64_t r = 0;
        if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r) fail("getrandom", errno);
        uintptr_t address = (uintptr_t)(0x100000000000ull + (r % 0x600000000000ull)) & ~(uintptr_t)0xffff;
        void *page = mmap((void *)address, size, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        if (page == (void *)address) return page;
        if (page != MAP_FAILED) munmap(page, size);
    }
    fail("mapping the exec key pages", ENOMEM);
    return NULL;
}

static void set_limit(int resource, rlim_t value, const char *name) {
    struct rlimit limit = { value, value };
    if (resource == RLIMIT_CPU) limit.rlim_max = value + 1;   // SIGXCPU first, SIGKILL a second later
    if (setrlimit(resource, &limit) != 0) fail(name, errno);
}

static int denied_with_eperm(long result) { return result == -1 && errno == EPERM; }

/// Checks from inside the sandbox that the filter and the identity are what the grader asked for, and
/// prints `ok uid=<uid>` (exit 0), or the first protection that is missing (exit 1).
static int probe(void) {
    install_filter(NULL);
    char line[256];
    int seccomp = -1, nnp = -1;
    unsigned long long caps = ~0ull;
    FILE *status = fopen("/proc/self/status", "re");
    if (!status) { printf("no /proc/self/status: %s\n", strerror(errno)); return 1; }
    while (fgets(line, sizeof line, status)) {
        sscanf(line, "Seccomp: %d", &seccomp);
        sscanf(line, "NoNewPrivs: %d", &nnp);
        sscanf(line, "CapEff: %llx", &caps);
    }
    fclose(status);
    if (seccomp != 2) { printf("seccomp filter not in force (Seccomp: %d)\n", seccomp); return 1; }
    if (nnp != 1) { printf("no_new_privs not set\n"); return 1; }
    if (caps != 0) { printf("capabilities left: %llx\n", caps); return 1; }
    if (!denied_with_eperm(socket(AF_INET, SOCK_STREAM, 0))) { printf("socket() was not denied\n"); return 1; }
    if (!denied_with_eperm(syscall(SYS_keyctl, 0, 0, 0, 0, 0))) { printf("keyctl was not denied\n"); return 1; }
    if (getuid() == 0) { printf("running as uid 0 inside\n"); return 1; }
    long inside = -1, outside = -1;
    FILE *map = fopen("/proc/self/uid_map", "re");
    if (!map || fscanf(map, "%ld %ld", &inside, &outside) != 2) { printf("no uid_map\n"); return 1; }
    fclose(map);
    printf("ok uid=%d outside=%ld\n", (int)getuid(), outside);
    return 0;
}

static rlim_t number(const char *text, const char *flag) {
    char *end = NULL;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno || !end || *end || text[0] == '-') {
        char what[64];
        snprintf(what, sizeof what, "bad value for %s", flag);
        fail(what, EINVAL);
    }
    return (rlim_t)value;
}

int main(int argc, char **argv) {
    if (fcntl(STATUS_FD, F_SETFD, FD_CLOEXEC) != 0 && errno != EBADF) fail("status descriptor", errno);
    // "L": the launcher started (bwrap's setup worked); any text after it is why the target did not.
    if (write(STATUS_FD, "L", 1) != 1 && errno != EBADF) fail("status descriptor", errno);
    int allow_exec = 0, index = 1;
    const char *argv0 = NULL;
    for (; index < argc; index++) {
        const char *flag = argv[index];
        if (!strcmp(flag, "--")) { index++; break; }
        if (!strcmp(flag, "--probe")) return probe();
        if (!strcmp(flag, "--allow-exec")) { allow_exec = 1; continue; }
        if (index + 1 >= argc) fail(flag, EINVAL);
        if (!strcmp(flag, "-0")) { argv0 = argv[++index]; continue; }
        rlim_t value = number(argv[++index], flag);
        if (!strcmp(flag, "-c")) set_limit(RLIMIT_CPU, value, "RLIMIT_CPU");
        else if (!strcmp(flag, "-a")) set_limit(RLIMIT_AS, value, "RLIMIT_AS");
        else if (!strcmp(flag, "-f")) set_limit(RLIMIT_FSIZE, value, "RLIMIT_FSIZE");
        else if (!strcmp(flag, "-o")) set_limit(RLIMIT_NOFILE, value, "RLIMIT_NOFILE");
        else if (!strcmp(flag, "-n")) set_limit(RLIMIT_NPROC, value, "RLIMIT_NPROC");
        else fail(flag, EINVAL);
    }
    if (index >= argc) fail("no target to run", EINVAL);
    set_limit(RLIMIT_CORE, 0, "RLIMIT_CORE");
    // Only 0-3 (stdin, stdout, stderr, the result channel) and the status fd cross into the target.
    if (syscall(SYS_close_range, 5, ~0u, 0) != 0) fail("close_range", errno);

    // The exec key: the path, argv and envp in three separately random pages.
    size_t count = (size_t)(argc - index), envc = 0, strings = 0;
    while (environ[envc]) strings += strlen(environ[envc++]) + 1;
    for (size_t i = 0; i < count; i++) strings += strlen(argv[index + i]) + 1;
    if (argv0) strings += strlen(argv0) + 1;
    const size_t page = 1 << 16;
    if (strlen(argv[index]) + 1 > page || (count + 1) * sizeof(char *) + strings > page ||
        (envc + 1) * sizeof(char *) > page) fail("target command line", E2BIG);
    char *path = random_page(page);
    char **args = random_page(page), **env = random_page(page);
    strcpy(path, argv[index]);
    char *text = (char *)(args + count + 1);
    for (size_t i = 0; i < count; i++) {
        args[i] = strcpy(text, i == 0 && argv0 ? argv0 : argv[index + i]);
        text += strlen(text) + 1;
    }
    args[count] = NULL;
    for (size_t i = 0; i < envc; i++) { env[i] = strcpy(text, environ[i]); text += strlen(text) + 1; }
    env[envc] = NULL;
    if (text > (char *)args + page) fail("target command line", E2BIG);

    struct exec_key key = { path, args, env };
    install_filter(allow_exec ? NULL : &key);
    syscall(SYS_execve, path, args, env);
    char what[256];
    snprintf(what, sizeof what, "exec %s", argv[index]);
    fail(what, errno);
    return 126;
}
