// A hostile submission for the grader's golden scenarios: the reference AdamW, plus an escape attempt
// on its first step (leaves a SysV shared memory segment behind). The test proves the attempt was refused; the grade must still be a pass.
enum Attack {
    static func once() {
        if attacked { return }
        attacked = true
        let id = shmget(key_t(0x4f50_4c43), 1 << 20, IPC_CREAT | 0o666)
        report(id < 0 ? "shmget: \(failure())" : "segment \(id)")
    }
}
