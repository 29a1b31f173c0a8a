import Foundation
import OptimlabCourseware

/// Turns a lesson's Markdown (holes already filled) into terminal text: paragraphs and list items
/// wrapped to the terminal's width at word boundaries, pipe tables drawn as tables, fenced code
/// indented and never wrapped, `**bold**` bold on a colour terminal, instructor notes (`<!-- … -->`)
/// dropped.
enum MarkdownRenderer {
    static func render(_ text: String, terminal: Terminal) -> String {
        let lines = stripComments(text).components(separatedBy: "\n")
        var out: [String] = [], paragraph: [String] = [], item: (marker: String, words: [String])?
        var i = 0
        func flush() {
            if !paragraph.isEmpty { out += wrap(paragraph.joined(separator: " "), width: terminal.width).map { inline($0, terminal) } }
            paragraph = []
            if let it = item {
                let indent = String(repeating: " ", count: it.marker.count)
                out += wrap(it.words.joined(separator: " "), width: terminal.width, first: it.marker, rest: indent).map { inline($0, terminal) }
            }
            item = nil
        }
        while i < lines.count {
            let line = lines[i], trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                flush()
                i += 1
                while i < lines.count, !lines[i].trimmingCharacters(in: .whitespaces).hasPrefix("```") { out.append("    " + lines[i]); i += 1 }
                i += 1
                continue
            }
            if trimmed.hasPrefix("|") {
                flush()
                var rows: [String] = []
                while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces).hasPrefix("|") { rows.append(lines[i]); i += 1 }
                out += table(rows, terminal: terminal)
                continue
            }
            if trimmed.isEmpty {
                flush()
                if out.last != "" && !out.isEmpty { out.append("") }
            } else if trimmed.hasPrefix("#") {
                flush()
                out.append(terminal.styled(trimmed, .bold, .cyan))
            } else if let marker = listMarker(line) {
                flush()
                item = (marker, [String(line.dropFirst(marker.count)).trimmingCharacters(in: .whitespaces)])
            } else if item != nil, line.first == " " {
                item!.words.append(trimmed)
            } else {
                if item != nil { flush() }
                paragraph.append(trimmed)
            }
            i += 1
        }
        flush()
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n")
    }

    /// Plain text (notes, messages): every line wider than `width` wrapped at spaces — its own indent
    /// kept, a list item's continuation under the item's text, and the first line's continuation
    /// `hang` columns further in (under the text after a `[ok] `-style marker). Lines that fit, and
    /// pre-formatted lines (see ``isPreformatted(_:)``), are left exactly as they are.
    static func wrapLines(_ text: String, width: Int, hang: Int = 0) -> String {
        stripComments(text).components(separatedBy: "\n").enumerated().flatMap { n, line -> [String] in
            guard visibleCount(line) > width, !isPreformatted(line) else { return [line] }
            let indent = String(line.prefix { $0 == " " })
            if let marker = listMarker(line) {
                return wrap(String(line.dropFirst(marker.count)), width: width, first: marker,
                            rest: String(repeating: " ", count: visibleCount(marker)))
            }
            let rest = indent + String(repeating: " ", count: n == 0 ? hang : 0)
            return wrap(String(line.dropFirst(indent.count)), width: width, first: indent, rest: rest)
        }.joined(separator: "\n")
    }

    /// Text written with hard line breaks (a question's prompt from a YAML block) as paragraphs
    /// wrapped to `width`: a source line joins the one before it unless it is blank, indented, or a
    /// list item (`- `, `* `, `1. `), so a list keeps an item per line and an indented line stays a line
    /// of its own. The first output line starts with `first`, every later one with `rest`.
    static func reflow(_ text: String, width: Int, first: String = "", rest: String = "") -> String {
        enum Block { case blank, paragraph(first: String, rest: String, words: [String]), literal(String) }
        var blocks: [Block] = []
        for line in stripComments(text).trimmingTrailingNewlines().components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if let last = blocks.last, case .blank = last {} else if !blocks.isEmpty { blocks.append(.blank) }
            } else if let marker = listMarker(line) {
                blocks.append(.paragraph(first: marker, rest: String(repeating: " ", count: visibleCount(marker)),
                                         words: [String(line.dropFirst(marker.count))]))
            } else if trimmed.hasPrefix("|") || trimmed.hasPrefix("```") || isPreformatted(line) {
                blocks.append(.literal(line))
            } else if line.first == " " || line.first == "\t" {
                // An item's continuation, indented to its text, belongs to the item; any other indented
                // line is kept as a line of its own.
                if case .paragraph(let f, let r, let words)? = blocks.last, listMarker(f) != nil,
                   line.prefix(while: { $0 == " " }).count == r.count {
                    blocks[blocks.count - 1] = .paragraph(first: f, rest: r, words: words + [trimmed])
                } else {
                    blocks.append(.literal(line))
                }
            } else if case .paragraph(let f, let r, let words)? = blocks.last {
                blocks[blocks.count - 1] = .paragraph(first: f, rest: r, words: words + [trimmed])
            } else {
                blocks.append(.paragraph(first: "", rest: "", words: [trimmed]))
            }
        }
        while let last = blocks.last, case .blank = last { blocks.removeLast() }
        var out: [String] = []
        for block in blocks {
            let lead = out.isEmpty ? first : rest
            switch block {
            case .blank:
                out.append("")
            case .paragraph(let f, let r, let words):
                out += wrap(words.joined(separator: " "), width: width, first: lead + f, rest: rest + r)
            case .literal(let line):
                out += wrapLines(lead + line, width: width).components(separatedBy: "\n")
            }
        }
        return out.isEmpty ? first : out.joined(separator: "\n")
    }

    /// A line laid out by hand, which wrapping would spoil: a table row or rule (box drawing, `|`,
    /// `+--`), code (indented four spaces or more), or columns (two spaces or more between words; two
    /// spaces after a sentence's `.`, `!`, `?` or `:` are a typing habit, not columns).
    static func isPreformatted(_ line: String) -> Bool {
        let text = stripANSI(line)
        let body = text.drop { $0 == " " }
        if text.count - body.count >= 4 { return true }
        if let c = body.first, "│┌├└┬┼┤┐┘─|".contains(c) || body.hasPrefix("+-") { return true }
        return body.range(of: #"[^\s.!?:] {2,}\S"#, options: .regularExpression) != nil
    }

    /// Greedy word wrap; a word longer than the width gets a line of its own, never a break inside it.
    /// A lone operator (`=`, `+`, `×`, …) stays with the word before it, so no line starts with one,
    /// and a `code span` is kept on one line (a command to copy) when it fits in one.
    /// Widths are visible columns: ANSI styling and `**` markers count for nothing.
    static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        var words: [String] = [], inCode = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let joins = inCode || (word.count == 1 && "=≈≠<>≤≥+−×·→".contains(word))
            if !words.isEmpty, joins, plainCount(words[words.count - 1]) + 1 + plainCount(word) <= width - plainCount(rest) {
                words[words.count - 1] += " " + word
            } else {
                words.append(word)
            }
            if word.filter({ $0 == "`" }).count % 2 == 1 { inCode.toggle() }
        }
        guard !words.isEmpty else { return [first.trimmingCharacters(in: .whitespaces).isEmpty ? "" : first] }
        var lines: [String] = [], current = first, empty = true
        for word in words {
            let visible = plainCount(current) + (empty ? 0 : 1) + plainCount(word)
            if !empty && visible > width {
                lines.append(current)
                current = rest + word
            } else {
                current += (empty ? "" : " ") + word
            }
            empty = false
        }
        lines.append(current)
        return lines
    }

    /// Visible characters, not counting `**` markers that become styling (nor ANSI escapes).
    static func plainCount(_ s: String) -> Int { visibleCount(s.replacingOccurrences(of: "**", with: "")) }

    /// The columns a line takes on the terminal: its characters (a letter with a combining accent is
    /// one), without ANSI escape sequences.
    static func visibleCount(_ s: String) -> Int { stripANSI(s).count }

    /// The text without ANSI escape sequences (`ESC [ … letter`).
    static func stripANSI(_ s: String) -> String {
        guard s.contains("\u{1B}") else { return s }
        return s.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
    }

    /// `- `, `* ` or `12. ` at the start of a line (with its indent).
    static func listMarker(_ line: String) -> String? {
        guard let r = line.range(of: #"^\s*([-*]|\d+\.)\s+"#, options: .regularExpression) else { return nil }
        return String(line[r])
    }

    /// `**bold**`: bold on a colour terminal, the bare words otherwise.
    static func inline(_ line: String, _ terminal: Terminal) -> String {
        var out = "", rest = Substring(line)
        while let open = rest.range(of: "**"), let close = rest[open.upperBound...].range(of: "**") {
            out += rest[..<open.lowerBound] + terminal.styled(String(rest[open.upperBound..<close.lowerBound]), .bold)
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// Drops `<!-- … -->` (over several lines too): instructor notes are for authors.
    static func stripComments(_ text: String) -> String {
        var out = "", rest = Substring(text)
        while let open = rest.range(of: "<!--") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "-->") else { return out }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// A pipe table (header, `|---|` rule, rows) drawn by ``TableRenderer``.
    static func table(_ rows: [String], terminal: Terminal) -> [String] {
        func cells(_ row: String) -> [String] {
            var t = row.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("|") { t.removeFirst() }
            if t.hasSuffix("|") { t.removeLast() }
            return t.components(separatedBy: "|").map { inline($0.trimmingCharacters(in: .whitespaces), Terminal.plain) }
        }
        let isRule = { (row: String) in row.allSatisfy { "|-: ".contains($0) } }
        let parsed = rows.filter { !isRule($0) }.map(cells)
        guard let header = parsed.first else { return [] }
        var t = Table(columns: header.enumerated().map { Table.Column(key: "c\($0.offset)", title: $0.element) })
        for row in parsed.dropFirst() {
            t.append(cells: header.indices.map { $0 < row.count && !row[$0].isEmpty ? .text(row[$0]) : .empty })
        }
        return TableRenderer.render(t, terminal: terminal, wrapTo: terminal.width).components(separatedBy: "\n")
    }
}
