#if canImport(Glibc)
import Glibc
#endif

/// Seconds on CLOCK_MONOTONIC: immune to wall-clock changes, so deadlines stay deadlines.
enum MonotonicClock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
