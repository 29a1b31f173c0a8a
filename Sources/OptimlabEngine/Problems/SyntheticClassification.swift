/// A seeded binary-classification dataset built to show what adaptive optimizers are for.
///
/// - Dense features: standard normal, present in every example (like attention weights' inputs).
/// - Sparse features: 1 with a small probability, else exactly 0 (like rare-token embeddings); their
///   true weights are large, so a model must learn them from the few examples where they appear.
/// - Labels: y ~ Bernoulli(σ(w*·x + b*)) with b* > 0, so the classes are unbalanced (about 2:1).
/// - One outlier batch: at ``outlierStep`` the minibatch's features are multiplied by
///   ``outlierScale`` and its labels flipped, a confidently-wrong batch with a huge gradient norm, the
///   event gradient clipping exists for.
///
/// All numbers come from ``SplitMix64`` with a fixed seed, so every run on every machine sees the same
/// data and the same batches.
public struct SyntheticClassification: Sendable, Equatable {
    /// One row per example.
    public let features: [[Double]]
    /// 0 or 1 per example.
    public let labels: [Double]
    public let denseCount: Int
    public let sparseCount: Int
    public let batchSize: Int
    /// The update index s (0-based) whose minibatch is the outlier batch.
    public let outlierStep: Int
    public let outlierScale: Double

    public var featureCount: Int { denseCount + sparseCount }
    public var batchesPerEpoch: Int { max(features.count / batchSize, 1) }

    /// The standard dataset: 512 examples, 8 dense + 8 sparse features (5% active), batches of 32, the
    /// outlier batch at update 10 scaled ×50.
    public static let standard = SyntheticClassification(seed: 2024)

    public init(seed: UInt64, examples: Int = 512, denseCount: Int = 8, sparseCount: Int = 8,
                sparseProbability: Double = 0.05, batchSize: Int = 32, outlierStep: Int = 10,
                outlierScale: Double = 50) {
        var rng = SplitMix64(seed: seed)
        let trueDense = (0..<denseCount).map { _ in 0.8 * rng.nextGaussian() }
        let trueSparse = (0..<sparseCount).map { k in k % 2 == 0 ? 2.5 : -2.5 }
        let trueBias = 0.8
        var rows: [[Double]] = [], ys: [Double] = []
        for _ in 0..<max(examples, 1) {
            let dense = (0..<denseCount).map { _ in rng.nextGaussian() }
            let sparse = (0..<sparseCount).map { _ in rng.nextUnit() < sparseProbability ? 1.0 : 0.0 }
            let row = dense + sparse
            let z = zip(row, trueDense + trueSparse).reduce(trueBias) { $0 + $1.0 * $1.1 }
            ys.append(rng.nextUnit() < LogisticRegression.sigmoid(z) ? 1 : 0)
            rows.append(row)
        }
        features = rows
        labels = ys
        self.denseCount = denseCount
        self.sparseCount = sparseCount
        self.batchSize = max(1, min(batchSize, rows.count))
        self.outlierStep = outlierStep
        self.outlierScale = outlierScale
    }

    /// The minibatch of update s: batches cycle through the data in order; update ``outlierStep`` gets
    /// its batch scaled and flipped.
    public func batch(atStep s: Int) -> (features: [[Double]], labels: [Double]) {
        let start = (max(s, 0) % batchesPerEpoch) * batchSize
        let range = start..<min(start + batchSize, features.count)
        let x = Array(features[range]), y = Array(labels[range])
        guard s == outlierStep else { return (x, y) }
        return (x.map { $0.map { $0 * outlierScale } }, y.map { 1 - $0 })
    }
}
