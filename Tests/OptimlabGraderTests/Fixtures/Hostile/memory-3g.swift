// A hostile submission for the grader's golden scenarios: the reference AdamW, plus an escape attempt
// on its first step (allocates 3 GiB across 6 children). The test proves the attempt was refused; the grade must still be a pass.
enum Attack {
    static func once() {
        if attacked { return }
        attacked = true
        var pipes: [Int32] = [0, 0]
        guard pipe(&pipes) == 0 else { report("pipe: \(failure())"); return }
        var children: [pid_t] = []
        for _ in 0..<6 {
            let child = fork()
            if child == 0 {
                var got: Int32 = 0
                while got < 512, let block = malloc(1 << 20) {
                    memset(block, 1, 1 << 20)
                    got += 1
                }
                _ = write(pipes[1], &got, 4)
                pause()
                _exit(0)
            }
            if child > 0 { children.append(child) }
        }
        close(pipes[1])
        var total: Int32 = 0, got: Int32 = 0
        for _ in children { if read(pipes[0], &got, 4) == 4 { total += got } }
        for child in children { kill(child, SIGKILL); waitpid(child, nil, 0) }
        report("allocated \(total) MiB in \(children.count) children")
    }
}
