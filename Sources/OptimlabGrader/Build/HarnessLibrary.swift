import OptimlabEngine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The prebuilt harness: `libOptimlabHarness.a` plus its module, compiled once per harness source and
/// compiler, in `$XDG_CACHE_HOME/optimlab/harness/<key>` (or `~/.cache/optimlab/harness/<key>`).
/// The key is a hash of the harness source and `swiftc --version`, so editing the harness or
/// switching toolchains rebuilds it. A build goes to a temporary folder that is renamed into place,
/// so concurrent graders never see half a library.
///
/// Every submission links this archive, so a swapped one would be a forged verdict: the cache folders
/// are made 0700, the build writes a manifest of the SHA-256 of each file it made, and ``verify()``
/// checks the files against it (and that nobody else can write them) before every use. A library that
/// does not match is never used: ``prepare`` removes it and builds a fresh one. (A submission cannot
/// reach the cache in the first place: its sandbox's view holds no part of the host's home or caches.)
public struct HarnessLibrary: Sendable {
    public var directory: String

    static let manifestName = "manifest.sha256"

    /// optimlab's cache folder: `$XDG_CACHE_HOME/optimlab`, else `~/.cache/optimlab`.
    public static func optimlabCacheRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return "\(xdg)/optimlab" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return "\(home)/.cache/optimlab"
    }

    public static func cacheRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        optimlabCacheRoot(environment: environment) + "/harness"
    }

    /// The cache key: FNV-1a 64 of the harness source, a separator and the compiler's version text.
    public static func key(source: String, compilerVersion: String) -> String {
        String(StableHash.of(source + "\u{0}" + compilerVersion), radix: 16)
    }

    /// The library for `toolchain`, building it if the cache does not have it yet (or has one that fails
    /// verification).
    public static func prepare(toolchain: Toolchain, cacheRoot: String, runner: any ProcessRunner) -> Result<HarnessLibrary, GraderError> {
        let fm = FileManager.default
        let dir = "\(cacheRoot)/\(key(source: HarnessSource.text, compilerVersion: toolchain.version))"
        let library = HarnessLibrary(directory: dir)
        if fm.fileExists(atPath: dir) {
            if library.verify() == nil { return .success(library) }
            try? fm.removeItem(atPath: dir)          // tampered with, or left half-made: never used
        }
        let staging = "\(cacheRoot)/.building-\(UUID().uuidString)"
        do {
            try fm.createDirectory(atPath: cacheRoot, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try HarnessSource.text.write(toFile: "\(staging)/\(HarnessSource.moduleName).swift", atomically: false, encoding: .utf8)
        } catch {
            return .failure(GraderError("cannot write the harness cache in \(cacheRoot): \(error.localizedDescription)"))
        }
        let m = HarnessSource.moduleName
        let r = runner.run(RunRequest(
            executable: toolchain.swiftc,
            arguments: ["-O", "-swift-version", "6", "-parse-as-library", "-emit-library", "-static",
                        "-module-name", m, "\(m).swift", "-emit-module", "-emit-module-path", "\(m).swiftmodule",
                        "-module-cache-path", "module-cache", "-o", "lib\(m).a"],
            scratchDirectory: staging, environment: Toolchain.environment(home: staging), readablePaths: [toolchain.root],
            confinement: .compiler, wallSeconds: 120, cpuSeconds: 120, memoryBytes: 8 << 30))
        guard r.outcome == .exited(0) else {
            try? fm.removeItem(atPath: staging)
            return .failure(GraderError("building the harness library failed (\(r.outcome)): \(String(decoding: r.stderr, as: UTF8.self))"))
        }
        try? fm.createDirectory(atPath: "\(staging)/module-cache", withIntermediateDirectories: true)
        writeReplacing("\(staging)/\(manifestName)", Data(HarnessLibrary(directory: staging).manifest().utf8))
        if rename(staging, dir) != 0 { try? fm.removeItem(atPath: staging) }   // another grader won the race
        if let problem = library.verify() { return .failure(GraderError(problem)) }
        return .success(library)
    }

    public var archive: String { "\(directory)/lib\(HarnessSource.moduleName).a" }
    /// Clang's module cache for submissions' compiles (safe to share between concurrent compiles).
    public var moduleCache: String { "\(directory)/module-cache" }

    /// The files a submission's compile reads from the library: the archive and the module.
    var verifiedFiles: [String] { ["lib\(HarnessSource.moduleName).a", "\(HarnessSource.moduleName).swiftmodule"] }

    /// `<sha256>  <name>` per verified file, as `sha256sum` prints it.
    func manifest() -> String {
        verifiedFiles.map { name in
            let bytes = SandboxHost.readFile("\(directory)/\(name)", limit: 1 << 30) ?? []
            return "\(Digest.sha256Hex(bytes))  \(name)\n"
        }.joined()
    }

    /// Nil when the library is what this grader (or an earlier one of the same user) built: the folder
    /// and its files are writable by no one else, and every file matches the manifest. Otherwise why not.
    public func verify() -> String? {
        for path in [directory, "\(directory)/\(Self.manifestName)"] + verifiedFiles.map({ "\(directory)/\($0)" })
        where !FileSystem.isTrusted(path) {
            return "the harness library cache \(directory) is not private (\(path)): remove it and grade again"
        }
        guard let recorded = SandboxHost.readFile("\(directory)/\(Self.manifestName)"),
              String(decoding: recorded, as: UTF8.self) == manifest() else {
            return "the harness library in \(directory) does not match its manifest: remove it and grade again"
        }
        return nil
    }

    /// Writes `data` to a unique name beside `path` and renames it over `path`: readers see the old file
    /// or the new one, and no temporary folder is left anywhere.
    static func writeReplacing(_ path: String, _ data: Data) {
        let temporary = "\(path).tmp-\(getpid())-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }
}
