// The harness's crash report: when the student's code traps or faults (an index out of range, an
// overflow, a stack overflow, a bad pointer), the handler installed here writes the faulting pc and
// the return addresses of the stack, as offsets in the executable, to the private channel, then lets
// the signal kill the process as it would have. The grader symbolizes the offsets against the binary's
// debug info (it was compiled with `-g`) and names the student's file and line. Embedded with
// OptimlabHarness.swift into the grader (the EmbedHarness plugin joins the target's files).
#if canImport(Glibc)
import Glibc
#endif

/// Everything the crash handler reads, captured at start-up, before any student code runs: the handler
/// itself allocates nothing, takes no lock and calls nothing but write(2) and raise(3).
///
/// A channel record is one line, written with one write(2) (it starts with a newline, so it begins a
/// line even when the crash cut the harness's own line short):
///
///     crash <signal> [p<pc>] r<return address>…        all hex; offsets from the executable's load base
///
/// `p` is present when the faulting instruction is in the executable; each `r` is a return address in
/// the executable found by walking the frame-pointer chain (at most ``maxFrames``).
struct CrashContext {
    var fd: Int32 = -1
    /// The executable's load base and the range of its executable segments.
    var base: UInt = 0
    var textLow: UInt = 0
    var textHigh: UInt = 0
    /// The main thread's stack: frames are only read between the interrupted stack pointer and its top.
    var stackLow: UInt = 0
    var stackHigh: UInt = 0
    /// Byte offsets of the pc, frame pointer and stack pointer in the `ucontext_t` the kernel passes.
    var pcOffset = -1
    var fpOffset = -1
    var spOffset = -1
    var buffer: UnsafeMutablePointer<UInt8>?
    /// Where the preformatted prefix (`\ncrash`) ends in ``buffer``.
    var prefixLength = 0

    static let bufferSize = 2048
    static let maxFrames = 64
    static let alternateStackBytes = 64 << 10
    static let signals = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE]
}

nonisolated(unsafe) private var crashContext: UnsafeMutablePointer<CrashContext>?

enum CrashReport {
    /// Installs the crash handler for ``CrashContext/signals`` on an alternate stack (a stack overflow
    /// leaves no room on the thread's own), reporting to `fd`. Once: the handler resets itself to the
    /// default action when it runs (SA_RESETHAND), so a fault inside it ends the process plainly.
    static func install(channel fd: Int32) {
        let context = UnsafeMutablePointer<CrashContext>.allocate(capacity: 1)
        context.initialize(to: CrashContext())
        context.pointee.fd = fd
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: CrashContext.bufferSize)
        let prefix = Array("\ncrash".utf8)
        for (i, byte) in prefix.enumerated() { buffer[i] = byte }
        context.pointee.buffer = buffer
        context.pointee.prefixLength = prefix.count
        findExecutable(&context.pointee)
        findStack(&context.pointee)
        findRegisters(&context.pointee)
        crashContext = context

        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: CrashContext.alternateStackBytes, alignment: 16)
        stack.ss_size = CrashContext.alternateStackBytes
        guard sigaltstack(&stack, nil) == 0 else { return }
        for signal in CrashContext.signals {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = crashHandler
            action.sa_flags = SA_SIGINFO | SA_ONSTACK | Int32(bitPattern: UInt32(SA_RESETHAND))
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
    }

    /// The executable's load base (AT_PHDR minus PT_PHDR's address) and its executable PT_LOAD range.
    static func findExecutable(_ c: inout CrashContext) {
        typealias GetAuxval = @convention(c) (UInt) -> UInt
        guard let symbol = dlsym(nil, "getauxval") else { return }
        let getauxval = unsafeBitCast(symbol, to: GetAuxval.self)
        let phdr = getauxval(3), count = Int(getauxval(5))           // AT_PHDR, AT_PHNUM
        guard phdr != 0, count > 0, let headers = UnsafePointer<Elf64_Phdr>(bitPattern: phdr) else { return }
        var base: UInt = 0
        for i in 0..<count where headers[i].p_type == PT_PHDR { base = phdr &- UInt(headers[i].p_vaddr) }
        var low = UInt.max, high: UInt = 0
        for i in 0..<count where headers[i].p_type == PT_LOAD && headers[i].p_flags & UInt32(PF_X) != 0 {
            low = min(low, base &+ UInt(headers[i].p_vaddr))
            high = max(high, base &+ UInt(headers[i].p_vaddr) &+ UInt(headers[i].p_memsz))
        }
        if high > low { c.base = base; c.textLow = low; c.textHigh = high }
    }

    /// The main thread's stack: its top from glibc's `__libc_stack_end`, its extent from RLIMIT_STACK.
    static func findStack(_ c: inout CrashContext) {
        guard let end = dlsym(nil, "__libc_stack_end") else { return }
        let top = end.load(as: UInt.self)
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_STACK.rawValue), &limit)
        let extent = UInt(min(limit.rlim_cur, 1 << 30))
        c.stackHigh = top
        c.stackLow = top > extent ? top - extent : 0
    }

    /// Where the kernel saved the pc, frame pointer and stack pointer (x86_64: `gregs[REG_RIP]`,
    /// `[REG_RBP]`, `[REG_RSP]`; aarch64: `pc`, `regs[29]`, `sp`).
    static func findRegisters(_ c: inout CrashContext) {
        guard let mcontext = MemoryLayout<ucontext_t>.offset(of: \ucontext_t.uc_mcontext) else { return }
        #if arch(x86_64)
        guard let gregs = MemoryLayout<mcontext_t>.offset(of: \mcontext_t.gregs) else { return }
        let word = MemoryLayout<greg_t>.size
        c.pcOffset = mcontext + gregs + 16 * word
        c.fpOffset = mcontext + gregs + 10 * word
        c.spOffset = mcontext + gregs + 15 * word
        #elseif arch(arm64)
        guard let regs = MemoryLayout<mcontext_t>.offset(of: \mcontext_t.regs),
              let pc = MemoryLayout<mcontext_t>.offset(of: \mcontext_t.pc),
              let sp = MemoryLayout<mcontext_t>.offset(of: \mcontext_t.sp) else { return }
        c.pcOffset = mcontext + pc
        c.fpOffset = mcontext + regs + 29 * MemoryLayout<UInt64>.size
        c.spOffset = mcontext + sp
        #endif
    }
}

/// Appends one byte, dropping it when the buffer is full.
@inline(__always) private func put(_ c: UnsafeMutablePointer<CrashContext>, _ n: inout Int, _ byte: UInt8) {
    guard n < CrashContext.bufferSize, let buffer = c.pointee.buffer else { return }
    buffer[n] = byte
    n += 1
}

/// Appends ` <tag><value in hex>`.
@inline(__always) private func putField(_ c: UnsafeMutablePointer<CrashContext>, _ n: inout Int, _ tag: UInt8, _ value: UInt) {
    put(c, &n, 0x20)
    if tag != 0 { put(c, &n, tag) }
    var shift = UInt(60)
    var started = false
    while true {
        let digit = UInt8(truncatingIfNeeded: (value >> shift) & 0xf)
        if digit != 0 || started || shift == 0 {
            started = true
            put(c, &n, digit < 10 ? 0x30 + digit : 0x57 + digit)
        }
        if shift == 0 { break }
        shift -= 4
    }
}

/// The handler: formats the record into the preallocated buffer, writes it, re-raises the signal
/// (already reset to its default action), so the process dies of the signal it got.
private func crashHandler(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ ucontext: UnsafeMutableRawPointer?) {
    if let c = crashContext, let ucontext, c.pointee.pcOffset >= 0 {
        var n = c.pointee.prefixLength
        putField(c, &n, 0, UInt(bitPattern: Int(signal)))
        let low = c.pointee.textLow, high = c.pointee.textHigh, base = c.pointee.base
        let pc = ucontext.load(fromByteOffset: c.pointee.pcOffset, as: UInt.self)
        if pc >= low && pc < high { putField(c, &n, 0x70, pc &- base) }                // "p"
        var fp = ucontext.load(fromByteOffset: c.pointee.fpOffset, as: UInt.self)
        let sp = ucontext.load(fromByteOffset: c.pointee.spOffset, as: UInt.self)
        // A frame is two words, [previous fp, return address]; each must sit above the last, aligned,
        // inside the main thread's stack between the interrupted sp and its top.
        if sp >= c.pointee.stackLow && sp < c.pointee.stackHigh {
            var floor = sp
            var depth = 0
            while depth < CrashContext.maxFrames, fp & 7 == 0, fp >= floor, fp < c.pointee.stackHigh &- 16,
                  let frame = UnsafePointer<UInt>(bitPattern: fp) {
                let returnAddress = frame[1]
                if returnAddress >= low && returnAddress < high { putField(c, &n, 0x72, returnAddress &- base) }   // "r"
                floor = fp &+ 16
                fp = frame[0]
                depth += 1
            }
        }
        put(c, &n, 0x0a)
        if let buffer = c.pointee.buffer { _ = write(c.pointee.fd, buffer, n) }
    }
    raise(signal)
}
