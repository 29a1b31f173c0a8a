import Foundation
import OptimlabCourseware

/// One line typed at the REPL, classified. At a question the line is the answer unless it is exactly a
/// command (`hint`, `skip`, `open adam` …); elsewhere a line that parses as an expression is evaluated.
enum ReplCommand: Equatable {
    case lessons, resume, next, back, hint, solution, skip, help, helpFunctions, quit, empty
    case open(String)
    case rerun(String, String)
    /// Open a lesson plot full-screen with sliders.
    case tweak(String)
    case calc(String)
    case answer(String)
    case expression(String)
    case unknown(String)
    /// A command that needs an argument, typed without one.
    case usage(String)
    /// The exercise loop (the same code as `optimlab exercises`, `start`…).
    case exercises
    case start(String)
    case grade(String?)
    case exerciseHint(String)
    case exerciseSolution(String)
    case reset(String)

    /// Commands that take no argument.
    static let bare: [String: ReplCommand] = [
        "lessons": .lessons, "resume": .resume, "next": .next, "n": .next, "back": .back, "hint": .hint,
        "solution": .solution, "skip": .skip, "help": .help, "?": .help, "quit": .quit, "exit": .quit,
        "exercises": .exercises, "grade": .grade(nil),
    ]
    /// Every command word, for `help` and completion.
    static let words = ["back", "calc", "exercises", "grade", "help", "hint", "lessons", "next", "open", "quit", "rerun", "reset",
                        "resume", "skip", "solution", "start", "tweak"]

    static func parse(_ raw: String, awaitingAnswer: Bool) -> ReplCommand {
        let line = raw.trimmingCharacters(in: .whitespaces)
        if line.isEmpty { return .empty }
        let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        let word = parts[0].lowercased()
        let rest = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        if rest.isEmpty, let command = bare[word] { return command }
        switch word {
        case "help" where rest.lowercased() == "functions": return .helpFunctions
        case "open" where !rest.isEmpty && !rest.contains(" "): return .open(rest)
        case "rerun" where !rest.isEmpty:
            let sub = rest.split(separator: " ", maxSplits: 1)
            return .rerun(String(sub[0]), sub.count > 1 ? String(sub[1]) : "")
        case "calc" where !rest.isEmpty: return .calc(rest)
        case "tweak" where !rest.isEmpty && !rest.contains(" "): return .tweak(rest)
        case "start" where !rest.isEmpty && !rest.contains(" "): return .start(rest)
        case "grade" where !rest.contains(" "): return .grade(rest)
        case "hint" where !rest.contains(" "): return .exerciseHint(rest)
        case "solution" where !rest.contains(" "): return .exerciseSolution(rest)
        case "reset" where !rest.isEmpty && !rest.contains(" "): return .reset(rest)
        case "open" where rest.isEmpty, "rerun" where rest.isEmpty, "calc" where rest.isEmpty,
             "start" where rest.isEmpty, "reset" where rest.isEmpty, "tweak" where rest.isEmpty: return .usage(word)
        default: break
        }
        if awaitingAnswer { return .answer(line) }
        // A lone word is a mistyped command, not a calculation (the calculator has no variables).
        let loneWord = parts.count == 1 && line.allSatisfy { $0.isLetter || $0 == "_" } && FunctionCatalogue.constants[line] == nil
        if !loneWord, (try? ExpressionParser.parse(line)) != nil { return .expression(line) }
        return .unknown(word)
    }
}

