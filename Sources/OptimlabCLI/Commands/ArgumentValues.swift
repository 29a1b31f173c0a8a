import ArgumentParser
import Foundation
import OptimlabCourseware
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

/// A name that a comma-separated list option takes: `--optimizers`, `--schedules`, `--switch`.
protocol ListedName: Sendable, Equatable {
    /// What one item is called in messages ("optimizer").
    static var itemKind: String { get }
    /// The valid names, in the order messages list them.
    static var validNames: [String] { get }
    /// The item called `name`; the error names it and lists the valid ones.
    static func named(_ name: String) throws(ProblemError) -> Self
    /// The name, as the option takes it.
    var name: String { get }
}

/// A comma-separated list of names (`--optimizers sgd,adam`), checked as the option is parsed: a wrong
/// name is refused with the valid ones listed, before the command runs. Spaces around a name are
/// ignored, and so is an empty item between two commas. The option declares it with
/// `transform: NameList.parse` (ArgumentParser's `ExpressibleByArgument` can only say "invalid", not
/// which name is wrong), so the message reads `The value 'sgd,adamz' is invalid for '--optimizers
/// <list>': unknown optimizer "adamz" (expected one of sgd, momentum, …)`.
struct NameList<Item: ListedName>: Sendable, Equatable, CustomStringConvertible {
    var items: [Item]

    init(_ items: [Item]) { self.items = items }

    /// Parses `text`; with `allowsEmpty` false, a list without a name is refused too.
    init(parsing text: String, allowsEmpty: Bool = false) throws(CLIError) {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard allowsEmpty || !names.isEmpty else {
            throw CLIError.usage("name at least one \(Item.itemKind) (\(Item.validNames.joined(separator: ", ")))")
        }
        do { items = try names.map { name throws(ProblemError) in try Item.named(name) } } catch {
            throw CLIError.usage(error.message)
        }
    }

    /// The `transform:` of a list option that needs at least one name.
    @Sendable static func parse(_ text: String) throws -> NameList { try NameList(parsing: text) }

    /// The `transform:` of a list option that may be empty (`--switch ""`: none).
    @Sendable static func parseAllowingEmpty(_ text: String) throws -> NameList { try NameList(parsing: text, allowsEmpty: true) }

    /// The names joined by commas, as the option takes them (for echoing a command line).
    var description: String { items.map(\.name).joined(separator: ",") }
}

extension OptimizerChoice: ListedName {
    static var itemKind: String { "optimizer" }
    static var validNames: [String] { allCases.map(\.rawValue) }
    var name: String { rawValue }
}

extension BreakSwitch: ListedName {
    static var itemKind: String { "switch" }
    static var validNames: [String] { allCases.map(\.rawValue) }
    var name: String { rawValue }
}

/// A schedule by the name `--schedules` takes (one of ``ScheduleSpec/names``), without fields.
struct ScheduleName: ListedName {
    var name: String
    static var itemKind: String { "schedule" }
    static var validNames: [String] { ScheduleSpec.names }
    static func named(_ name: String) throws(ProblemError) -> ScheduleName {
        guard ScheduleSpec.names.contains(name) else {
            throw ProblemError("unknown schedule \"\(name)\" (expected one of \(ScheduleSpec.names.joined(separator: ", ")))")
        }
        return ScheduleName(name: name)
    }
}

/// A run-length limit as the options' help and messages spell it: "between 1 and 5000", "1–5000".
struct StepRangeText: CustomStringConvertible {
    let range: ClosedRange<Int>
    init(_ range: ClosedRange<Int>) { self.range = range }
    var description: String { "between \(range.lowerBound) and \(range.upperBound)" }
    var dashed: String { "\(range.lowerBound)–\(range.upperBound)" }
}
