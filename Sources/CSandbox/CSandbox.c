#define _GNU_SOURCE
#include "CSandbox.h"

#include <dirent.h>
#include <elf.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
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

int osb_open_high(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    return fd < 0 ? -1 : move_high(fd);
}

int osb_sealed_memfd(const char *name, const void *bytes, size_t count) {
    int fd = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0) return -1;
    const char *p = bytes;
    size_t done = 0;
    while (done < count) {
        ssize_t n = write(fd, p + done, count - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) { int e = errno; close(fd); errno = e ? e : EIO; return -1; }
        done += (size_t)n;
    }
    if (fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL) != 0 ||
        lseek(fd, 0, SEEK_SET) != 0) {
        int e = errno; close(fd); errno = e; return -1;
    }
    return move_high(fd);      /* never 0...9: a child's dup2 onto its low descriptors cannot clobber it */
}

/* SHA-256 (FIPS 180-4). */
static const uint32_t sha_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha_block(uint32_t h[8], const unsigned char *b) {
    uint32_t w[64], s[8];
    for (int i = 0; i < 16; i++) w[i] = (uint32_t)b[4*i] << 24 | (uint32_t)b[4*i+1] << 16 | (uint32_t)b[4*i+2] << 8 | b[4*i+3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i-15], 7) ^ ROR(w[i-15], 18) ^ (w[i-15] >> 3);
        uint32_t s1 = ROR(w[i-2], 17) ^ ROR(w[i-2], 19) ^ (w[i-2] >> 10);
        w[i] = w[i-16] + s0 + w[i-7] + s1;
    }
    memcpy(s, h, sizeof s);
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = s[7] + (ROR(s[4], 6) ^ ROR(s[4], 11) ^ ROR(s[4], 25)) + ((s[4] & s[5]) ^ (~s[4] & s[6])) + sha_k[i] + w[i];
        uint32_t t2 = (ROR(s[0], 2) ^ ROR(s[0], 13) ^ ROR(s[0], 22)) + ((s[0] & s[1]) ^ (s[0] & s[2]) ^ (s[1] & s[2]));
        memmove(s + 1, s, 7 * sizeof(uint32_t));
        s[4] += t1;
        s[0] = t1 + t2;
    }
    for (int i = 0; i < 8; i++) h[i] += s[i];
}

void osb_sha256(const void *bytes, size_t count, unsigned char digest[32]) {
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    const unsigned char *p = bytes;
    size_t full = count / 64 * 64;
    for (size_t i = 0; i < full; i += 64) sha_block(h, p + i);
    unsigned char tail[128] = {0};
    size_t rest = count - full;
    memcpy(tail, p + full, rest);
    tail[rest] = 0x80;
    size_t blocks = rest + 9 > 64 ? 2 : 1;
    uint64_t bits = (uint64_t)count * 8;
    for (int i = 0; i < 8; i++) tail[blocks * 64 - 1 - i] = (unsigned char)(bits >> (8 * i));
    for (size_t i = 0; i < blocks; i++) sha_block(h, tail + 64 * i);
    for (int i = 0; i < 8; i++) for (int j = 0; j < 4; j++) digest[4*i+j] = (unsigned char)(h[i] >> (24 - 8 * j));
}

long osb_elf_dependencies(const char *path, char *out, size_t capacity) {
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return -1;
    struct stat info;
    if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size < (off_t)sizeof(Elf64_Ehdr) || info.st_size > (1L << 31)) {
        close(fd); return -1;
    }
    size_t size = (size_t)info.st_size;
    unsigned char *file = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (file == MAP_FAILED) return -1;
    long written = -1;
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)file;
    size_t used = 0;
    const char *interp = "";
    size_t interp_len = 0;
    uint64_t dyn_off = 0, dyn_size = 0;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phoff > size || eh->e_phnum > (size - eh->e_phoff) / sizeof(Elf64_Phdr))
        goto done;
    const Elf64_Phdr *ph = (const Elf64_Phdr *)(file + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_offset > size || ph[i].p_filesz > size - ph[i].p_offset) goto done;
        if (ph[i].p_type == PT_INTERP && ph[i].p_filesz > 0) {
            interp = (const char *)file + ph[i].p_offset;
            interp_len = strnlen(interp, ph[i].p_filesz);
        }
        if (ph[i].p_type == PT_DYNAMIC) { dyn_off = ph[i].p_offset; dyn_size = ph[i].p_filesz; }
    }
    if (interp_len + 1 > capacity) goto done;
    memcpy(out, interp, interp_len);
    out[interp_len] = 0;
    used = interp_len + 1;
    if (dyn_size > 0) {
        const Elf64_Dyn *dyn = (const Elf64_Dyn *)(file + dyn_off);
        size_t count = dyn_size / sizeof(Elf64_Dyn);
        uint64_t strtab = 0;
        for (size_t i = 0; i < count && dyn[i].d_tag != DT_NULL; i++) if (dyn[i].d_tag == DT_STRTAB) strtab = dyn[i].d_un.d_ptr;
        /* DT_STRTAB is a virtual address: map it back to a file offset through the PT_LOAD segments. */
        uint64_t strtab_off = 0, strtab_end = 0;
        int found = 0;
        for (int i = 0; i < eh->e_phnum && !found; i++) {
            if (ph[i].p_type == PT_LOAD && strtab >= ph[i].p_vaddr && strtab < ph[i].p_vaddr + ph[i].p_filesz) {
                strtab_off = ph[i].p_offset + (strtab - ph[i].p_vaddr);
                strtab_end = ph[i].p_offset + ph[i].p_filesz;
                found = 1;
            }
        }
        if (!found && strtab) goto done;
        for (size_t i = 0; i < count && dyn[i].d_tag != DT_NULL; i++) {
            int runpath = dyn[i].d_tag == DT_RUNPATH || dyn[i].d_tag == DT_RPATH;
            if (dyn[i].d_tag != DT_NEEDED && !runpath) continue;
            uint64_t at = strtab_off + dyn[i].d_un.d_val;
            if (at >= strtab_end) goto done;
            const char *name = (const char *)file + at;
            size_t len = strnlen(name, strtab_end - at);
            if (len == strtab_end - at || used + len + 2 > capacity) goto done;
            if (runpath) out[used++] = 1;
            memcpy(out + used, name, len + 1);
            used += len + 1;
        }
    }
    written = (long)used;
done:
    munmap(file, size);
    return written;
}
