/// Why a problem, schedule recipe or experiment could not be set up: always the caller's input, never a
/// bug, so it carries a message meant for the person who wrote that input.
public struct ProblemError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
