import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes the progress file: `$XDG_STATE_HOME/optimlab/progress.json` by default
/// (`~/.local/state/optimlab/`). Every save is atomic — written to a temporary file in the same
/// directory, fsynced, renamed over the old one — so a crash or a kill never leaves half a file.
public struct ProgressStore: Sendable {
    public var path: String

    public init(path: String) { self.path = path }

    /// The state directory: `$XDG_STATE_HOME/optimlab` or `~/.local/state/optimlab`.
    public static func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { return xdg + "/optimlab" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/optimlab"
    }

    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        stateDirectory(environment: environment) + "/progress.json"
    }

    /// Loads the progress, or a fresh one when there is no file. A file that does not parse is renamed
    /// to `progress.json.corrupt-<timestamp>` and reported in `warning`; a newer version throws.
    public func load(now: Date = Date()) throws(ProgressError) -> (progress: LearnerProgress, warning: String?) {
        removeStaleTemporaries()
        guard var data = FileManager.default.contents(atPath: path) else { return (.fresh(), nil) }
        struct VersionProbe: Decodable { var version: Int? }
        let version = (try? JSONDecoder().decode(VersionProbe.self, from: data))?.version
        if let version, version > LearnerProgress.currentVersion {
            throw .newerVersion(path: path, version: version)
        }
        if version == nil, let migrated = Self.migrateUnversioned(data) { data = migrated }
        do {
            return (try JSONDecoder().decode(LearnerProgress.self, from: data), nil)
        } catch {
            let stamp = Int(now.timeIntervalSince1970)
            let aside = "\(path).corrupt-\(stamp)"
            guard rename(path, aside) == 0 else {
                throw .unwritable(path: path, reason: "it is corrupt and cannot be moved aside (\(String(cString: strerror(errno))))")
            }
            return (.fresh(), "\(path) could not be read (\(Self.reason(error))); it was moved to \(aside) and progress starts afresh.")
        }
    }

    /// Version 0 is the format before the `version` field: the same shape, possibly without `learner`
    /// or `lessons`. It becomes version 1 by adding what is missing (a learner id, no lessons), so a
    /// learner's answers carry over instead of the file being set aside as corrupt.
    static func migrateUnversioned(_ data: Data) -> Data? {
        guard var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
        object["version"] = 1
        if object["learner"] == nil { object["learner"] = LearnerProgress.fresh().learner }
        if object["lessons"] == nil { object["lessons"] = [String: Any]() }
        return try? JSONSerialization.data(withJSONObject: object)
    }

    /// Removes `<path>.tmp-<pid>` files left by a writer killed between creating and renaming its
    /// temporary file (the progress itself is intact: the rename never happened). A temporary file of
    /// a process still running is left alone.
    func removeStaleTemporaries() {
        let directory = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink((directory.isEmpty ? "" : directory + "/") + name)
        }
    }

    static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c): c.underlyingError.map { "\($0.localizedDescription)" } ?? c.debugDescription
        case DecodingError.keyNotFound(let key, _): "missing '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let c): "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "\(error)"
        }
    }

    /// Writes `progress` atomically (temp file + fsync + rename + directory fsync), replacing the file
    /// whatever it holds. A run that may share the file with another optimlab saves with
    /// ``save(_:since:)`` instead, so neither run's work is lost.
    public func save(_ progress: LearnerProgress) throws(ProgressError) {
        let data = try Self.encoded(progress, path: path)
        let directory = try lockedDirectory()
        defer { close(directory) }
        try writeAtomically(data, directory: directory)
    }

    /// Saves this run's `progress`, keeping what other optimlab runs saved to the file since this run
    /// read `base` (see ``LearnerProgress/merged(base:mine:theirs:)``), and returns what was written: the
    /// run adopts it as its progress and as the `base` of its next save.
    ///
    /// The read, the merge and the write happen under an exclusive lock on the file's directory, so two
    /// runs saving at once take turns instead of each writing over the other's latest state. A file that
    /// a newer optimlab wrote meanwhile is refused, never overwritten.
    @discardableResult
    public func save(_ progress: LearnerProgress, since base: LearnerProgress) throws(ProgressError) -> LearnerProgress {
        let directory = try lockedDirectory()
        defer { close(directory) }
        let theirs = FileManager.default.fileExists(atPath: path) ? try load().progress : base
        let merged = LearnerProgress.merged(base: base, mine: progress, theirs: theirs)
        try writeAtomically(try Self.encoded(merged, path: path), directory: directory)
        return merged
    }

    /// The pretty, key-sorted JSON a save writes, with a final newline.
    static func encoded(_ progress: LearnerProgress, path: String) throws(ProgressError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do { return try encoder.encode(progress) + Data("\n".utf8) } catch {
            throw .unwritable(path: path, reason: "\(error)")
        }
    }

    /// Creates the file's directory if needed and returns it open and exclusively locked (`flock`),
    /// so saves by several processes happen one at a time. Closing the descriptor releases the lock,
    /// and so does the kernel when a holder is killed, so a lock can never be left stuck.
    func lockedDirectory() throws(ProgressError) -> Int32 {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true)
        } catch {
            throw .unwritable(path: path, reason: "cannot create \(directory)")
        }
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY)
        guard fd >= 0 else { throw .unwritable(path: path, reason: "cannot open \(directory): \(String(cString: strerror(errno)))") }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw .unwritable(path: path, reason: "cannot lock \(directory): \(reason)")
            }
        }
        return fd
    }

    /// Writes `data` to a temporary file beside the progress file, fsyncs it, renames it over the
    /// file and fsyncs the directory: a reader sees the old file or the new one, never a mixture.
    func writeAtomically(_ data: Data, directory: Int32) throws(ProgressError) {
        let temp = "\(path).tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .unwritable(path: path, reason: String(cString: strerror(errno))) }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard written, synced, rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw .unwritable(path: path, reason: reason)
        }
        fsync(directory)
    }
}
