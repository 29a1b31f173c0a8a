/// SplitMix64: a tiny, fully specified generator, so a seed stored in the progress file redraws the
/// same `given` values on every machine and every run (Swift's default generator is not seedable).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Double in [0, 1) from the top 53 bits.
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A stable seed for a learner and a question (FNV-1a over the text; not `hashValue`, which
    /// changes between runs).
    public static func seed(learner: String, lesson: String, question: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in "\(learner)/\(lesson)/\(question)".utf8 {
            h ^= UInt64(byte)
            h &*= 0x100_0000_01B3
        }
        return h
    }
}
