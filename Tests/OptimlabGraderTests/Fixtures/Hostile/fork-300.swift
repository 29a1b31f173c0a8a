// A hostile submission for the grader's golden scenarios: the reference AdamW, plus an escape attempt
// on its first step (forks 300 children). The test proves the attempt was refused; the grade must still be a pass.
enum Attack {
    static func once() {
        if attacked { return }
        attacked = true
        var forked = 0
        for _ in 0..<300 {
            let child = fork()
            if child == 0 { pause(); _exit(0) }
            if child < 0 { break }
            forked += 1
        }
        report("forked \(forked)")
    }
}
