// A hostile submission for the grader's golden scenarios: the reference AdamW, plus an escape attempt
// on its first step (copies the first line of /etc/shadow to a marker). The test proves the attempt was refused; the grade must still be a pass.
enum Attack {
    static func once() {
        if attacked { return }
        attacked = true
        guard let file = fopen("/etc/shadow", "r") else {
            report("/etc/shadow: \(failure())")
            leaveMarker("/tmp/optimlab-hostile/shadow-marker", "unreadable")
            return
        }
        var line = [CChar](repeating: 0, count: 512)
        _ = fgets(&line, 512, file)
        leaveMarker("/tmp/optimlab-hostile/shadow-marker", String(cString: line))
    }
}
