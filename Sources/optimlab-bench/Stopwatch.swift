/// Times a repeated operation: `warmups` untimed runs, then the median of `repeats` timed runs.
/// The median, not the minimum or mean, because the machine is shared and a few runs are slowed by
/// other processes.
struct Stopwatch {
    var warmups: Int
    var repeats: Int

    /// The median wall-clock seconds of one call of `body`.
    func medianSeconds(_ body: () -> Void) -> Double {
        for _ in 0..<warmups { body() }
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<repeats {
            let elapsed = clock.measure(body).components
            times.append(Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
        }
        times.sort()
        let mid = times.count / 2
        return times.count % 2 == 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2
    }
}
