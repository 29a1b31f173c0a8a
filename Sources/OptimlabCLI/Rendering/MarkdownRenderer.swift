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

    /// Plain text (notes, prompts, messages): every line wrapped to `width`, its own indent kept.
    static func wrapLines(_ text: String, width: Int) -> String {
        stripComments(text).components(separatedBy: "\n").flatMap { line -> [String] in
            let indent = String(line.prefix { $0 == " " })
            return wrap(String(line.dropFirst(indent.count)), width: width, first: indent, rest: indent)
        }.joined(separator: "\n")
    }

    /// Greedy word wrap; a word longer than the width gets a line of its own, never a break inside it.
    static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
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

    /// Visible characters, not counting `**` markers that become styling.
    static func plainCount(_ s: String) -> Int { s.replacingOccurrences(of: "**", with: "").count }

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
