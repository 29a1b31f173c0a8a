// A hostile submission for the grader's golden scenarios: the reference AdamW, plus an escape attempt
// on its first step (reads the session keyring). The test proves the attempt was refused; the grade must still be a pass.
enum Attack {
    static func once() {
        if attacked { return }
        attacked = true
        // syscall(2) is variadic, so Swift reaches it through dlsym.
        typealias Syscall = @convention(c) (Int, Int, Int, Int) -> Int
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "syscall") else { report("no syscall"); return }
        let id = unsafeBitCast(symbol, to: Syscall.self)(250 /* keyctl */, 0 /* KEYCTL_GET_KEYRING_ID */, -3 /* session */, 0)
        report(id < 0 ? "keyctl: \(failure())" : "keyring \(id)")
    }
}
