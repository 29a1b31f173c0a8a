/// How a supervised process ended, before anyone interprets the wait status.
enum Ending: Sendable, Equatable {
    case status(Int32)
    case timedOut
    case outputLimitExceeded
    case spawnFailed(String)
}
