// A hostile submission for the grader's golden scenarios: the reference AdamW, plus an escape attempt
// on its first step (execs a shell, optimlab, and itself). The test proves the attempt was refused; the grade must still be a pass.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct AdamW {
    var lr: Double
    let beta1: Double
    let beta2: Double
    let eps: Double
    let weightDecay: Double
    private var m: [Double] = []
    private var v: [Double] = []
    private var t = 0

    init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double) {
        self.lr = lr; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
    }

    mutating func step(params: inout [Double], grads: [Double]) {
        if m.isEmpty { m = Array(repeating: 0, count: params.count); v = m; Attack.once() }
        t += 1
        let bc1 = 1 - pow(beta1, Double(t))
        let bc2 = 1 - pow(beta2, Double(t))
        for i in params.indices {
            params[i] *= 1 - lr * weightDecay
            m[i] = beta1 * m[i] + (1 - beta1) * grads[i]
            v[i] = beta2 * v[i] + (1 - beta2) * grads[i] * grads[i]
            let denom = (v[i].squareRoot() / bc2.squareRoot()) + eps
            params[i] -= (lr / bc1) * m[i] / denom
        }
    }
}

nonisolated(unsafe) var attacked = false

/// Prints what happened, on stdout (which grading ignores and the report shows).
func report(_ text: String) { print("hostile: " + text) }

func failure() -> String { String(cString: strerror(errno)) }

/// Writes `text` to `path` on whatever file system the program sees.
func leaveMarker(_ path: String, _ text: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if fd < 0 { report("marker \(path): \(failure())"); return }
    _ = text.withCString { write(fd, $0, strlen($0)) }
    close(fd)
    report("marker \(path): written")
}

enum Attack {
    static func once() {
        if attacked { return }
        attacked = true
        for program in ["/bin/sh", "/usr/bin/sh", "/usr/local/bin/optimlab", "/usr/bin/optimlab", "/usr/bin/python3",
                        "/proc/self/exe", CommandLine.arguments[0]] {
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup(program), strdup("-c"),
                                                        strdup("touch /tmp/optimlab-hostile/exec-marker"), nil]
            execv(program, argv)
            report("exec \(program): \(failure())")
        }
    }
}
