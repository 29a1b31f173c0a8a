/// What a submission's run reported on the private channel (fd 3) for one case, parsed. One run may
/// carry several cases, each in its own section opened by its header and closed by its END:
///
///     optimlab-out-1 <nonce>
///     step <k> <bits>…            the values after step k (params, or the lr), hex Double bit patterns
///     error <k> the step left <n> values where there were <m>
///                                 the harness stopped at step k: the step changed the params' length
///     error <k> the step removed a tensor or changed its length
///     END <nonce>
///
/// Only a channel that starts with the right header and ends with `END <nonce>` counts as finished;
/// anything the program prints on stdout is ignored. The channel carries numbers only: a line is
/// read as one of the forms above or not at all, and every message a report shows about it is
/// composed here from those numbers (``Problem/message``), never copied from the channel, which the
/// student's process could have written to.
public struct ChannelOutput: Sendable, Equatable {
    /// What was wrong with a case's section of the channel.
    public enum Problem: Sendable, Equatable {
        /// Bytes on the channel, but no header with this case's nonce.
        case noHeader
        /// An END line without this case's nonce.
        case wrongEnd
        /// A line the harness does not write, after `afterStep` steps.
        case unexpectedLine(afterStep: Int)
        /// A value that is not a hex bit pattern, at step `step`.
        case unreadableValue(step: Int)
        /// The harness's record that a step left `got` values where there were `expected`.
        case lengthChanged(step: Int, got: Int, expected: Int)
        /// The harness's record that a step removed a named tensor or changed its length.
        case tensorChanged(step: Int)

        public var message: String {
            switch self {
            case .noHeader: "the private channel has no harness header for this case"
            case .wrongEnd: "the channel ended with a wrong END line"
            case .unexpectedLine(let k): "unexpected line on the channel after step \(k)"
            case .unreadableValue(let k): "unreadable value on the channel at step \(k)"
            case .lengthChanged(let k, let got, let expected): "step \(k): the step left \(got) values where there were \(expected)"
            case .tensorChanged(let k): "step \(k): the step removed a tensor or changed its length"
            }
        }
    }

    public var steps: [[Double]] = []
    public var finished = false
    public var issue: Problem?

    /// A problem the harness or the parser found, as the grader words it.
    public var problem: String? { issue?.message }

    public init(steps: [[Double]] = [], finished: Bool = false, issue: Problem? = nil) {
        self.steps = steps; self.finished = finished; self.issue = issue
    }

    public init(bytes: [UInt8], nonce: String) {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.firstIndex(where: { $0 == "optimlab-out-1 \(nonce)" }) else {
            issue = bytes.isEmpty ? nil : .noHeader
            return
        }
        for line in lines[(header + 1)...] {
            let tokens = line.split(separator: " ", omittingEmptySubsequences: false)
            guard let key = tokens.first, !line.isEmpty else { continue }
            switch key {
            case "END":
                if tokens.count == 2, tokens[1] == nonce { finished = true } else { issue = .wrongEnd }
                return
            case "error":
                guard let recorded = Self.lengthError(tokens) else {
                    issue = .unexpectedLine(afterStep: steps.count)
                    return
                }
                issue = recorded
            case "step":
                guard tokens.count >= 2, Int(tokens[1]) == steps.count + 1 else {
                    issue = .unexpectedLine(afterStep: steps.count)
                    return
                }
                var values: [Double] = []
                for token in tokens.dropFirst(2) {
                    guard let bits = UInt64(token, radix: 16) else {
                        issue = .unreadableValue(step: steps.count + 1); return
                    }
                    values.append(Double(bitPattern: bits))
                }
                steps.append(values)
            default:
                issue = .unexpectedLine(afterStep: steps.count)
                return
            }
        }
    }

    /// `error <k> the step left <n> values where there were <m>` or `error <k> the step removed a
    /// tensor or changed its length`, exactly, word for word; only the numbers are read.
    static func lengthError(_ t: [Substring]) -> Problem? {
        let removed = ["error", nil, "the", "step", "removed", "a", "tensor", "or", "changed", "its", "length"]
        if t.count == removed.count, zip(t, removed).allSatisfy({ $1 == nil || $0 == $1! }), let k = Int(t[1]), k > 0 {
            return .tensorChanged(step: k)
        }
        let words = ["error", nil, "the", "step", "left", nil, "values", "where", "there", "were", nil]
        guard t.count == words.count, zip(t, words).allSatisfy({ $1 == nil || $0 == $1! }),
              let k = Int(t[1]), let got = Int(t[5]), let expected = Int(t[10]),
              k > 0, got >= 0, expected >= 0 else { return nil }
        return .lengthChanged(step: k, got: got, expected: expected)
    }
}
