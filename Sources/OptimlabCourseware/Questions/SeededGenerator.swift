import OptimlabEngine

/// The engine's SplitMix64, so a seed stored in the progress file redraws the same `given` values on
/// every machine and every run (Swift's default generator is not seedable).
public typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    /// A uniform Double in [0, 1) from the top 53 bits.
    public mutating func unit() -> Double { nextUnit() }

    /// A stable seed for a learner and a question (FNV-1a over the text; not `hashValue`, which
    /// changes between runs).
    public static func seed(learner: String, lesson: String, question: String) -> UInt64 {
        StableHash.of("\(learner)/\(lesson)/\(question)")
    }
}
