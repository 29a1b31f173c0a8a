import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fresh folder under /tmp for one test (`mkdtemp`, mode 0700 unless `mode` says otherwise).
///
/// `remove()` deletes it at once. A folder still there when the test process exits — a test that
/// failed before its `defer`, a fixture whose folder outlives one test, a folder a test simply keeps —
/// is deleted then, so no test run leaves its folders in /tmp.
public struct TemporaryDirectory: Sendable {
    public let path: String

    /// A new, empty folder `/tmp/<prefix>-XXXXXX`, deleted at the latest when the process exits.
    public init(prefix: String, mode: mode_t = 0o700) {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
        guard let made else { path = "/tmp/\(prefix)-failed"; return }
        path = made
        if mode != 0o700 { chmod(made, mode) }
        Self.created.add(made)
    }

    /// An existing folder the caller manages (not deleted at exit).
    public init(path: String) { self.path = path }

    /// The path of `name` inside the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    public static func write(_ text: String, to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Deletes the folder and everything in it now.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
        Self.created.drop(path)
    }

    /// The folders made by this process and not yet removed.
    static let created = Registry()

    final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: Set<String> = []
        private var armed = false

        func add(_ path: String) {
            lock.lock(); defer { lock.unlock() }
            paths.insert(path)
            if !armed {
                armed = true
                atexit { TemporaryDirectory.created.removeAll() }
            }
        }

        func drop(_ path: String) {
            lock.lock(); defer { lock.unlock() }
            paths.remove(path)
        }

        /// Deletes every folder still registered.
        func removeAll() {
            lock.lock(); let left = paths; paths = []; lock.unlock()
            for path in left { try? FileManager.default.removeItem(atPath: path) }
        }
    }
}
