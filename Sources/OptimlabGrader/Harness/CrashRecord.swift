/// The harness's record of a crash on the private channel (written by `CrashReport` in the harness):
///
///     crash <signal> [p<pc>] r<return address>…      hex; offsets from the executable's load base
///
/// Read as numbers only, like the rest of the channel: the line is a signal and addresses or nothing.
/// The last well-formed record wins (a run stops at its first crash; the student's code could write a
/// line of its own to the channel, which would only misplace the line its own report names).
struct CrashRecord: Sendable, Equatable {
    var signal: Int32
    /// The faulting instruction, when it is in the executable (else the crash was in a library).
    var pc: UInt64?
    /// Return addresses in the executable, innermost first.
    var returns: [UInt64]

    static let maxFrames = 65

    init(signal: Int32, pc: UInt64?, returns: [UInt64]) { self.signal = signal; self.pc = pc; self.returns = returns }

    init?(channel bytes: [UInt8]) {
        let text = String(decoding: bytes.suffix(4096), as: UTF8.self)
        for line in text.split(separator: "\n").reversed() where line.hasPrefix("crash ") {
            if let record = Self(line: line) { self = record; return }
        }
        return nil
    }

    init?(line: Substring) {
        let tokens = line.split(separator: " ")
        guard tokens.count >= 2, tokens.count <= Self.maxFrames + 2, tokens[0] == "crash",
              let signal = Int32(tokens[1], radix: 16), signal > 0, signal < 65 else { return nil }
        var pc: UInt64?
        var returns: [UInt64] = []
        for (i, token) in tokens.dropFirst(2).enumerated() {
            guard let value = UInt64(token.dropFirst(), radix: 16) else { return nil }
            switch token.first {
            case "p" where i == 0: pc = value
            case "r": returns.append(value)
            default: return nil
            }
        }
        self.init(signal: signal, pc: pc, returns: returns)
    }

    /// The addresses to look up: the pc itself, and each return address minus one (the call
    /// instruction before it, whose line is the one the frame was at).
    var lookups: [UInt64] { (pc.map { [$0] } ?? []) + returns.map { $0 &- 1 } }
}
