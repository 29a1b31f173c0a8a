import OptimlabEngine
import Foundation

/// The prebuilt harness: `libOptimlabHarness.a` plus its module, compiled once per harness source and
/// compiler, in `$XDG_CACHE_HOME/optimlab/harness/<key>` (or `~/.cache/optimlab/harness/<key>`).
/// The key is a hash of the harness source and `swiftc --version`, so editing the harness or
/// switching toolchains rebuilds it. A build goes to a temporary folder that is renamed into place,
/// so concurrent graders never see half a library.
public struct HarnessLibrary: Sendable {
    public var directory: String

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

    /// The library for `toolchain`, building it if the cache does not have it yet.
    public static func prepare(toolchain: Toolchain, cacheRoot: String, runner: any ProcessRunner) -> Result<HarnessLibrary, GraderError> {
        let fm = FileManager.default
        let dir = "\(cacheRoot)/\(key(source: HarnessSource.text, compilerVersion: toolchain.version))"
        let library = HarnessLibrary(directory: dir)
        if fm.fileExists(atPath: library.archive) { return .success(library) }
        let staging = "\(cacheRoot)/.building-\(UUID().uuidString)"
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            try HarnessSource.text.write(toFile: "\(staging)/\(HarnessSource.moduleName).swift", atomically: true, encoding: .utf8)
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
            wallSeconds: 120, cpuSeconds: 120, memoryBytes: 8 << 30))
        guard r.outcome == .exited(0) else {
            try? fm.removeItem(atPath: staging)
            return .failure(GraderError("building the harness library failed (\(r.outcome)): \(String(decoding: r.stderr, as: UTF8.self))"))
        }
        try? fm.createDirectory(atPath: "\(staging)/module-cache", withIntermediateDirectories: true)
        if rename(staging, dir) != 0 { try? fm.removeItem(atPath: staging) }   // another grader won the race
        return fm.fileExists(atPath: library.archive) ? .success(library)
            : .failure(GraderError("the harness library did not appear in \(dir)"))
    }

    public var archive: String { "\(directory)/lib\(HarnessSource.moduleName).a" }
    /// Clang's module cache for submissions' compiles (safe to share between concurrent compiles).
    public var moduleCache: String { "\(directory)/module-cache" }
}
