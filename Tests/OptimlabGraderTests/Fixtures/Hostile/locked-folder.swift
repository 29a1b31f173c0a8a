// A hostile submission for the grader's golden scenarios: the reference AdamW, plus an escape attempt
// on its first step (leaves a mode-000 folder holding a file in its scratch folder). The test proves the attempt was refused; the grade must still be a pass.
enum Attack {
    static func once() {
        if attacked { return }
        attacked = true
        mkdir("locked", 0o700)
        close(open("locked/file", O_WRONLY | O_CREAT, 0o600))
        report(chmod("locked", 0) == 0 ? "locked" : "chmod: \(failure())")
    }
}
