#ifndef OPTIMLAB_CSANDBOX_H
#define OPTIMLAB_CSANDBOX_H
/// C shims for the grader's sandbox. Swift's Glibc module hides the _GNU_SOURCE declarations
/// (pipe2, POSIX_SPAWN_SETSID, addclosefrom_np) and cannot import function-like macros
/// (WIFSIGNALED, WTERMSIG), so the few calls that need them live here as small functions.
#include <stddef.h>
#include <sys/types.h>
#include <sys/resource.h>

/// Creates a close-on-exec pipe (or, if `socket` is non-zero, a stream socketpair) whose two
/// descriptors are numbered 10 or above, so a child's dup2 onto 0...4 can never clobber them.
/// Returns 0, or an errno value.
int osb_make_channel(int fds[2], int socket);

/// Spawns `path` in a new session (so pgid == pid and no controlling terminal) with default
/// signal dispositions and an empty mask. Child descriptor i (0 ≤ i < count) is a dup of
/// `child_fds[i]`; every other descriptor is closed. Returns 0, or an errno value.
int osb_spawn(const char *path, char *const argv[], char *const envp[],
              const int child_fds[], int count, pid_t *pid);

/// 1 if `pid` has exited (it stays a zombie, so its pid and pgid cannot be reused), 0 if it is
/// still running, -1 on error (errno set).
int osb_has_exited(pid_t pid);

/// Reaps `pid`, blocking, and fills its resource usage (its own plus its reaped descendants').
/// Returns 0, or an errno value.
int osb_reap(pid_t pid, int *status, struct rusage *usage);

/// Decodes a wait status: returns 1 and the signal in `*value` if it was killed by a signal,
/// 0 and the exit code otherwise.
int osb_decode_status(int status, int *value);

/// Sends without raising SIGPIPE (the child may close stdin early). Returns bytes sent or -1.
ssize_t osb_send(int fd, const void *bytes, size_t count);

/// Marks the descriptor non-blocking. Returns 0 or -1.
int osb_set_nonblocking(int fd);

/// Makes this process the reaper of its orphaned descendants (PR_SET_CHILD_SUBREAPER).
/// Returns 0, or an errno value.
int osb_become_subreaper(void);

/// Lists the children of `pid` (0: this process), from /proc/<pid>/task/*/children, into `pids`.
/// Returns how many were found (at most `capacity`), or -1 if the kernel doesn't expose the list.
int osb_list_children(pid_t pid, pid_t *pids, int capacity);

/// 1 if `pid` is alive (exists and is not a zombie), else 0.
int osb_is_alive(pid_t pid);

/// A descriptor that polls readable once `pid` exits (pidfd_open, Linux ≥ 5.3), or -1.
int osb_pidfd_open(pid_t pid);

/// A sealed, close-on-exec memfd (at a descriptor ≥ 10) holding `bytes` (no write, grow, shrink or further seals): what the
/// sandbox hands bwrap as a file is exactly what the grader verified. Returns the fd, or -1 (errno set).
int osb_sealed_memfd(const char *name, const void *bytes, size_t count);

/// Opens `path` read-only, close-on-exec, not through a final symlink, at a descriptor ≥ 10 (like
/// `osb_make_channel`). Returns the fd, or -1 (errno set).
int osb_open_high(const char *path);

/// SHA-256 of `count` bytes into `digest[32]`.
void osb_sha256(const void *bytes, size_t count, unsigned char digest[32]);

/// Reads a 64-bit ELF file's program interpreter, DT_NEEDED names and DT_RUNPATH/DT_RPATH (data only,
/// nothing runs) into `out` as NUL-separated strings: the interpreter first ("" when there is none),
/// then each name, a run path marked by a leading byte 0x01. Returns the number of
/// bytes written, or -1 if the file is not a readable, well-formed ELF64 object that fits in `capacity`.
long osb_elf_dependencies(const char *path, char *out, size_t capacity);

#endif
