import CSandbox

/// The shared libraries a program needs, found from ELF headers (read as data: nothing of the program
/// runs, unlike `ldd`), so the submission's view holds exactly those and not the host's library folders.
///
/// A library in one of `libraryFolders` (the toolchain's runtime folder, bound whole) is found there by
/// the program's RUNPATH; any other is looked up in the system library folders and bound at that same
/// path, which the dynamic loader searches by default (there is no /etc/ld.so.cache in the view).
enum RuntimeView {
    static let systemFolders = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
                                "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib"]
    /// The only program interpreters accepted from a binary's PT_INTERP.
    static let interpreters = ["/lib64/ld-linux-x86-64.so.2", "/lib/ld-linux-aarch64.so.1"]

    /// Mounts for `executable`'s interpreter and every library outside `libraryFolders` that it and its
    /// libraries need.
    static func mounts(for executable: String, libraryFolders: [String]) -> [SandboxPolicy.Mount] {
        var mounts: [SandboxPolicy.Mount] = []
        var seen: Set<String> = []
        var queue = [executable]
        var isExecutable = true
        while let file = queue.popLast() {
            let (interpreter, needed, _) = dependencies(of: file)
            if isExecutable, let interpreter, interpreters.contains(interpreter), let real = FileSystem.realPath(interpreter) {
                mounts.append(SandboxPolicy.Mount(source: real, destination: interpreter))
            }
            isExecutable = false
            for name in needed where !name.contains("/") && seen.insert(name).inserted {
                if let inFolder = libraryFolders.lazy.map({ $0 + "/" + name }).first(where: FileSystem.isRegularFile) {
                    queue.append(inFolder)
                } else if let path = systemFolders.lazy.map({ $0 + "/" + name }).first(where: { FileSystem.realPath($0) != nil }),
                          let real = FileSystem.realPath(path), FileSystem.isRegularFile(real) {
                    mounts.append(SandboxPolicy.Mount(source: real, destination: path))
                    queue.append(real)
                }
            }
        }
        return mounts
    }

    /// PT_INTERP, DT_NEEDED and the absolute folders of DT_RUNPATH of an ELF64 file; nil and none if it
    /// is not one.
    static func dependencies(of path: String) -> (interpreter: String?, needed: [String], runPath: [String]) {
        var buffer = [CChar](repeating: 0, count: 16 << 10)
        let length = osb_elf_dependencies(path, &buffer, buffer.count)
        guard length > 0 else { return (nil, [], []) }
        let strings = buffer[0..<Int(length)].split(separator: 0, omittingEmptySubsequences: false)
            .map { String(decoding: $0.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        let interpreter = strings.first.flatMap { $0.isEmpty ? nil : $0 }
        let rest = strings.dropFirst().filter { !$0.isEmpty }
        let runPath = rest.filter { $0.hasPrefix("\u{1}") }.flatMap { $0.dropFirst().split(separator: ":").map(String.init) }
        return (interpreter, rest.filter { !$0.hasPrefix("\u{1}") }, runPath.filter { $0.hasPrefix("/") })
    }
}
