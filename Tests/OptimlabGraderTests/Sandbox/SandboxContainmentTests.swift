import Testing
@testable import OptimlabGrader
#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on 127.0.0.1 in the test process: reachable from outside a network namespace only.
struct LoopbackListener {
    let fd: Int32
    let port: Int

    /// A TCP listener, or with `datagram` a bound UDP socket.
    init?(datagram: Bool = false) {
        let fd = socket(AF_INET, Int32((datagram ? SOCK_DGRAM : SOCK_STREAM).rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && (datagram || listen(fd, 8) == 0) && getsockname(fd, $0, &length) == 0
            }
        }
        if !bound { Glibc.close(fd); return nil }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { Glibc.close(fd) }

    /// Whether a datagram has arrived (without waiting).
    func receivedDatagram() -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_DONTWAIT)) >= 0
    }
}

@Suite("Sandbox containment")
struct SandboxContainmentTests {
    /// The host as it is, but without a PID namespace: the subreaper sweep must do the cleanup.
    static var hostWithoutPIDNamespace: HostSupport {
        var host = HostSupport.current
        host.pidNamespace = false
        host.pidMax = false
        host.subreaper = OrphanSweep.becomeSubreaper()
        return host
    }

    /// The host as it would be without a C compiler: util-linux prlimit + unshare.
    static var hostWithUtilities: HostSupport {
        var host = HostSupport.current
        host.launcher = .utilities(prlimit: "/usr/bin/prlimit", unshare: "/usr/bin/unshare")
        host.landlockABI = 0
        host.pidMax = false
        return host
    }

    @Test func setsidGrandchildIsGoneAfterTheRun() throws {
        let result = try runVictim(["escape"])
        #expect(result.outcome == .exited(0))
        let pid = try #require(pid_t(result.channelText))
        #expect(isGone(pid))
    }

    @Test func setsidGrandchildIsGoneWithoutAPIDNamespaceToo() throws {
        let host = Self.hostWithoutPIDNamespace
        try #require(host.subreaper)
        let result = try runVictim(["escape"], host: host)
        #expect(result.outcome == .exited(0))
        #expect(!result.protections.pidNamespace && result.protections.subreaper)
        #expect(result.protections.missing.contains("PID namespace"))
        let pid = try #require(pid_t(result.channelText))
        #expect(isGone(pid))
    }

    @Test(arguments: [true, false])
    func setsidGrandchildIsGoneAfterATimeout(pidNamespace: Bool) throws {
        let host = pidNamespace ? HostSupport.current : Self.hostWithoutPIDNamespace
        var limits = SandboxLimits.quick
        limits.wallSeconds = 1
        let result = try runVictim(["escape-sleep"], limits: limits, host: host)
        #expect(result.outcome == .timedOut)
        let pid = try #require(pid_t(result.channelText))
        #expect(isGone(pid))
    }

    @Test func setsidGrandchildIsGoneUnderTheUtilitiesFallback() throws {
        try #require(HostSupport.current.pidNamespace)
        let result = try runVictim(["escape"], host: Self.hostWithUtilities)
        #expect(result.outcome == .exited(0))
        #expect(result.protections.missing.contains("filesystem confinement (Landlock)"))
        let pid = try #require(pid_t(result.channelText))
        #expect(isGone(pid))
    }

    @Test func utilitiesFallbackStillReportsSignals() throws {
        let host = Self.hostWithUtilities
        #expect(try runVictim(["exit", "3"], host: host).outcome == .exited(3))
        #expect(try runVictim(["segv"], host: host).outcome == .signaled(SIGSEGV))
        var limits = SandboxLimits.quick
        limits.cpuSeconds = 1
        #expect(try runVictim(["spin"], limits: limits, host: host).outcome == .signaled(SIGXCPU))
    }

    @Test func forkBombIsBoundedAndLeavesNothing() throws {
        let result = try runVictim(["forkbomb"])
        #expect(result.outcome == .exited(0))
        let forked = try #require(Int(result.channelText.split(separator: " ").last ?? ""))
        #expect(result.protections.processLimit)
        #expect(forked > 0 && forked <= 301)
        #expect(processes(runningWith: "forkbomb").isEmpty)
    }

    /// Raising one's priority needs CAP_SYS_NICE in the initial user namespace: root has it,
    /// root inside the sandbox's user namespace does not.
    @Test func rootCapabilitiesStayOutside() throws {
        let result = try runVictim(["nice"])
        if result.protections.unprivileged {
            #expect(result.outcome == .exited(1))
            #expect(result.stdoutText == "Permission denied\n" || result.stdoutText == "Operation not permitted\n")
        } else {
            #expect(result.protections.missing.contains("dropping root's capabilities (user namespace)"))
        }
    }

    @Test func targetIsPid2OfItsOwnNamespace() throws {
        try #require(HostSupport.current.pidNamespace)
        #expect(try runVictim(["pid"]).stdoutText == "2\n")
    }

    @Test func writeOutsideTheScratchFolderFails() throws {
        let outside = TemporaryDirectory(prefix: "optimlab-outside")
        defer { outside.remove() }
        let result = try runVictim(["write", outside.file("escaped.txt")])
        if result.protections.filesystemConfinement {
            #expect(result.outcome == .exited(1))
            #expect(result.stdoutText == "Permission denied\n")
            #expect(!TemporaryDirectory.exists(outside.file("escaped.txt")))
        } else {
            #expect(result.protections.missing.contains("filesystem confinement (Landlock)"))
        }
    }

    @Test func writeInsideTheScratchFolderWorks() throws {
        let result = try runVictim(["write", "inside.txt"])
        #expect(result.outcome == .exited(0))
        #expect(result.stdoutText == "written\n")
    }

    @Test func readablePathsCanBeReadButNotWritten() throws {
        try #require(HostSupport.current.landlockABI > 0)
        let shared = TemporaryDirectory(prefix: "optimlab-readable")
        defer { shared.remove() }
        TemporaryDirectory.write("reference\n", to: shared.file("case.txt"))
        let read = try runVictim(["read", shared.file("case.txt")], readable: [shared.path])
        #expect(read.stdoutText == "reference\n")
        let write = try runVictim(["write", shared.file("case.txt")], readable: [shared.path])
        #expect(write.stdoutText == "Permission denied\n")
        let unlisted = try runVictim(["read", shared.file("case.txt")])
        #expect(unlisted.stdoutText == "Permission denied\n")
    }

    @Test func landlockMissingIsReported() throws {
        var host = HostSupport.current
        host.landlockABI = 0
        let result = try runVictim(["exit", "0"], host: host)
        #expect(!result.protections.filesystemConfinement)
        #expect(result.protections.missing.contains("filesystem confinement (Landlock)"))
    }

    /// A host without network namespaces: the seccomp filter stops TCP and UDP alike, and unix
    /// sockets still work.
    @Test func withoutANetworkNamespaceNoIPSocketCanBeOpened() throws {
        var host = HostSupport.current
        guard case .wrapper = host.launcher else {
            Issue.record("the sandbox fell back to \(host.launcher); the socket filter is the exec wrapper's")
            return
        }
        host.networkNamespace = false
        #expect(host.socketFilter, "the wrapper's probe found no working seccomp filter")
        let listener = try #require(LoopbackListener())
        defer { listener.close() }
        let tcp = try runVictim(["connect", "\(listener.port)"], host: host)
        #expect(tcp.outcome == .exited(1))
        #expect(tcp.stdoutText == "Permission denied\n")
        let udp = try runVictim(["udp", "\(listener.port)"], host: host)
        #expect(udp.outcome == .exited(1))
        #expect(udp.stdoutText == "Permission denied\n")
        let unix = try runVictim(["unix"], host: host)
        #expect(unix.outcome == .exited(0) && unix.stdoutText == "paired\n")
        #expect(udp.protections.ipSocketsDenied && !udp.protections.networkNamespace)
        #expect(!udp.protections.missing.contains { $0.contains("network") }, "\(udp.protections.missing)")
        // With the network allowed, no filter: the same datagram goes out.
        var limits = SandboxLimits.quick
        limits.network = true
        let allowed = try runVictim(["udp", "\(listener.port)"], limits: limits, host: host)
        #expect(allowed.stdoutText == "sent\n" && !allowed.protections.ipSocketsDenied)
        #expect(listener.receivedDatagram() == false, "a TCP listener takes no datagram")
        let udpListener = try #require(LoopbackListener(datagram: true))
        defer { udpListener.close() }
        let blocked = try runVictim(["udp", "\(udpListener.port)"], host: host)
        #expect(blocked.stdoutText == "Permission denied\n" && !udpListener.receivedDatagram())
        let open = try runVictim(["udp", "\(udpListener.port)"], limits: limits, host: host)
        #expect(open.stdoutText == "sent\n" && udpListener.receivedDatagram())
    }

    @Test func withNeitherANetworkNamespaceNorAFilterTheReportSaysSo() throws {
        var host = HostSupport.current
        host.networkNamespace = false
        host.socketFilter = false
        let result = try runVictim(["exit", "0"], host: host)
        #expect(!result.protections.ipSocketsDenied)
        #expect(result.protections.missing.contains("network isolation (network namespace)"))
    }

    @Test func loopbackIsUnreachableWithoutNetwork() throws {
        let listener = try #require(LoopbackListener())
        defer { listener.close() }
        let isolated = try runVictim(["connect", "\(listener.port)"])
        if isolated.protections.networkNamespace {
            #expect(isolated.outcome == .exited(1))
            #expect(isolated.stdoutText == "Network is unreachable\n")
        } else {
            #expect(isolated.protections.missing.contains("network isolation (network namespace)"))
        }
        var limits = SandboxLimits.quick
        limits.network = true
        let allowed = try runVictim(["connect", "\(listener.port)"], limits: limits)
        #expect(allowed.outcome == .exited(0))
        #expect(allowed.stdoutText == "connected\n")
        #expect(!allowed.protections.networkNamespace)
        #expect(!allowed.protections.missing.contains("network isolation (network namespace)"))
    }
}
