import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a Float32 kernel spreads one pass over its buffers across threads.
///
/// An optimizer step streams 28 bytes per parameter and does ~20 flops on them, so it is bound by
/// memory bandwidth, and one core cannot saturate the memory system on its own: a second core adds
/// bandwidth until the bus is full. Splitting costs a thread wake-up (microseconds), so a pass gets
/// one thread per `minimumChunk` elements, up to `threads`: below 2 × `minimumChunk` it runs on the
/// calling thread.
///
/// The kernels are element-wise (or, for norms, reduce over fixed blocks in a fixed order), so the
/// result is the same bit for bit whatever the thread count.
public struct Parallelism: Sendable, Equatable {
    /// The most threads a pass uses (1 = on the calling thread).
    public var threads: Int
    /// The fewest elements worth handing to a thread of their own.
    public var minimumChunk: Int

    public init(threads: Int, minimumChunk: Int = 1 << 16) {
        self.threads = max(1, threads)
        self.minimumChunk = max(Self.chunkAlignment, minimumChunk)
    }

    /// Chunks start on multiples of this many elements: 16 Floats, one 64-byte cache line, so no two
    /// threads write one line and every chunk but the last starts on a line when the buffer does.
    static let chunkAlignment = 16

    /// Everything on the calling thread.
    public static let serial = Parallelism(threads: 1)

    /// One thread per online processor.
    public static let automatic = Parallelism(threads: onlineProcessors)

    /// The number of processors online when first asked (at least 1). Asked once: the C library
    /// answers by reading `/sys`, which is too slow to repeat on every step.
    public static let onlineProcessors = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// How many threads a pass over `count` elements uses.
    func threadCount(for count: Int) -> Int {
        min(threads, max(1, count / minimumChunk))
    }

    /// Splits `0..<count` into `threadCount(for:)` contiguous ranges whose boundaries are multiples
    /// of ``chunkAlignment`` and runs `body` on each, concurrently when there is more than one.
    func forEachChunk(of count: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let parts = threadCount(for: count)
        if parts == 1 { body(0..<count); return }
        let lines = (count + Self.chunkAlignment - 1) / Self.chunkAlignment
        let perPart = (lines + parts - 1) / parts * Self.chunkAlignment
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let start = min(count, part * perPart)
            body(start..<min(count, start + perPart))
        }
    }

    /// Runs `body(k)` for k in `0..<tasks`, spread over up to `threads` threads.
    func forEachTask(_ tasks: Int, _ body: @Sendable (Int) -> Void) {
        let parts = min(threads, tasks)
        if parts <= 1 { for k in 0..<tasks { body(k) }; return }
        let perPart = (tasks + parts - 1) / parts
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            for k in (part * perPart)..<min(tasks, (part + 1) * perPart) { body(k) }
        }
    }
}

/// Buffer addresses handed to the threads of one pass.
///
/// Raw pointers are not `Sendable`, because in general two threads could write one element. A pass
/// gives each thread a disjoint range (or a disjoint output slot), and `concurrentPerform` returns
/// only after every thread has finished, so no element is touched by two threads and no pointer
/// outlives the pass: that invariant, kept by ``Parallelism``, is what the unchecked conformance states.
struct ThreadShared<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
