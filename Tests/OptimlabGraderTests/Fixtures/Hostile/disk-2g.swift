// A hostile submission for the grader's golden scenarios: the reference AdamW, plus an escape attempt
// on its first step (writes 2 GiB to its scratch folder). The test proves the attempt was refused; the grade must still be a pass.
enum Attack {
    static func once() {
        if attacked { return }
        attacked = true
        signal(SIGXFSZ, SIG_IGN)
        let fd = open("fill.bin", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if fd < 0 { report("open: \(failure())"); return }
        let block = [UInt8](repeating: 7, count: 1 << 20)
        var written = 0
        while written < 2048, block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == block.count { written += 1 }
        close(fd)
        unlink("fill.bin")
        report("wrote \(written) MiB")
    }
}
