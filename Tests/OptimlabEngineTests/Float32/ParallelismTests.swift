import Foundation
import Testing
@testable import OptimlabEngine

/// How a pass is split: every element exactly once, on vector boundaries, serial when small.
struct ParallelismTests {
    /// Collects the chunks a pass hands out (from several threads).
    final class ChunkLog: @unchecked Sendable {
        private let lock = NSLock()
        private var ranges: [Range<Int>] = []
        func add(_ r: Range<Int>) { lock.lock(); ranges.append(r); lock.unlock() }
        var sorted: [Range<Int>] { lock.lock(); defer { lock.unlock() }; return ranges.sorted { $0.lowerBound < $1.lowerBound } }
    }

    @Test(arguments: [(2, 1000), (3, 1000), (4, 17), (7, 100_003), (2, 32)])
    func chunksCoverEveryElementOnce(_ threads: Int, _ count: Int) {
        let log = ChunkLog()
        Parallelism(threads: threads, minimumChunk: 16).forEachChunk(of: count) { log.add($0) }
        let chunks = log.sorted.filter { !$0.isEmpty }
        #expect(chunks.first?.lowerBound == 0)
        #expect(chunks.last?.upperBound == count)
        for (a, b) in zip(chunks, chunks.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        for c in chunks.dropLast() { #expect(c.upperBound % 16 == 0) }
        #expect(chunks.count <= threads)
    }

    @Test func smallPassesStayOnOneThread() {
        let p = Parallelism(threads: 4, minimumChunk: 1 << 16)
        #expect(p.threadCount(for: 1000) == 1)
        #expect(p.threadCount(for: 3 << 16) == 3)
        #expect(p.threadCount(for: 1 << 24) == 4)
        #expect(Parallelism.serial.threadCount(for: 1 << 24) == 1)
        #expect(Parallelism(threads: 0).threads == 1)
    }
}
