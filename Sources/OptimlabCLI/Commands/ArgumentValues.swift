import ArgumentParser
import OptimlabEngine
import OptimlabGrader

// The typed values options take: ArgumentParser checks them, lists them in `--help` and offers them
// to shell completion, so no command compares strings by hand.

extension KnownMistake: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

extension Convention: ExpressibleByArgument {
    public init?(argument: String) {
        guard let c = Convention.named(argument) else { return nil }
        self = c
    }

    public static var allValueStrings: [String] { all.map(\.name) }
    public var defaultValueDescription: String { name }
}

/// `optimlab lessons --format`.
enum ListFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

extension Shard: ExpressibleByArgument, CustomStringConvertible {
    init?(argument: String) { try? self.init(parsing: argument) }

    var description: String { "\(index)/\(count)" }
    var defaultValueDescription: String { description }
}

/// `new-exercise --reference`: what the engine computes an exercise's reference with, by the name
/// exercise.yaml's `reference:` takes (an optimizer kind, a schedule, or clip_grad_norm).
struct ReferenceName: ExpressibleByArgument, CustomStringConvertible {
    var name: String
    init(name: String) { self.name = name }
    init?(argument: String) {
        guard Self.allValueStrings.contains(argument) else { return nil }
        name = argument
    }
    static var allValueStrings: [String] { OptimizerKind.allCases.map(\.rawValue) + ScheduleSpec.names + ["clip_grad_norm"] }
    var description: String { name }
    var defaultValueDescription: String { name }
}
