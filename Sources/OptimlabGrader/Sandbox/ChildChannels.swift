import CSandbox
#if canImport(Glibc)
import Glibc
#endif

/// The parent's side of the child's descriptors 0...4: a socketpair for stdin (so a child that
/// closes stdin early gives EPIPE, not a SIGPIPE that would kill the grader), pipes for the rest.
struct ChildChannels {
    static let stdinIndex = 0, stdoutIndex = 1, stderrIndex = 2, channelIndex = 3, setupIndex = 4
    /// [parent end, child end] per child descriptor; -1 when closed.
    private(set) var pairs: [[Int32]]

    init(reportsSetupErrors: Bool) {
        pairs = Array(repeating: [-1, -1], count: reportsSetupErrors ? 5 : 4)
    }

    /// Opens every pair; returns the error text if one could not be created.
    mutating func open() -> String? {
        for index in pairs.indices {
            var fds: [Int32] = [-1, -1]
            let rc = osb_make_channel(&fds, index == Self.stdinIndex ? 1 : 0)
            if rc != 0 { return String(cString: strerror(rc)) }
            // A pipe's [0] reads and [1] writes, and the child writes every stream but stdin,
            // whose socketpair works both ways: so the parent keeps [0] in every case.
            pairs[index] = fds
        }
        return nil
    }

    var childEnds: [Int32] { pairs.map { $0[1] } }
    func parentEnd(_ index: Int) -> Int32 { index < pairs.count ? pairs[index][0] : -1 }

    mutating func closeChildEnds() {
        for index in pairs.indices where pairs[index][1] >= 0 { close(pairs[index][1]); pairs[index][1] = -1 }
    }

    /// The watch closed the parent ends itself.
    mutating func forgetParentEnds() { for index in pairs.indices { pairs[index][0] = -1 } }

    mutating func closeAll() {
        closeChildEnds()
        for index in pairs.indices where pairs[index][0] >= 0 { close(pairs[index][0]); pairs[index][0] = -1 }
    }
}
