import Foundation

/// One submission to grade: its path, and the name reports give it.
struct SubmissionFile: Equatable {
    var path: String
    var name: String
}

/// The submissions named on the command line. A file is itself; a folder is searched recursively
/// (hidden folders skipped, symbolic links to folders not followed) for `.swift` files. A file right
/// in the folder is named by its path; in a class layout, `classroom/<student>/AdamW.swift`, the
/// student's folder is the name (`<student>/<file>` when that folder holds several files). A
/// symbolic link named `.swift` is kept, so the grader refuses it by name instead of skipping it.
enum SubmissionFiles {
    static func expand(_ paths: [String]) throws(CLIError) -> [SubmissionFile] {
        var out: [SubmissionFile] = []
        for path in paths {
            var isDir: ObjCBool = false
            let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) || isLink else {
                throw .usage("\(path): no such file or folder")
            }
            guard isDir.boolValue, !isLink else {
                out.append(SubmissionFile(path: path, name: path))
                continue
            }
            let found = swiftFiles(under: path)
            if found.isEmpty { throw .usage("\(path): the folder holds no .swift file") }
            out += named(found, root: path)
        }
        return out
    }

    /// Relative paths of the `.swift` files under `root`, sorted.
    static func swiftFiles(under root: String) -> [String] {
        var found: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root : (root as NSString).appendingPathComponent(relative)
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !entry.hasPrefix(".") {
                let child = relative.isEmpty ? entry : "\(relative)/\(entry)"
                let full = (root as NSString).appendingPathComponent(child)
                let type = (try? FileManager.default.attributesOfItem(atPath: full)[.type] as? FileAttributeType) ?? nil
                if type == .typeDirectory { pending.append(child) }
                else if entry.hasSuffix(".swift"), type == .typeRegular || type == .typeSymbolicLink { found.append(child) }
            }
        }
        return found.sorted()
    }

    static func named(_ relatives: [String], root: String) -> [SubmissionFile] {
        let byStudent = Dictionary(grouping: relatives) { $0.split(separator: "/").first.map(String.init) ?? $0 }
        return relatives.map { relative in
            let full = (root as NSString).appendingPathComponent(relative)     // "dir/" gives dir/x.swift, not dir//x.swift
            let parts = relative.split(separator: "/")
            guard parts.count > 1 else { return SubmissionFile(path: full, name: full) }
            let student = String(parts[0])
            return SubmissionFile(path: full, name: byStudent[student]?.count == 1 ? student : relative)
        }
    }
}
