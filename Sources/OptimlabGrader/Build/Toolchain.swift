import Foundation

/// The Swift compiler the grader uses: `$OPTIMLAB_SWIFTC`, else `swiftc` on `PATH`.
public struct Toolchain: Sendable {
    public var swiftc: String
    /// `swiftc --version`, part of the harness cache key (a module built by one compiler cannot be
    /// imported by another).
    public var version: String

    public init(swiftc: String, version: String) { self.swiftc = swiftc; self.version = version }

    /// The toolchain's root (`/opt/swift/usr/bin/swiftc` → `/opt/swift`): the compiler reads its
    /// runtime libraries and modules from there, so the sandbox must let it.
    public var root: String {
        var url = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent()   // …/usr/bin
        url.deleteLastPathComponent()                                                                  // …/usr
        if url.lastPathComponent == "usr" { url.deleteLastPathComponent() }
        return url.path
    }

    /// Finds the compiler and asks its version; nil (with a reason) when there is none.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              runner: any ProcessRunner) -> Result<Toolchain, GraderError> {
        var candidates: [String] = []
        if let explicit = environment["OPTIMLAB_SWIFTC"] { candidates.append(explicit) }
        for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") { candidates.append("\(dir)/swiftc") }
        guard let swiftc = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return .failure(GraderError("no Swift compiler found: put swiftc on PATH or set OPTIMLAB_SWIFTC"))
        }
        let scratch = FileManager.default.temporaryDirectory.path
        let r = runner.run(RunRequest(executable: swiftc, arguments: ["--version"], scratchDirectory: scratch,
                                      environment: Self.environment(home: scratch), wallSeconds: 30, cpuSeconds: 30,
                                      memoryBytes: 8 << 30))
        guard r.outcome == .exited(0) else {
            return .failure(GraderError("\(swiftc) --version failed: \(String(decoding: r.stderr, as: UTF8.self))"))
        }
        return .success(Toolchain(swiftc: swiftc, version: String(decoding: r.stdout, as: UTF8.self)))
    }

    /// The environment the compiler runs with: a private HOME and TMPDIR, nothing inherited.
    static func environment(home: String) -> [String: String] {
        ["PATH": "/usr/bin:/bin", "HOME": home, "TMPDIR": home, "LANG": "C.UTF-8"]
    }
}

/// A problem that stops the grader from grading at all (exit status 2), as opposed to a submission
/// that fails.
public struct GraderError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
