import Foundation

/// Text with `{{ expression }}` or `{{ expression | format }}` holes, filled in by evaluating the
/// expressions when the lesson runs (so no number a learner sees is typed into a lesson).
public struct Template: Sendable, Equatable {
    public enum Segment: Sendable, Equatable {
        case text(String)
        case hole(Expression, source: String, format: String?)
    }

    public var segments: [Segment]
    /// The template's text as written.
    public var source: String

    /// A template without holes.
    public init(literal: String) { segments = [.text(literal)]; source = literal }

    /// Parses the holes. Errors carry the (0-based) line within `text` where the hole starts.
    public static func parse(_ text: String) -> (template: Template, errors: [(line: Int, message: String)]) {
        var segments: [Segment] = []
        var errors: [(Int, String)] = []
        var rest = Substring(text)
        var consumedLines = 0
        while let open = rest.range(of: "{{") {
            let before = rest[..<open.lowerBound]
            segments.append(.text(String(before)))
            consumedLines += before.filter { $0 == "\n" }.count
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                errors.append((consumedLines, "'{{' without a closing '}}'"))
                segments.append(.text(String(rest[open.lowerBound...])))
                rest = ""
                break
            }
            let inner = rest[open.upperBound..<close.lowerBound]
            var expression = inner, format: String?
            if let bar = inner.lastIndex(of: "|") {
                expression = inner[..<bar]
                format = inner[inner.index(after: bar)...].trimmingCharacters(in: .whitespaces)
            }
            let exprText = expression.trimmingCharacters(in: .whitespaces)
            if let format, !ValueFormatter.formats.contains(format) {
                errors.append((consumedLines, "unknown format '\(format)' in {{ \(inner.trimmingCharacters(in: .whitespaces)) }} (formats: \(ValueFormatter.formats.joined(separator: ", ")))"))
            }
            do {
                segments.append(.hole(try ExpressionParser.parse(exprText), source: exprText, format: format))
            } catch {
                errors.append((consumedLines, "in {{ \(exprText) }}: \(error)"))
                segments.append(.text(String(rest[open.lowerBound..<close.upperBound])))
            }
            consumedLines += inner.filter { $0 == "\n" }.count
            rest = rest[close.upperBound...]
        }
        segments.append(.text(String(rest)))
        return (Template(segments: segments.filter { $0 != .text("") }, source: text), errors)
    }

    init(segments: [Segment], source: String) { self.segments = segments; self.source = source }

    /// The holes' expressions.
    public var expressions: [(expression: Expression, source: String)] {
        segments.compactMap { if case .hole(let e, let s, _) = $0 { (e, s) } else { nil } }
    }

    /// Fills every hole by evaluating it with `evaluator`.
    public func render(with evaluator: Evaluator) throws(ExpressionError) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case .text(let s): out += s
            case .hole(let e, let source, let format):
                var ev = evaluator
                let value: Value
                do { value = try ev.evaluate(e) } catch {
                    throw ExpressionError("in {{ \(source) }}: \(error.message)", column: error.column, suggestion: error.suggestion)
                }
                // A hole never prints a bare nan or inf into prose: it is an error naming the reason.
                if value.containsNonFinite {
                    let why = ev.notes.isEmpty ? "an input is not finite" : ev.notes.joined(separator: "; ")
                    throw ExpressionError("in {{ \(source) }}: gives \(ValueFormatter.format(value)) (\(why))")
                }
                out += ValueFormatter.format(value, format)
            }
        }
        return out
    }
}

