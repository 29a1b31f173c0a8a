// A hostile submission for the grader's golden scenarios: the reference AdamW, plus an escape attempt
// on its first step (reads pid 1's command line and counts the processes it can see). The test proves the attempt was refused; the grade must still be a pass.
enum Attack {
    static func once() {
        if attacked { return }
        attacked = true
        if let data = FileManager.default.contents(atPath: "/proc/1/cmdline") {
            let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            report("pid 1 is \(words.first ?? "?")")
        } else {
            report("/proc/1/cmdline: unreadable")
        }
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).filter { Int($0) != nil }
        report("\(pids.count) processes in sight")
        leaveMarker("/tmp/optimlab-hostile/proc-marker", "\(pids.count)")
    }
}
