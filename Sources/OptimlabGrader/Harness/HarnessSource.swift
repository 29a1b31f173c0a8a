/// The Swift source of the harness library (module `OptimlabHarness`) that every exercise links
/// against. The grader compiles it once into a static library per toolchain (see ``HarnessLibrary``);
/// the submission only adds its own file and a three-line glue file (see ``HarnessKind/glue``).
enum HarnessSource {
    static let moduleName = "OptimlabHarness"

    static let text = #"""
// OptimlabHarness: drives a student's code over each case file it is given and reports the results
// on a private channel (fd 3), never on stdout. Generated and compiled by the optimlab grader; do not edit.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `AdamW` exercise: torch.optim.AdamW over one flat vector; the harness may set `lr` before a step.
public protocol AdamWExercise {
    init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double)
    var lr: Double { get set }
    mutating func step(params: inout [Double], grads: [Double])
}

/// `Adam` exercise (bias correction): torch.optim.Adam without weight decay over one flat vector.
public protocol AdamExercise {
    init(lr: Double, beta1: Double, beta2: Double, eps: Double)
    mutating func step(params: inout [Double], grads: [Double])
}

/// `TrainingStep` exercise: global-norm clipping, then the warmup-cosine lr, then AdamW, per step.
public protocol TrainingStepExercise {
    init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double,
         maxNorm: Double, warmupSteps: Int, totalSteps: Int, minLR: Double)
    mutating func step(params: inout [String: [Double]], grads: [String: [Double]])
}

/// The case, as the grader wrote it.
struct CaseInput {
    var nonce = ""
    var hyper: [String: Double] = [:]
    var setsLR = false
    var names: [String] = []
    var sizes: [Int] = []
    var initial: [Double] = []
    var lrs: [Double] = []
    var grads: [[Double]] = []
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
        var bytes = Array((text + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
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

func readCase(_ path: String) -> CaseInput {
    guard let f = fopen(path, "r") else { Channel.die("optimlab harness: cannot open the case file \(path)") }
    var text: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, f)
        if n <= 0 { break }
        text += buffer[0..<n]
    }
    fclose(f)
    var input = CaseInput()
    func number(_ token: Substring) -> Double {
        guard let bits = UInt64(token, radix: 16) else { Channel.die("optimlab harness: bad number \(token)") }
        return Double(bitPattern: bits)
    }
    for raw in String(decoding: text, as: UTF8.self).split(separator: "\n") {
        let t = raw.split(separator: " ")
        guard let key = t.first else { continue }
        switch key {
        case "nonce": input.nonce = String(t[1])
        case "hyper": input.hyper[String(t[1])] = number(t[2])
        case "set-lr": input.setsLR = t[1] == "1"
        case "tensor": input.names.append(String(t[1])); input.sizes.append(Int(t[2]) ?? 0)
        case "init": input.initial = t.dropFirst().map(number)
        case "step":
            input.lrs.append(number(t[1]))
            input.grads.append(t.dropFirst(2).map(number))
        default: continue
        }
    }
    return input
}

func value(_ input: CaseInput, _ name: String) -> Double { input.hyper[name] ?? 0 }

/// Runs every case file named on the command line, in order, each from a fresh instance, then exits.
func runCases(_ runOne: (CaseInput, Channel) -> Void) -> Never {
    let channel = Channel()
    for path in CommandLine.arguments.dropFirst() { runOne(readCase(path), channel) }
    exit(0)
}

/// Takes the steps of one case; `advance(k)` takes step k and returns the values to report.
func drive(_ input: CaseInput, channel: Channel, count: Int, _ advance: (Int) -> [Double]) {
    channel.line("optimlab-out-1 \(input.nonce)")
    for k in input.grads.indices {
        let values = advance(k)
        if values.count != count {
            channel.line("error \(k + 1) the step left \(values.count) values where there were \(count)")
            break
        }
        channel.line("step \(k + 1) " + values.map(hex).joined(separator: " "))
    }
    channel.line("END \(input.nonce)")
}

public func runAdamWHarness<T: AdamWExercise>(_ type: T.Type) -> Never {
    runCases { input, channel in
        var optimizer = T(lr: value(input, "lr"), beta1: value(input, "beta1"), beta2: value(input, "beta2"),
                          eps: value(input, "eps"), weightDecay: value(input, "weight_decay"))
        var params = input.initial
        drive(input, channel: channel, count: params.count) { k in
            if input.setsLR { optimizer.lr = input.lrs[k] }
            optimizer.step(params: &params, grads: input.grads[k])
            return params
        }
    }
}

public func runAdamHarness<T: AdamExercise>(_ type: T.Type) -> Never {
    runCases { input, channel in
        var optimizer = T(lr: value(input, "lr"), beta1: value(input, "beta1"), beta2: value(input, "beta2"),
                          eps: value(input, "eps"))
        var params = input.initial
        drive(input, channel: channel, count: params.count) { k in
            optimizer.step(params: &params, grads: input.grads[k])
            return params
        }
    }
}

public func runTrainingStepHarness<T: TrainingStepExercise>(_ type: T.Type) -> Never {
    runCases { input, channel in
        var optimizer = T(lr: value(input, "lr"), beta1: value(input, "beta1"), beta2: value(input, "beta2"),
                          eps: value(input, "eps"), weightDecay: value(input, "weight_decay"),
                          maxNorm: value(input, "max_norm"), warmupSteps: Int(value(input, "warmup_steps")),
                          totalSteps: Int(value(input, "total_steps")), minLR: value(input, "min_lr"))
        func split(_ flat: [Double]) -> [String: [Double]] {
            var out: [String: [Double]] = [:]
            var offset = 0
            for (name, size) in zip(input.names, input.sizes) {
                out[name] = Array(flat[offset..<offset + size]); offset += size
            }
            return out
        }
        var params = split(input.initial)
        drive(input, channel: channel, count: input.initial.count) { k in
            optimizer.step(params: &params, grads: split(input.grads[k]))
            var flat: [Double] = []
            for (name, size) in zip(input.names, input.sizes) {
                guard let tensor = params[name], tensor.count == size else { return flat }
                flat += tensor
            }
            return flat
        }
    }
}

public func runScheduleHarness(_ schedule: (Int, Double, Int, Int, Double) -> Double) -> Never {
    runCases { input, channel in
        drive(input, channel: channel, count: 1) { k in
            [schedule(k, value(input, "lr"), Int(value(input, "warmup_steps")), Int(value(input, "total_steps")),
                      value(input, "min_lr"))]
        }
    }
}
"""#
}
