/// What a submission's run reported on the private channel (fd 3) for one case, parsed. One run may
/// carry several cases, each in its own section opened by its header and closed by its END:
///
///     optimlab-out-1 <nonce>
///     step <k> <bits>…            the values after step k (params, or the lr), hex Double bit patterns
///     error <k> <message>         the harness stopped at step k (e.g. the params changed length)
///     END <nonce>
///
/// Only a channel that starts with the right header and ends with `END <nonce>` counts as finished;
/// anything the program prints on stdout is ignored.
public struct ChannelOutput: Sendable, Equatable {
    public var steps: [[Double]] = []
    public var finished = false
    /// A problem the harness or the parser found, with the step it happened at.
    public var problem: String?

    public init(steps: [[Double]] = [], finished: Bool = false, problem: String? = nil) {
        self.steps = steps; self.finished = finished; self.problem = problem
    }

    public init(bytes: [UInt8], nonce: String) {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.firstIndex(where: { $0 == "optimlab-out-1 \(nonce)" }) else {
            problem = bytes.isEmpty ? nil : "the private channel has no harness header for this case"
            return
        }
        for line in lines[(header + 1)...] {
            let tokens = line.split(separator: " ")
            guard let key = tokens.first else { continue }
            if key == "END" {
                if tokens.count == 2, tokens[1] == nonce { finished = true } else { problem = "the channel ended with a wrong END line" }
                return
            }
            if key == "error" {
                problem = "step \(tokens.count > 1 ? String(tokens[1]) : "?"): " + tokens.dropFirst(2).joined(separator: " ")
                continue
            }
            guard key == "step", tokens.count >= 2, Int(tokens[1]) == steps.count + 1 else {
                problem = "unexpected line on the channel after step \(steps.count)"
                return
            }
            var values: [Double] = []
            for token in tokens.dropFirst(2) {
                guard let bits = UInt64(token, radix: 16) else {
                    problem = "unreadable value on the channel at step \(steps.count + 1)"; return
                }
                values.append(Double(bitPattern: bits))
            }
            steps.append(values)
        }
    }
}
