// OptimlabHarness: drives a student's code over each case file it is given and reports the results on
// a private channel (fd 3), never on stdout. The grader embeds this file, compiles it once into a
// static library, and links every submission against it with a generated glue file that adapts the
// student's declarations (named in the exercise's `api`) to one of the four drivers below.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A case's hyperparameters by their PyTorch names (`lr`, `momentum`, `max_norm`, `warmup_steps`, …),
/// and the shapes of its tensors.
public struct Hyperparameters: Sendable {
    var scalars: [String: Double] = [:]
    var lists: [String: [Double]] = [:]
    /// Every tensor's shape by name (row-major; `[n]` for a vector), for the optimizers that factor or
    /// normalise a matrix (an `init` argument given `shapes`).
    public internal(set) var shapes: [String: [Int]] = [:]

    public func number(_ name: String) -> Double { scalars[name] ?? 0 }
    public func integer(_ name: String) -> Int { Int(number(name)) }
    public func flag(_ name: String) -> Bool { number(name) != 0 }
    public func integers(_ name: String) -> [Int] { (lists[name] ?? []).map { Int($0) } }
}

/// The case, as the grader wrote it (format in the grader's `HarnessInput`).
struct CaseInput {
    var nonce = ""
    var hyper = Hyperparameters()
    var setsLR = false
    var names: [String] = []
    var sizes: [Int] = []
    var initial: [Double] = []
    var lrs: [Double] = []
    var grads: [[Double]] = []

    /// Splits a flat vector into the case's tensors, by name.
    func named(_ flat: [Double]) -> [String: [Double]] {
        var out: [String: [Double]] = [:]
        var offset = 0
        for (name, size) in zip(names, sizes) {
            out[name] = Array(flat[offset..<offset + size]); offset += size
        }
        return out
    }

    /// Splits a flat vector into the case's tensors, in order.
    func tensors(_ flat: [Double]) -> [[Double]] {
        var out: [[Double]] = []
        var offset = 0
        for size in sizes { out.append(Array(flat[offset..<offset + size])); offset += size }
        return out
    }

    /// Flattens named tensors in the case's order; nil when one is missing or changed length.
    func flattened(_ tensors: [String: [Double]]) -> [Double]? {
        var flat: [Double] = []
        for (name, size) in zip(names, sizes) {
            guard let tensor = tensors[name], tensor.count == size else { return nil }
            flat += tensor
        }
        return flat
    }
}

/// The private channel: fd 3 moved to a high descriptor so student code writing to fd 3 reaches nothing.
struct Channel {
    let fd: Int32
    init() {
        let moved = fcntl(3, F_DUPFD, 200)
        if moved < 0 { Channel.die("optimlab harness: fd 3 is not open (run through `optimlab grade`)") }
        close(3)
        fd = moved
    }
    func line(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { Channel.die("optimlab harness: cannot write the channel") }
            offset += n
        }
    }
    static func die(_ message: String) -> Never {
        let bytes = Array((message + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        exit(70)
    }
}

func hex(_ x: Double) -> String { String(x.bitPattern, radix: 16) }

func readFile(_ path: String) -> String {
    guard let f = fopen(path, "r") else { Channel.die("optimlab harness: cannot open the case file \(path)") }
    var text: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, f)
        if n <= 0 { break }
        text += buffer[0..<n]
    }
    fclose(f)
    return String(decoding: text, as: UTF8.self)
}

func readCase(_ path: String) -> CaseInput {
    var input = CaseInput()
    func number(_ token: Substring) -> Double {
        guard let bits = UInt64(token, radix: 16) else { Channel.die("optimlab harness: bad number \(token)") }
        return Double(bitPattern: bits)
    }
    for raw in readFile(path).split(separator: "\n") {
        let t = raw.split(separator: " ")
        guard let key = t.first else { continue }
        switch key {
        case "nonce": input.nonce = String(t[1])
        case "hyper": input.hyper.scalars[String(t[1])] = number(t[2])
        case "list": input.hyper.lists[String(t[1])] = t.dropFirst(2).map(number)
        case "set-lr": input.setsLR = t[1] == "1"
        case "tensor": input.names.append(String(t[1])); input.sizes.append(Int(t[2]) ?? 0)
        case "shape": input.hyper.shapes[String(t[1])] = t.dropFirst(2).map { Int($0) ?? 0 }
        case "init": input.initial = t.dropFirst().map(number)
        case "step":
            input.lrs.append(number(t[1]))
            input.grads.append(t.dropFirst(2).map(number))
        default: continue
        }
    }
    return input
}

/// Runs every case file named on the command line, in order, each from a fresh instance, then exits.
func runCases(_ runOne: (CaseInput, Channel) -> Void) -> Never {
    let channel = Channel()
    for path in CommandLine.arguments.dropFirst() { runOne(readCase(path), channel) }
    exit(0)
}

/// Takes the steps of one case; `advance(k)` takes step k and returns the values to report (nil when
/// the student's code left the tensors in a shape the harness cannot read).
func drive(_ input: CaseInput, channel: Channel, count: Int, _ advance: (Int) -> [Double]?) {
    channel.line("optimlab-out-1 \(input.nonce)")
    for k in input.grads.indices {
        guard let values = advance(k) else {
            channel.line("error \(k + 1) the step removed a tensor or changed its length")
            break
        }
        if values.count != count {
            channel.line("error \(k + 1) the step left \(values.count) values where there were \(count)")
            break
        }
        channel.line("step \(k + 1) " + values.map(hex).joined(separator: " "))
    }
    channel.line("END \(input.nonce)")
}

/// An optimizer stepping one flat vector, built from a case's hyperparameters (the glue adapts the
/// student's type to it).
public protocol FlatStepAdapter {
    init(_ hyperparameters: Hyperparameters)
    /// Sets the learning rate before a step (only called when the case follows a schedule).
    mutating func setLR(_ lr: Double)
    mutating func step(params: inout [Double], grads: [Double])
}

/// An optimizer (or a whole training step) stepping named tensors.
public protocol NamedStepAdapter {
    init(_ hyperparameters: Hyperparameters)
    mutating func setLR(_ lr: Double)
    mutating func step(params: inout [String: [Double]], grads: [String: [Double]])
}

/// Steps a flat vector per case; reports the params after each step.
public func runFlatSteps<A: FlatStepAdapter>(_ type: A.Type) -> Never {
    runCases { input, channel in
        var optimizer = A(input.hyper)
        var params = input.initial
        drive(input, channel: channel, count: params.count) { k in
            if input.setsLR { optimizer.setLR(input.lrs[k]) }
            optimizer.step(params: &params, grads: input.grads[k])
            return params
        }
    }
}

/// Steps named tensors per case; reports the params after each step, flattened in the case's order.
public func runNamedSteps<A: NamedStepAdapter>(_ type: A.Type) -> Never {
    runCases { input, channel in
        var optimizer = A(input.hyper)
        var params = input.named(input.initial)
        drive(input, channel: channel, count: input.initial.count) { k in
            if input.setsLR { optimizer.setLR(input.lrs[k]) }
            optimizer.step(params: &params, grads: input.named(input.grads[k]))
            return input.flattened(params)
        }
    }
}

/// Asks for the lr of every update s = 0, 1, …; reports it.
public func runLearningRates(_ schedule: (Int, Hyperparameters) -> Double) -> Never {
    runCases { input, channel in
        drive(input, channel: channel, count: 1) { k in [schedule(k, input.hyper)] }
    }
}

/// Clips each step's gradients (one array per tensor); reports the clipped gradients, then the norm
/// the function returned.
public func runClipping(_ clip: (inout [[Double]], Hyperparameters) -> Double) -> Never {
    runCases { input, channel in
        drive(input, channel: channel, count: input.sizes.reduce(1, +)) { k in
            var grads = input.tensors(input.grads[k])
            let norm = clip(&grads, input.hyper)
            guard grads.map(\.count) == input.sizes else { return nil }
            return grads.flatMap { $0 } + [norm]
        }
    }
}
