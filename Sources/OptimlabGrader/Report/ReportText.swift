/// Text that came from outside the grader (the program's output, the compiler's output, file and case
/// names), made safe to show in any report before each format adds its own escaping.
///
/// ``clean(_:)`` keeps printable text, newlines and tabs, and removes what could repaint a terminal or
/// break a parser: ANSI escape sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL|ESC \`, and the other
/// two-byte `ESC x` forms), the C0 and C1 control characters (C1 `U+009B` is a one-byte CSI), DEL,
/// the bidirectional overrides and isolates (they reorder what a reader sees), and every code point
/// XML 1.0 forbids or Unicode calls a non-character (`U+FFFE`, `U+FFFF`, `U+FDD0…U+FDEF`, and the
/// last two of every plane). Each removed run of control text becomes one `�`, so a reader sees
/// that something was there. Lone surrogates cannot reach a Swift `String`: decoding bytes replaces
/// them (and any invalid UTF-8) with `�` before this runs.
public enum ReportText {
    /// The marker left where unsafe text was removed.
    public static let removed: Character = "\u{FFFD}"

    /// `s` with escape sequences and unsafe code points removed; newlines and tabs kept.
    public static func clean(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = s.unicodeScalars[...]
        var lastWasRemoval = false
        func mark() {
            if !lastWasRemoval { out.append("\u{FFFD}") }
            lastWasRemoval = true
        }
        while let u = scalars.first {
            scalars = scalars.dropFirst()
            if u == "\u{1B}" {
                scalars = skipEscape(scalars)
                mark()
                continue
            }
            if u == "\u{9B}" {            // C1 CSI: the same sequence without ESC
                scalars = skipCSI(scalars)
                mark()
                continue
            }
            if isSafe(u) {
                out.append(u)
                lastWasRemoval = false
            } else {
                mark()
            }
        }
        return String(out)
    }

    /// A one-line name (a file or a case): ``clean(_:)``, with line breaks and tabs shown as `\n`,
    /// `\r`, `\t`, so a name can never start a new line of a report (or a workflow command).
    public static func name(_ s: String) -> String {
        var out = ""
        for u in clean(s).unicodeScalars {
            switch u {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}", "\u{2029}", "\u{85}": out += "\\n"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Whether `u` may appear in a report: printable, newline or tab, allowed by XML 1.0, not a
    /// non-character, not a bidirectional control.
    static func isSafe(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        switch v {
        case 0x0A, 0x09: return true
        case 0..<0x20, 0x7F...0x9F: return false                       // C0, DEL, C1
        case 0xFDD0...0xFDEF: return false                              // non-characters
        case _ where v & 0xFFFE == 0xFFFE: return false                 // U+xFFFE, U+xFFFF of every plane
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return false   // bidi controls
        case 0x2028, 0x2029: return false                               // line/paragraph separators
        default: return true
        }
    }

    /// Skips what follows an ESC: a CSI (`[` params final byte), an OSC/DCS/SOS/PM/APC string (up to
    /// BEL or ESC `\`), or one more character.
    static func skipEscape(_ s: Substring.UnicodeScalarView) -> Substring.UnicodeScalarView {
        guard let next = s.first else { return s }
        switch next {
        case "[": return skipCSI(s.dropFirst())
        case "]", "P", "X", "^", "_": return skipString(s.dropFirst())
        default: return s.dropFirst()
        }
    }

    /// Parameter and intermediate bytes (0x20–0x3F), then one final byte (0x40–0x7E).
    static func skipCSI(_ s: Substring.UnicodeScalarView) -> Substring.UnicodeScalarView {
        var rest = s
        while let u = rest.first, (0x20...0x3F).contains(u.value) { rest = rest.dropFirst() }
        if let u = rest.first, (0x40...0x7E).contains(u.value) { rest = rest.dropFirst() }
        return rest
    }

    /// Up to and including BEL, ESC `\` or the C1 string terminator.
    static func skipString(_ s: Substring.UnicodeScalarView) -> Substring.UnicodeScalarView {
        var rest = s
        while let u = rest.first {
            rest = rest.dropFirst()
            if u == "\u{07}" || u == "\u{9C}" { return rest }
            if u == "\u{1B}" {
                if rest.first == "\\" { rest = rest.dropFirst() }
                return rest
            }
        }
        return rest
    }

    /// The first `limit` bytes of `s` (UTF-8), cut at a character boundary.
    public static func prefix(_ s: String, bytes limit: Int) -> String {
        s.utf8.count > limit ? prefix(s, limit, size: { $0.utf8.count }) : s
    }

    /// The first `limit` Unicode code points of `s` (the unit of Exercism's length limits), cut at a
    /// character boundary.
    public static func prefix(_ s: String, codePoints limit: Int) -> String {
        s.unicodeScalars.count > limit ? prefix(s, limit, size: { $0.unicodeScalars.count }) : s
    }

    /// The longest run of whole characters from the start of `s` whose sizes add up to at most `limit`.
    static func prefix(_ s: String, _ limit: Int, size: (Character) -> Int) -> String {
        var used = 0
        var out = ""
        for c in s {
            let n = size(c)
            if used + n > limit { break }
            out.append(c); used += n
        }
        return out
    }

    /// A byte count for people: `812 bytes`, `2 KB`, `12.5 KB`, `3.1 MB`.
    public static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) byte\(bytes == 1 ? "" : "s")" }
        let kb = Double(bytes) / 1024
        if kb < 1024 { return amount(kb) + " KB" }
        return amount(kb / 1024) + " MB"
    }

    static func amount(_ x: Double) -> String {
        let tenths = (x * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
