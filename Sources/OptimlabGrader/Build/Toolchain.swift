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

    /// The Swift runtime libraries a compiled submission loads (`<root>/usr/lib/swift/linux`): the one
    /// toolchain folder a submission's sandbox binds, so a toolchain at `/` does not expose `/`.
    public var runtimeLibraryDirectory: String {
        let base = root == "/" ? "" : root
        for candidate in ["\(base)/usr/lib/swift/linux", "\(base)/lib/swift/linux"]
        where FileManager.default.fileExists(atPath: candidate) { return candidate }
        return "\(base)/usr/lib/swift/linux"
    }

    /// Linker flags for submissions: the toolchain's own lld when it ships one. Linking is a fifth of
    /// a small compile, and lld links the student's binary about 20 ms faster than the system's
    /// default (gold) on the machines measured (230 → 211 ms for an AdamW submission).
    public var linkerFlags: [String] {
        tool("ld.lld", fallbacks: []) == nil ? [] : ["-use-ld=lld"]
    }

    /// The toolchain's `llvm-symbolizer` (next to swiftc), else the system's; nil when there is none.
    /// It maps a crashed submission's addresses to lines (``CrashSymbolizer``).
    public var symbolizer: String? {
        tool("llvm-symbolizer", fallbacks: ["/usr/bin/llvm-symbolizer"])
    }

    /// The toolchain's `swift-demangle`: names a crashed submission's function.
    public var demangler: String? { tool("swift-demangle", fallbacks: []) }

    /// `name` in the folder of the resolved swiftc, else the first executable fallback.
    func tool(_ name: String, fallbacks: [String]) -> String? {
        let bin = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().deletingLastPathComponent()
        return ([bin.appendingPathComponent(name).path] + fallbacks).first { FileManager.default.isExecutableFile(atPath: $0) }
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
        let memo = versionMemo(swiftc: swiftc, environment: environment)
        if let memo, let data = FileManager.default.contents(atPath: memo), let text = String(data: data, encoding: .utf8), !text.isEmpty {
            return .success(Toolchain(swiftc: swiftc, version: text))
        }
        // A private, empty scratch folder: the compiler's sandbox binds its scratch folder writable, and
        // that must never be the shared temporary directory.
        let scratch = FileManager.default.temporaryDirectory.path + "/optimlab-version-\(UUID().uuidString)"
        do { try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700]) } catch {
            return .failure(GraderError("cannot create a scratch folder: \(error.localizedDescription)"))
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let r = runner.run(RunRequest(executable: swiftc, arguments: ["--version"], scratchDirectory: scratch,
                                      environment: Self.environment(home: scratch), confinement: .compiler,
                                      wallSeconds: 30, cpuSeconds: 30, memoryBytes: 8 << 30))
        guard r.outcome == .exited(0) else {
            return .failure(GraderError("\(swiftc) --version failed (\(r.outcome)): \(String(decoding: r.stderr, as: UTF8.self))"))
        }
        let version = String(decoding: r.stdout, as: UTF8.self)
        if let memo {
            try? FileManager.default.createDirectory(atPath: (memo as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
            HarnessLibrary.writeReplacing(memo, Data(version.utf8))
        }
        return .success(Toolchain(swiftc: swiftc, version: version))
    }

    /// Where `swiftc --version` is remembered, keyed by the compiler's resolved path, size and
    /// modification time: asking costs ~60 ms per `optimlab grade`, a fifth of a submission's compile.
    static func versionMemo(swiftc: String, environment: [String: String]) -> String? {
        let resolved = URL(fileURLWithPath: swiftc).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved),
              let modified = attributes[.modificationDate] as? Date, let size = attributes[.size] as? Int else { return nil }
        let key = HarnessLibrary.key(source: resolved, compilerVersion: "\(size) \(modified.timeIntervalSince1970)")
        return (HarnessLibrary.cacheRoot(environment: environment) as NSString).deletingLastPathComponent + "/swiftc-version-\(key)"
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
