#if canImport(Glibc)
import Glibc
#endif

/// The grader's own environment, read once: where to look for programs and caches.
struct HostEnvironment: Sendable {
    var variables: [String: String]

    static var current: HostEnvironment {
        var variables: [String: String] = [:]
        for key in ["PATH", "HOME", "XDG_CACHE_HOME"] {
            if let value = getenv(key) { variables[key] = String(cString: value) }
        }
        return HostEnvironment(variables: variables)
    }

    func value(_ key: String) -> String? { variables[key].flatMap { $0.isEmpty ? nil : $0 } }

    var path: String { value("PATH") ?? "/usr/local/bin:/usr/bin:/bin" }

    /// The first executable named `name` on PATH.
    func which(_ name: String, searchPath: String? = nil) -> String? {
        for directory in (searchPath ?? path).split(separator: ":") where directory.hasPrefix("/") {
            let candidate = directory + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    func compilerPath() -> String? {
        ["cc", "clang", "gcc"].lazy.compactMap { which($0) }.first
    }
}
