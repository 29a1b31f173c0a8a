/// `--shard K/N`: the K-th of N interleaved shares of a sorted file list (files K, K+N, K+2N…,
/// 1-based), so N parallel CI jobs grade a class folder with every file in exactly one share.
struct Shard: Equatable {
    var index: Int
    var count: Int

    init(parsing text: String) throws(CLIError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else {
            throw .usage("--shard \(text): expected K/N with 1 ≤ K ≤ N, e.g. 2/4")
        }
        index = k; count = n
    }

    func select(_ files: [String]) -> [String] {
        files.sorted().enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }

    /// The same share of submissions, by their paths.
    func select(_ files: [SubmissionFile]) -> [SubmissionFile] {
        files.sorted { $0.path < $1.path }.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }
}
