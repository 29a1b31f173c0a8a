/// The bytes of one child stream, keeping at most `limit` of them: a program that prints
/// gigabytes cannot make the grader hold gigabytes.
struct CappedBuffer: Sendable {
    let limit: Int
    private(set) var bytes: [UInt8] = []
    /// True once the stream produced more than `limit` bytes.
    private(set) var truncated = false

    init(limit: Int) { self.limit = max(0, limit) }

    /// Keeps what fits of `chunk`; returns false if the stream has now overflowed.
    mutating func append(_ chunk: UnsafeRawBufferPointer) -> Bool {
        let room = limit - bytes.count
        bytes.append(contentsOf: chunk.prefix(max(0, room)))
        if chunk.count > room { truncated = true }
        return !truncated
    }
}
