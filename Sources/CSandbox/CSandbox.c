#define _GNU_SOURCE
#include "CSandbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

static int move_high(int fd) {
    int high = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    int e = errno;
    close(fd);
    errno = e;
    return high;
}

int osb_make_channel(int fds[2], int socket) {
    int raw[2];
    int rc = socket ? socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, raw) : pipe2(raw, O_CLOEXEC);
    if (rc != 0) return errno;
    fds[0] = move_high(raw[0]);
    fds[1] = move_high(raw[1]);
    if (fds[0] < 0 || fds[1] < 0) {
        int e = errno;
        if (fds[0] >= 0) close(fds[0]);
        if (fds[1] >= 0) close(fds[1]);
        return e;
    }
    return 0;
}

int osb_spawn(const char *path, char *const argv[], char *const envp[],
              const int child_fds[], int count, pid_t *pid) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    sigset_t all, none;
    int rc = posix_spawn_file_actions_init(&actions);
    if (rc != 0) return rc;
    rc = posix_spawnattr_init(&attr);
    if (rc != 0) { posix_spawn_file_actions_destroy(&actions); return rc; }
    for (int i = 0; i < count && rc == 0; i++) rc = posix_spawn_file_actions_adddup2(&actions, child_fds[i], i);
    if (rc == 0) rc = posix_spawn_file_actions_addclosefrom_np(&actions, count);
    sigfillset(&all);
    sigemptyset(&none);
    if (rc == 0) rc = posix_spawnattr_setsigdefault(&attr, &all);
    if (rc == 0) rc = posix_spawnattr_setsigmask(&attr, &none);
    if (rc == 0) rc = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    if (rc == 0) rc = posix_spawn(pid, path, &actions, &attr, argv, envp);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    return rc;
}

int osb_has_exited(pid_t pid) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0) return -1;
    return info.si_pid == pid ? 1 : 0;
}

int osb_reap(pid_t pid, int *status, struct rusage *usage) {
    for (;;) {
        pid_t p = wait4(pid, status, 0, usage);
        if (p == pid) return 0;
        if (p < 0 && errno != EINTR) return errno;
    }
}

int osb_decode_status(int status, int *value) {
    if (WIFSIGNALED(status)) { *value = WTERMSIG(status); return 1; }
    *value = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
    return 0;
}

ssize_t osb_send(int fd, const void *bytes, size_t count) {
    return send(fd, bytes, count, MSG_NOSIGNAL | MSG_DONTWAIT);
}

int osb_set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    return flags < 0 ? -1 : fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

int osb_become_subreaper(void) {
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0 ? 0 : errno;
}

int osb_list_children(pid_t pid, pid_t *pids, int capacity) {
    char base[64];
    DIR *tasks;
    if (pid > 0) snprintf(base, sizeof base, "/proc/%d/task", (int)pid);
    else snprintf(base, sizeof base, "/proc/self/task");
    tasks = opendir(base);
    struct dirent *entry;
    int found = 0, readable = 0;
    if (!tasks) return -1;
    while ((entry = readdir(tasks)) != NULL) {
        char path[160];
        FILE *file;
        long pid;
        if (entry->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s/children", base, entry->d_name);
        file = fopen(path, "re");
        if (!file) continue;
        readable = 1;
        while (found < capacity && fscanf(file, "%ld", &pid) == 1) pids[found++] = (pid_t)pid;
        fclose(file);
    }
    closedir(tasks);
    return readable ? found : -1;
}

int osb_is_alive(pid_t pid) {
    char path[64], text[256];
    const char *state;
    ssize_t n;
    int fd;
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0) return 0;
    text[n] = 0;
    state = strrchr(text, ')');          /* "pid (comm) S ...": comm may contain anything */
    return state && state[1] == ' ' && state[2] != 'Z' && state[2] != 'X';
}

int osb_landlock_abi(void) {
    long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, 1 /* LANDLOCK_CREATE_RULESET_VERSION */);
    return abi < 0 ? 0 : (int)abi;
}

int osb_pidfd_open(pid_t pid) {
    long fd = syscall(SYS_pidfd_open, pid, 0);
    if (fd < 0) return -1;
    if (fcntl((int)fd, F_SETFD, FD_CLOEXEC) != 0) { close((int)fd); return -1; }
    return (int)fd;
}
