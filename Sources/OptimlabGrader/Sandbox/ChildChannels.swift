import CSandbox
#if canImport(Glibc)
import Glibc
#endif

/// The descriptors a sandboxed run starts with: 0 stdin (an empty pipe: EOF at once), 1 stdout, 2 stderr,
/// 3 the result channel, 4 the launcher's status, 5 the launcher's bytes, 6… the files copied into the
/// view. The grader keeps the read ends of 1…4.
struct ChildChannels {
    static let stdoutIndex = 1, stderrIndex = 2, channelIndex = 3, statusIndex = 4
    /// [parent end, child end] per pipe 0…4; -1 when closed.
    private(set) var pairs: [[Int32]] = Array(repeating: [-1, -1], count: 5)
    /// Descriptors 5, 6, …: given to the child, closed by the grader after the spawn.
    private(set) var extra: [Int32] = []

    /// Opens the pipes, the launcher memfd and the files; returns why not, if one could not be made.
    mutating func open(launcher: [UInt8], files: [String]) -> String? {
        for index in pairs.indices {
            var fds: [Int32] = [-1, -1]
            let rc = osb_make_channel(&fds, 0)
            if rc != 0 { return String(cString: strerror(rc)) }
            // stdin: the child reads [0]; every other stream: the child writes [1].
            pairs[index] = index == 0 ? [fds[1], fds[0]] : fds
        }
        closeParent(0)      // nothing is ever written to stdin
        let memfd = launcher.withUnsafeBytes { osb_sealed_memfd("optimlab-launcher", $0.baseAddress, $0.count) }
        if memfd < 0 { return "memfd for the launcher: \(String(cString: strerror(errno)))" }
        extra.append(memfd)
        for file in files {
            let fd = osb_open_high(file)
            if fd < 0 { return "\(file): \(String(cString: strerror(errno)))" }
            extra.append(fd)
        }
        return nil
    }

    var childEnds: [Int32] { pairs.map { $0[1] } + extra }
    func parentEnd(_ index: Int) -> Int32 { pairs[index][0] }

    mutating func closeChildEnds() {
        for index in pairs.indices where pairs[index][1] >= 0 { close(pairs[index][1]); pairs[index][1] = -1 }
        for fd in extra { close(fd) }
        extra = []
    }

    /// The drain loop closed the parent ends itself.
    mutating func forgetParentEnds() { for index in pairs.indices { pairs[index][0] = -1 } }

    private mutating func closeParent(_ index: Int) {
        if pairs[index][0] >= 0 { close(pairs[index][0]); pairs[index][0] = -1 }
    }

    mutating func closeAll() {
        closeChildEnds()
        for index in pairs.indices { closeParent(index) }
    }
}
