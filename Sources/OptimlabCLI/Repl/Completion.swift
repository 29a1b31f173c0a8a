import OptimlabCourseware
import Synchronization

/// The words Tab can complete, refreshed by the REPL before each read: readline's C callbacks cannot
/// capture context, so the current words live in a global behind a Mutex.
struct CompletionWords: Sendable {
    var commands: [String] = ReplCommand.words
    var lessons: [String] = []
    var examples: [String] = []
    var plots: [String] = []
    var functions: [String] = FunctionCatalogue.names.sorted()
    var exercises: [String] = []

    /// Candidates for the word `text` being completed in `line`, starting at column `start`.
    func candidates(line: String, text: String, start: Int) -> [String] {
        let before = String(line.prefix(start))
        let words = before.split(separator: " ")
        let pool: [String]
        if words.isEmpty {
            pool = commands + functions
        } else {
            switch words[0] {
            case "open": pool = words.count == 1 ? lessons : []
            case "rerun": pool = words.count == 1 ? examples + plots : functions
            case "tweak": pool = words.count == 1 ? plots : []
            case "help": pool = ["functions"]
            case "start", "grade", "reset", "solution", "hint": pool = words.count == 1 ? exercises : []
            default: pool = functions
            }
        }
        return pool.filter { $0.hasPrefix(text) }
    }
}

let completionWords = Mutex(CompletionWords())
let completionState = Mutex<(matches: [String], index: Int)>(([], 0))
