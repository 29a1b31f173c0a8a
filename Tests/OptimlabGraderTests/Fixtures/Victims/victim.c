/* A misbehaving program for the sandbox tests: one mode per misdeed (argv[1]), each printing on stdout
   what happened to it, so a test can tell "refused" from "failed for another reason". Compiled by the
   tests with cc; never part of the product. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
extern char **environ;

static void to_channel(const char *text) {
    const char *fd = getenv("OPTIMLAB_CHANNEL_FD");
    if (fd) { ssize_t n = write(atoi(fd), text, strlen(text)); (void)n; }
}

static int say_errno(void) { printf("%s\n", strerror(errno)); return 1; }

/* Forks until fork fails; each child waits. Prints how many forks succeeded. */
static int fork_bomb(int attempts) {
    int forked = 0;
    for (int i = 0; i < attempts; i++) {
        pid_t child = fork();
        if (child == 0) { pause(); _exit(0); }
        if (child < 0) break;
        forked++;
    }
    printf("forked %d\n", forked);
    return 0;
}

/* `children` children each try to allocate and touch `mb` MiB; prints the MiB they got in total. */
static int memory_hog(int children, int mb) {
    int pipes[2];
    pid_t pids[64];
    if (pipe(pipes) != 0 || children > 64) return say_errno();
    for (int i = 0; i < children; i++) {
        if ((pids[i] = fork()) == 0) {
            int got = 0;
            for (int k = 0; k < mb; k++) {
                char *block = malloc(1 << 20);
                if (!block) break;
                memset(block, 1, 1 << 20);
                got++;
            }
            ssize_t n = write(pipes[1], &got, sizeof got); (void)n;
            pause();          /* keep the memory while the others allocate */
            _exit(0);
        }
    }
    close(pipes[1]);
    int total = 0, got = 0, reports = 0;
    while (reports < children && read(pipes[0], &got, sizeof got) == sizeof got) { total += got; reports++; }
    printf("allocated %d MiB in %d children\n", total, reports);
    for (int i = 0; i < children; i++) if (pids[i] > 0) kill(pids[i], SIGKILL);
    return 0;
}

/* Writes to `name` in 1 MiB blocks until an error; prints the MiB written and the error. */
static int fill(const char *name, int mb) {
    static char block[1 << 20];
    memset(block, 'z', sizeof block);
    signal(SIGXFSZ, SIG_IGN);
    int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return say_errno();
    int written = 0;
    while (written < mb) {
        if (write(fd, block, sizeof block) != (ssize_t)sizeof block) break;
        written++;
    }
    printf("wrote %d MiB: %s\n", written, written < mb ? strerror(errno) : "no error");
    return 0;
}

static int connect_unix(const char *path) {
    struct sockaddr_un address = { .sun_family = AF_UNIX };
    strncpy(address.sun_path, path, sizeof address.sun_path - 1);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) return say_errno();
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) return say_errno();
    printf("connected\n");
    return 0;
}

static int connect_tcp(int port) {
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port) };
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return say_errno();
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) return say_errno();
    printf("connected\n");
    return 0;
}

/* Copies the first line of `from` to `to`. */
static int copy_line(const char *from, const char *to) {
    char line[512] = {0};
    FILE *in = fopen(from, "r");
    if (!in) return say_errno();
    if (!fgets(line, sizeof line, in)) line[0] = 0;
    FILE *out = fopen(to, "w");
    if (!out) return say_errno();
    fputs(line, out);
    fclose(out);
    printf("copied\n");
    return 0;
}

static int list(const char *path) {
    DIR *dir = opendir(path);
    if (!dir) return say_errno();
    struct dirent *entry;
    while ((entry = readdir(dir))) if (entry->d_name[0] != '.') printf("%s\n", entry->d_name);
    closedir(dir);
    return 0;
}

static int run(const char *path) {
    char *const argv[] = { (char *)path, "-c", "echo escaped", NULL };
    execv(path, argv);
    return say_errno();
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    const char *arg = argc > 2 ? argv[2] : "";
    char buf[65536];
    if (!strcmp(mode, "exit")) { printf("out\n"); fprintf(stderr, "err\n"); return atoi(arg); }
    if (!strcmp(mode, "segv")) { *(volatile int *)0 = 1; return 0; }
    if (!strcmp(mode, "trap")) { __builtin_trap(); }
    if (!strcmp(mode, "spin") || !strcmp(mode, "spin-ignoring-sigxcpu")) {
        /* 2^64 iterations: the marker after the loop is never reached unless the limit failed */
        if (mode[4]) signal(SIGXCPU, SIG_IGN);
        for (volatile unsigned long i = 1; i != 0; i++) {}
        printf("spin-finished\n");
        return 0;
    }
    if (!strcmp(mode, "sleep")) { sleep(60); return 0; }
    if (!strcmp(mode, "print")) {          /* arg KiB on stdout, then exit 0 */
        memset(buf, 'x', 1024);
        for (int i = 0; i < atoi(arg); i++) if (write(1, buf, 1024) != 1024) return 1;
        return 0;
    }
    if (!strcmp(mode, "channel")) { to_channel("channel-data"); printf("stdout-data\n"); return 0; }
    if (!strcmp(mode, "channel-spew")) { memset(buf, 'c', sizeof buf); for (;;) to_channel(buf); }
    if (!strcmp(mode, "env")) { for (char **e = environ; *e; e++) printf("%s\n", *e); return 0; }
    if (!strcmp(mode, "pid")) { printf("%d\n", (int)getpid()); return 0; }
    if (!strcmp(mode, "uid")) { printf("%d %d\n", (int)getuid(), (int)geteuid()); return 0; }
    if (!strcmp(mode, "forkbomb")) return fork_bomb(atoi(arg));
    if (!strcmp(mode, "memory")) return memory_hog(atoi(arg), atoi(argv[3]));
    if (!strcmp(mode, "fill")) return fill("fill.bin", atoi(arg));
    if (!strcmp(mode, "write")) {
        int fd = open(arg, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) return say_errno();
        printf("written\n");
        return 0;
    }
    if (!strcmp(mode, "read")) {
        int fd = open(arg, O_RDONLY);
        if (fd < 0) return say_errno();
        ssize_t n = read(fd, buf, sizeof buf - 1);
        printf("%.*s", (int)(n > 0 ? n : 0), buf);
        return 0;
    }
    if (!strcmp(mode, "copy")) return copy_line(arg, argv[3]);
    if (!strcmp(mode, "ls")) return list(arg);
    if (!strcmp(mode, "unix")) return connect_unix(arg);
    if (!strcmp(mode, "tcp")) return connect_tcp(atoi(arg));
    if (!strcmp(mode, "socketpair")) {
        int fds[2];
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) return say_errno();
        printf("paired\n");
        return 0;
    }
    if (!strcmp(mode, "exec")) return run(arg);
    if (!strcmp(mode, "exec-self")) return run("/proc/self/exe");
    if (!strcmp(mode, "shm")) {            /* a SysV segment under key arg, left behind on purpose */
        int id = shmget((key_t)strtol(arg, NULL, 0), 1 << 20, IPC_CREAT | 0666);
        if (id < 0) return say_errno();
        printf("segment %d\n", id);
        return 0;
    }
    if (!strcmp(mode, "keyctl")) {         /* KEYCTL_GET_KEYRING_ID of the session keyring */
        long id = syscall(SYS_keyctl, 0, -3, 0, 0, 0);
        if (id < 0) return say_errno();
        printf("keyring %ld\n", id);
        return 0;
    }
    if (!strcmp(mode, "ptrace")) {
        if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0) return say_errno();
        printf("traced\n");
        return 0;
    }
    if (!strcmp(mode, "unshare")) {
        if (syscall(SYS_unshare, 0x10000000 /* CLONE_NEWUSER */) != 0) return say_errno();
        printf("unshared\n");
        return 0;
    }
    if (!strcmp(mode, "i386")) {           /* getpid through the 32-bit ABI */
        long r;
        __asm__ volatile ("int $0x80" : "=a"(r) : "a"(20) : "memory");
        printf("i386 syscall returned %ld\n", r);
        return 0;
    }
    if (!strcmp(mode, "x32")) {
        long r = syscall(0x40000000 | 39);
        printf("x32 syscall returned %ld\n", r);
        return 0;
    }
    if (!strcmp(mode, "mkdir000")) {       /* a folder nobody may enter, holding a file */
        if (mkdir("locked", 0700) != 0 || close(open("locked/file", O_WRONLY | O_CREAT, 0600)) != 0 || chmod("locked", 0) != 0)
            return say_errno();
        printf("locked\n");
        return 0;
    }
    return 99;
}
