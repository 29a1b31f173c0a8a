import Testing
@testable import OptimlabGrader
#if canImport(Glibc)
import Glibc
#endif

/// Misbehaving programs for the sandbox tests: one C program with a mode per misdeed, compiled
/// with `cc` once per test process, and one Swift program for the runtime's own failure modes.
enum Victims {
    static let cSource = #"""
    #define _GNU_SOURCE
    #include <arpa/inet.h>
    #include <errno.h>
    #include <fcntl.h>
    #include <netinet/in.h>
    #include <signal.h>
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <sys/socket.h>
    #include <sys/wait.h>
    #include <unistd.h>
    extern char **environ;

    static void to_channel(const char *text) {
        const char *fd = getenv("OPTIMLAB_CHANNEL_FD");
        if (fd) { ssize_t n = write(atoi(fd), text, strlen(text)); (void)n; }
    }

    static int fork_bomb(void) {
        int forked = 0;
        char text[64];
        for (;;) {
            pid_t child = fork();
            if (child == 0) { pause(); _exit(0); }
            if (child < 0) break;
            forked++;
        }
        snprintf(text, sizeof text, "forked %d", forked);
        to_channel(text);
        return 0;
    }

    /* A grandchild that leaves the session, then reports its pid as the host sees it; its
       parent relays the pid and only then exits, so the grandchild is orphaned after it has
       reported. With `linger` the program then hangs until the wall limit. */
    static int escape(int linger) {
        int up[2], relay[2];
        char text[32] = {0};
        if (pipe(up) != 0 || pipe(relay) != 0) return 2;
        if (fork() == 0) {
            setsid();
            if (fork() == 0) {
                ssize_t n = readlink("/proc/self", text, sizeof text - 1);
                if (n > 0) { n = write(relay[1], text, (size_t)n); }
                close(relay[1]);
                for (;;) pause();
            }
            close(relay[1]);
            ssize_t n = read(relay[0], text, sizeof text - 1);
            if (n > 0) { n = write(up[1], text, (size_t)n); }
            _exit(0);
        }
        close(up[1]);
        close(relay[1]);
        ssize_t n = read(up[0], text, sizeof text - 1);
        if (n <= 0) return 3;
        to_channel(text);
        if (linger) sleep(60);
        return 0;
    }

    static int write_file(const char *path) {
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) { printf("%s\n", strerror(errno)); return 1; }
        printf("written\n");
        close(fd);
        return 0;
    }

    static int read_file(const char *path) {
        char buf[256] = {0};
        int fd = open(path, O_RDONLY);
        if (fd < 0) { printf("%s\n", strerror(errno)); return 1; }
        ssize_t n = read(fd, buf, sizeof buf - 1);
        printf("%s", n > 0 ? buf : "");
        return 0;
    }

    static struct sockaddr_in loopback(int port) {
        struct sockaddr_in address = { 0 };
        address.sin_family = AF_INET;
        address.sin_port = htons((unsigned short)port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return address;
    }

    static int connect_local(int port) {
        struct sockaddr_in address = loopback(port);
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) { printf("%s\n", strerror(errno)); return 1; }
        if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) { printf("%s\n", strerror(errno)); return 1; }
        printf("connected\n");
        return 0;
    }

    /* A UDP datagram to a loopback port: the packet Landlock alone cannot stop. */
    static int send_udp(int port) {
        struct sockaddr_in address = loopback(port);
        int fd = socket(AF_INET, SOCK_DGRAM, 0);
        if (fd < 0) { printf("%s\n", strerror(errno)); return 1; }
        if (sendto(fd, "x", 1, 0, (struct sockaddr *)&address, sizeof address) != 1) { printf("%s\n", strerror(errno)); return 1; }
        printf("sent\n");
        return 0;
    }

    /* A unix socket pair still works under the socket filter. */
    static int unix_pair(void) {
        int fds[2];
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) { printf("%s\n", strerror(errno)); return 1; }
        printf("paired\n");
        return 0;
    }

    int main(int argc, char **argv) {
        const char *mode = argc > 1 ? argv[1] : "";
        char buf[65536];
        if (!strcmp(mode, "exit")) { printf("out\n"); fprintf(stderr, "err\n"); return atoi(argv[2]); }
        if (!strcmp(mode, "echo")) {
            ssize_t n;
            while ((n = read(0, buf, sizeof buf)) > 0) { if (write(1, buf, (size_t)n) != n) return 1; }
            return 0;
        }
        if (!strcmp(mode, "segv")) { *(volatile int *)0 = 1; return 0; }
        if (!strcmp(mode, "trap")) { __builtin_trap(); }
        if (!strcmp(mode, "spin")) { for (volatile unsigned long i = 0;; i++) {} }
        if (!strcmp(mode, "sleep")) { sleep(60); return 0; }
        if (!strcmp(mode, "forkbomb")) return fork_bomb();
        if (!strcmp(mode, "spew")) { memset(buf, 'x', sizeof buf); for (;;) { if (write(1, buf, sizeof buf) < 0) return 1; } }
        if (!strcmp(mode, "channel")) { to_channel("channel-data"); printf("stdout-data\n"); return 0; }
        if (!strcmp(mode, "escape")) return escape(0);
        if (!strcmp(mode, "escape-sleep")) return escape(1);
        if (!strcmp(mode, "write")) return write_file(argv[2]);
        if (!strcmp(mode, "read")) return read_file(argv[2]);
        if (!strcmp(mode, "connect")) return connect_local(atoi(argv[2]));
        if (!strcmp(mode, "udp")) return send_udp(atoi(argv[2]));
        if (!strcmp(mode, "unix")) return unix_pair();
        if (!strcmp(mode, "env")) { for (char **e = environ; *e; e++) printf("%s\n", *e); return 0; }
        if (!strcmp(mode, "pid")) { printf("%d\n", (int)getpid()); return 0; }
        if (!strcmp(mode, "nice")) {
            errno = 0;
            if (nice(-5) == -1 && errno) { printf("%s\n", strerror(errno)); return 1; }
            printf("reniced\n");
            return 0;
        }
        if (!strcmp(mode, "fsize")) {
            FILE *file = fopen("big.bin", "w");
            memset(buf, 'y', sizeof buf);
            for (;;) { if (!file || fwrite(buf, 1, sizeof buf, file) != sizeof buf) return 1; }
        }
        if (!strcmp(mode, "files")) {
            int opened = 0;
            while (open("/dev/null", O_RDONLY) >= 0) opened++;
            printf("%d\n", opened);
            return 0;
        }
        return 99;
    }
    """#

    static let swiftSource = #"""
    let mode = CommandLine.arguments.dropFirst().first ?? ""
    if mode == "fatal" { fatalError("boom") }
    if mode == "mem" {
        var blocks: [[UInt8]] = []
        while true { blocks.append([UInt8](repeating: 1, count: 64 << 20)) }
    }
    print("ok")
    """#

    /// The compiled C victim, shared by every test of the process (nil if it did not build).
    static let c: String? = build(cSource, name: "victim-c") { source, output in
        ["/usr/bin/env", "cc", "-O0", "-x", "c", "-o", output, source]
    }

    /// The compiled Swift victim (a `-Onone` build, as submissions are built).
    static let swift: String? = build(swiftSource, name: "victim-swift") { source, output in
        ["/usr/bin/env", "swiftc", "-Onone", "-o", output, source]
    }

    /// Builds once per source text into `/tmp/optimlab-victims-<uid>`, so test runs reuse the
    /// binaries and leave no folder per run behind; builds go to a temporary name, then rename.
    private static func build(_ text: String, name: String, command: (String, String) -> [String]) -> String? {
        let directory = "/tmp/optimlab-victims-\(geteuid())"
        mkdir(directory, 0o755)
        let output = directory + "/" + name + "-" + ExecWrapper.fnv1aHex(text)
        if access(output, X_OK) == 0 { return output }
        let temporary = output + ".tmp\(getpid())"
        let source = temporary + (name.hasSuffix("swift") ? ".swift" : ".c")
        TemporaryDirectory.write(text, to: source)
        defer { unlink(source) }
        let run = Supervisor.run(Launch(argv: command(source, temporary), environment: HostEnvironment.current.variables,
                                        wallSeconds: 300, maxOutputBytes: 1 << 20))
        guard run.ending == .status(0), rename(temporary, output) == 0 else { unlink(temporary); return nil }
        return output
    }
}

/// A fresh folder under /tmp, mode 0755 so an unprivileged sandbox user can reach it too.
struct TemporaryDirectory {
    let path: String

    init(prefix: String) {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return "/tmp" }
            return String(cString: base)
        }
        chmod(path, 0o755)
    }

    func file(_ name: String) -> String { path + "/" + name }

    static func write(_ text: String, to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        _ = Array(text.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Removes the folder and everything in it.
    func remove() {
        _ = Supervisor.run(Launch(argv: ["/bin/rm", "-rf", path], environment: [:], wallSeconds: 30, maxOutputBytes: 4096))
    }
}
