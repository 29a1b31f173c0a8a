/// The bytes of one child stream, keeping at most `limit` of them and counting the rest: a program
/// that prints gigabytes cannot make the grader hold gigabytes.
struct CappedBuffer: Sendable {
    let limit: Int
    private(set) var bytes: [UInt8] = []
    /// Every byte the stream produced, kept or not.
    private(set) var total = 0

    init(limit: Int) { self.limit = max(0, limit) }

    var truncated: Bool { total > bytes.count }

    /// Keeps what fits of `chunk`; returns false if the stream has now overflowed.
    mutating func append(_ chunk: UnsafeRawBufferPointer) -> Bool {
        let room = limit - bytes.count
        bytes.append(contentsOf: chunk.prefix(max(0, room)))
        total += chunk.count
        return !truncated
    }
}
