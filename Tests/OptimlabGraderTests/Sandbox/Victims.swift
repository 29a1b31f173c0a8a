import Foundation
import Testing
@testable import OptimlabGrader
#if canImport(Glibc)
import Glibc
#endif

/// The misbehaving C program of the sandbox tests (Fixtures/Victims/victim.c), compiled with `cc` once
/// per test process into a private folder.
enum Victims {
    static let source = Bundle.module.resourcePath! + "/Fixtures/Victims/victim.c"

    static let c: String? = {
        guard let text = try? String(contentsOfFile: source, encoding: .utf8) else { return nil }
        let folder = "/tmp/optimlab-victims-\(geteuid())"
        mkdir(folder, 0o700)
        let output = "\(folder)/victim-\(Digest.sha256Hex(Array(text.utf8)).prefix(16))"
        if access(output, X_OK) == 0 { return output }
        let temporary = "\(output).tmp\(getpid())"
        let cc = Process()
        cc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        cc.arguments = ["cc", "-O0", "-o", temporary, source]
        do { try cc.run() } catch { return nil }
        cc.waitUntilExit()
        guard cc.terminationStatus == 0, rename(temporary, output) == 0 else { unlink(temporary); return nil }
        return output
    }()
}

/// Runs the C victim with `arguments` in a fresh scratch folder, through the real sandbox.
func runVictim(_ arguments: [String], readable: [String] = [], environment: [String: String] = [:],
               wallSeconds: Double = 10, cpuSeconds: Double = 5, memoryBytes: Int = 1 << 30, maxTasks: Int = 8,
               scratchBytes: Int = 64 << 20, maxOutputBytes: Int = 64 << 10, maxChannelBytes: Int = 16 << 20,
               scratch: TemporaryDirectory? = nil) throws -> RunResult {
    let victim = try #require(Victims.c, "the C victim did not build")
    let folder = scratch ?? TemporaryDirectory(prefix: "optimlab-scratch")
    defer { if scratch == nil { folder.remove() } }
    let request = RunRequest(executable: victim, arguments: arguments, scratchDirectory: folder.path,
                             environment: environment, readablePaths: readable, confinement: .submission,
                             wallSeconds: wallSeconds, cpuSeconds: cpuSeconds, memoryBytes: memoryBytes,
                             maxTasks: maxTasks, scratchBytes: scratchBytes, maxOutputBytes: maxOutputBytes,
                             maxChannelBytes: maxChannelBytes)
    return SandboxRunner().run(request)
}

/// Pids of live processes whose command line contains `marker`.
func processes(runningWith marker: String) -> [pid_t] {
    let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }
    return pids.filter { pid in
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        return data.split(separator: 0).contains { String(decoding: $0, as: UTF8.self) == marker }
    }
}

/// A fresh private folder (mode 0700) under /tmp.
struct TemporaryDirectory {
    let path: String

    init(prefix: String) {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return "/tmp/\(prefix)-failed" }
            return String(cString: base)
        }
    }

    func file(_ name: String) -> String { path + "/" + name }

    static func write(_ text: String, to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A listening unix socket on the host, at a path in a private folder: the kind of socket (tmux, D-Bus,
/// docker.sock) that a sandboxed program must never reach.
struct UnixListener {
    let fd: Int32
    let path: String

    init?(in folder: TemporaryDirectory) {
        let path = folder.file("host.sock")
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0 }
        }
        guard bound, listen(fd, 8) == 0 else { Glibc.close(fd); return nil }
        chmod(path, 0o777)
        self.fd = fd
        self.path = path
    }

    /// Whether anyone has connected (without waiting).
    func accepted() -> Bool {
        _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        let client = accept(fd, nil, nil)
        if client >= 0 { Glibc.close(client); return true }
        return false
    }

    func close() { Glibc.close(fd) }
}

/// A TCP listener on 127.0.0.1 in the test process.
struct LoopbackListener {
    let fd: Int32
    let port: Int

    init?() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        if !bound { Glibc.close(fd); return nil }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func accepted() -> Bool {
        _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        let client = accept(fd, nil, nil)
        if client >= 0 { Glibc.close(client); return true }
        return false
    }

    func close() { Glibc.close(fd) }
}
