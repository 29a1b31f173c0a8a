// A hostile submission for the grader's golden scenarios: the reference AdamW, plus an escape attempt
// on its first step (connects to a host unix socket). The test proves the attempt was refused; the grade must still be a pass.
enum Attack {
    static func once() {
        if attacked { return }
        attacked = true
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        if fd < 0 { report("socket: \(failure())"); return }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = "/tmp/optimlab-hostile/host.sock"
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.enumerated() { raw[i] = byte }
        }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        report(rc == 0 ? "connected" : "connect: \(failure())")
    }
}
