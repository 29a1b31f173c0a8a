import OptimlabGrader
import OptimlabEngine
import Foundation
import OptimlabContent

/// The exercises built into the binary. The grader works on folders (starter, solution, cases), so an
/// embedded exercise is written once to the cache, under a folder named by a hash of the embedded
/// content, and graded from there: `optimlab grade --exercise adamw` works from any folder.
enum BuiltInExercises {
    /// The ids in course order: by each exercise.yaml's `order` (then by id; unordered ones last).
    static var ids: [String] {
        let ids = Set(EmbeddedContent.files(under: "exercises").compactMap { file -> String? in
            let parts = file.path.split(separator: "/")
            return parts.count >= 3 ? String(parts[1]) : nil
        })
        let order = Dictionary(uniqueKeysWithValues: ids.map { ($0, position(of: $0)) })
        return ids.sorted { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }
    }

    /// The top-level `order:` of an embedded exercise.yaml, found by a line scan (the loader validates
    /// it; here it only sorts, and the REPL asks at start-up, so no YAML parse).
    static func position(of id: String) -> Int {
        guard let text = EmbeddedContent.file(at: "exercises/\(id)/exercise.yaml")?.text else { return .max }
        let line = text.split(separator: "\n").first { $0.hasPrefix("order:") }
        return line.flatMap { Int($0.dropFirst("order:".count).trimmingCharacters(in: .whitespaces)) } ?? .max
    }

    /// The folder of built-in exercise `id`, written to the cache if needed; nil when there is none.
    /// A cache that cannot hold it is an input error naming the folder and why (``cacheProblem(_:)``).
    static func directory(for id: String) throws(CLIError) -> String? {
        let prefix = "exercises/\(id)/"
        let files = EmbeddedContent.files(under: "exercises").filter { $0.path.hasPrefix(prefix) }
        guard !files.isEmpty, !id.contains("/"), !id.hasPrefix(".") else { return nil }
        let root = cacheRoot().appendingPathComponent("content-\(contentHash())")
        let target = root.appendingPathComponent("exercises/\(id)")
        if FileManager.default.fileExists(atPath: target.appendingPathComponent("exercise.yaml").path) { return target.path }
        // Write into a private folder, then rename into place, so a concurrent run never sees half a copy.
        let staging = root.appendingPathComponent(".staging-\(getpid())-\(id)")
        do {
            try? FileManager.default.removeItem(at: staging)
            for file in files {
                let url = staging.appendingPathComponent(String(file.path.dropFirst(prefix.count)))
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.text.write(to: url, atomically: false, encoding: .utf8)
            }
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if rename(staging.path, target.path) != 0 { try? FileManager.default.removeItem(at: staging) }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw .input(unusableCache(root.path, id: id, error: error))
        }
        guard FileManager.default.fileExists(atPath: target.appendingPathComponent("exercise.yaml").path) else {
            throw .input(unusableCache(root.path, id: id, error: nil))
        }
        return target.path
    }

    /// The message for a cache folder the built-in exercise `id` cannot be written to.
    /// The folder is named as the user sets it (optimlab's cache folder), not by the content hash under it.
    static func unusableCache(_ root: String, id: String, error: Error?) -> String {
        let reason = cacheProblem(root) ?? (error as NSError?).map { $0.localizedFailureReason ?? $0.localizedDescription } ?? "the copy did not appear"
        return "cannot write the built-in exercise \"\(id)\" to the cache \(cacheRoot().path): \(reason) (set XDG_CACHE_HOME, or HOME, to a writable folder)"
    }

    /// Why folder `path` cannot be created or written: the nearest part of it that exists is not a
    /// folder, or cannot be written; nil when nothing on the way is in the way.
    static func cacheProblem(_ path: String) -> String? {
        var existing = path, missing: String?
        while !existing.isEmpty, existing != "/", !FileManager.default.fileExists(atPath: existing) {
            missing = existing
            existing = (existing as NSString).deletingLastPathComponent
        }
        if existing.isEmpty { existing = "/" }
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: existing, isDirectory: &isDirectory)
        if !isDirectory.boolValue { return "\(existing) is not a folder" }
        if access(existing, W_OK | X_OK) != 0 {
            let absent = missing.map { "\($0) does not exist and " } ?? ""
            return "\(absent)\(existing) is not writable (\(String(cString: strerror(errno))))"
        }
        return nil
    }

    static func cacheRoot() -> URL { URL(fileURLWithPath: HarnessLibrary.optimlabCacheRoot()) }

    /// FNV-1a over every embedded exercise file, so a new binary never reuses an old copy.
    static func contentHash() -> String {
        var h = StableHash()
        for file in EmbeddedContent.files(under: "exercises") { h.combine(file.path); h.combine(file.text) }
        return h.hex
    }
}
