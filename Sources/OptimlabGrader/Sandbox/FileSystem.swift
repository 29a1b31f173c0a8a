#if canImport(Glibc)
import Glibc
#endif

/// The few file-system questions the sandbox asks, answered without following a final symlink unless
/// the name says so.
enum FileSystem {
    static func isDirectory(_ path: String) -> Bool { kind(path, follow: true) == S_IFDIR }

    /// A regular file itself, not a symlink to one.
    static func isRegularFile(_ path: String) -> Bool { kind(path, follow: false) == S_IFREG }

    static func symlinkTarget(_ path: String) -> String? {
        guard kind(path, follow: false) == S_IFLNK else { return nil }
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func kind(_ path: String, follow: Bool) -> mode_t? {
        var info = stat()
        guard (follow ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }

    /// Owned by root or by us, and writable by nobody else: a file whose replacement would be an escape.
    static func isTrusted(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        return (info.st_uid == 0 || info.st_uid == geteuid()) && info.st_mode & 0o022 == 0
    }
}
