import OptimlabEngine

/// The benchmark's command line: `optimlab-bench [--threads N] [--sizes 1M,16M] [--repeats N]`.
struct BenchOptions {
    var threads = Parallelism.onlineProcessors
    var sizes = [1 << 20, 1 << 24]
    /// Timed steps per figure; the median is reported.
    var repeats = 11
    /// Untimed steps before timing (page faults, caches, thread pool start-up).
    var warmups = 5
    /// `--write-trace STEPS`: print a synthetic trace of that many steps instead of benchmarking.
    var traceSteps: Int?
    /// Values of the synthetic trace's `w` tensor (`--trace-params`).
    var traceParams = 64
    /// `--float32`: the synthetic trace selects the Float32 path.
    var traceFloat32 = false
    /// `--experiments`: time the lesson experiments (each break-it switch beside its correct run) instead.
    var experiments = false
    /// `--widgets`: time a key press of each interactive view instead.
    var widgets = false

    static let usage = """
        usage: optimlab-bench [--threads N] [--sizes LIST] [--repeats N]
          --threads N     threads per step (default: online processors)
          --sizes LIST    comma-separated parameter counts, with optional K/M suffix (default: 1M,16M)
          --repeats N     timed steps per figure, median reported (default: 11)
        optimlab-bench --write-trace STEPS [--trace-params N] [--float32]
                          print a synthetic AdamW trace (for timing `optimlab trace`) and exit
        optimlab-bench --experiments [--repeats N]
                          time each break-it experiment (the correct run and the broken one)
        optimlab-bench --widgets [--repeats N]
                          time a key press of each interactive view (state, frame, screen update)
        """

    /// Parses the arguments after the program name.
    static func parse(_ arguments: [String]) throws(BenchUsageError) -> BenchOptions {
        var options = BenchOptions()
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            if flag == "-h" || flag == "--help" { throw BenchUsageError(message: nil) }
            if flag == "--float32" { options.traceFloat32 = true; continue }
            if flag == "--experiments" { options.experiments = true; continue }
            if flag == "--widgets" { options.widgets = true; continue }
            guard let value = rest.popFirst() else { throw BenchUsageError(message: "\(flag) needs a value") }
            switch flag {
            case "--threads": options.threads = try positive(value, flag, limit: 1024)
            case "--repeats": options.repeats = try positive(value, flag)
            case "--write-trace": options.traceSteps = try positive(value, flag, limit: 100_000)
            case "--trace-params": options.traceParams = try positive(value, flag, limit: 1 << 20)
            case "--sizes":
                var sizes: [Int] = []
                for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                    sizes.append(try count(String(item), flag))
                }
                options.sizes = sizes
            default: throw BenchUsageError(message: "unknown option \(flag)")
            }
        }
        return options
    }

    /// A positive integer of at most `limit` (so no option can ask for an impossible allocation).
    static func positive(_ text: String, _ flag: String, limit: Int = 1 << 20) throws(BenchUsageError) -> Int {
        guard let n = Int(text), n > 0, n <= limit else {
            throw BenchUsageError(message: "\(flag) expects a positive integer up to \(limit), got \"\(text)\"")
        }
        return n
    }

    /// A parameter count such as `1048576`, `64K` or `16M` (binary multiples).
    static func count(_ text: String, _ flag: String) throws(BenchUsageError) -> Int {
        let scale: Int
        var digits = Substring(text)
        switch text.last {
        case "K", "k": scale = 1 << 10; digits = digits.dropLast()
        case "M", "m": scale = 1 << 20; digits = digits.dropLast()
        default: scale = 1
        }
        guard let n = Int(digits), n > 0, n <= (1 << 26) / scale else {
            throw BenchUsageError(message: "\(flag) expects sizes like 1048576, 64K or 16M (at most 64M: the copy alone needs 56 bytes per parameter), got \"\(text)\"")
        }
        return n * scale
    }
}

/// A bad command line; `message` is nil for `--help`.
struct BenchUsageError: Error {
    var message: String?
}
