/// A process to start and watch: the full argv (argv[0] is the executable's path), its complete
/// environment, and the two bounds the supervising loop enforces itself (the kernel enforces
/// the rest, through the exec wrapper).
struct Launch: Sendable {
    var argv: [String]
    var environment: [String: String]
    var stdin: [UInt8] = []
    var wallSeconds: Double
    var maxOutputBytes: Int
    var maxChannelBytes = 16 << 10
    /// Give the child a fd 4 on which the exec wrapper reports why it could not start the target.
    var reportsSetupErrors = false
}
