@preconcurrency import CReadline
import OptimlabCourseware
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Set by the SIGINT handler (an async-signal-safe store), consumed by readline's event hook.
let sigintReceived = Atomic<Bool>(false)

/// readline's completion generator: char *(const char *text, int state), returning malloc'd strings.
func completionGenerator(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    completionState.withLock { s in
        if state == 0 {
            let prefix = text.map { String(cString: $0) } ?? ""
            let line = rl_line_buffer.map { String(cString: $0) } ?? ""
            let start = max(Int(rl_point) - prefix.utf8.count, 0)
            s.matches = completionWords.withLock { $0.candidates(line: line, text: prefix, start: start) }
            s.index = 0
        }
        guard s.index < s.matches.count else { return nil }
        defer { s.index += 1 }
        return strdup(s.matches[s.index])
    }
}

/// GNU readline on a terminal: line editing, persistent history, Tab completion of commands, lesson
/// ids, example ids and function names; Ctrl-C cancels the line, Ctrl-D leaves.
struct ReadlineReader: LineReader {
    let historyPath: String

    init(historyPath: String) {
        self.historyPath = historyPath
        rl_readline_name = UnsafePointer(strdup("optimlab"))
        rl_variable_bind("enable-bracketed-paste", "off")
        rl_attempted_completion_function = { text, _, _ in
            rl_attempted_completion_over = 1                 // no file-name completion fallback
            return rl_completion_matches(text, completionGenerator)
        }
        signal(SIGINT) { _ in sigintReceived.store(true, ordering: .relaxed) }
        // A parent may have spawned us with SIGINT blocked (test runners do); Ctrl-C must reach us.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
        rl_signal_event_hook = {
            if sigintReceived.exchange(false, ordering: .relaxed) {
                rl_replace_line("", 0)
                rl_crlf()
                rl_on_new_line()
                rl_redisplay()
            }
            return 0
        }
        using_history()
        stifle_history(1000)
        _ = read_history(historyPath)                        // ENOENT on the first run is fine
    }

    mutating func read(prompt: String) -> LineInput {
        guard let c = readline(prompt) else { return .end }
        defer { free(c) }
        let line = String(cString: c)
        if !line.allSatisfy(\.isWhitespace) {
            add_history(line)
            _ = append_history(1, historyPath) == 0 ? 0 : write_history(historyPath)
        }
        return .line(line)
    }

    mutating func finish() {
        _ = write_history(historyPath)
    }
}
