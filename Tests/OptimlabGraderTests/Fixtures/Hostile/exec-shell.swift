// A hostile submission for the grader's golden scenarios: the reference AdamW, plus an escape attempt
// on its first step (execs a shell, optimlab, and itself). The test proves the attempt was refused; the grade must still be a pass.
enum Attack {
    static func once() {
        if attacked { return }
        attacked = true
        for program in ["/bin/sh", "/usr/bin/sh", "/usr/local/bin/optimlab", "/usr/bin/optimlab", "/usr/bin/python3",
                        "/proc/self/exe", CommandLine.arguments[0]] {
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup(program), strdup("-c"),
                                                        strdup("touch /tmp/optimlab-hostile/exec-marker"), nil]
            execv(program, argv)
            report("exec \(program): \(failure())")
        }
    }
}
