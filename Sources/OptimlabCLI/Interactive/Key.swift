/// One key press as a widget sees it: arrows, a few control keys, or a printable character.
public enum Key: Equatable, Sendable {
    case up, down, left, right
    case enter, escape, space, backspace, tab
    /// Ctrl-C when it arrives as a byte (signals off); normally it raises SIGINT instead.
    case interrupt
    case character(Character)
}

/// Turns the bytes a terminal sends into ``Key``s: CSI and SS3 arrow sequences (`ESC [ A`, `ESC O A`),
/// control bytes, and UTF-8 text. A lone ESC at the end of a read is the Escape key; sequences it does
/// not know are dropped whole, so a function key never types stray letters.
public struct KeyDecoder: Sendable {
    public init() {}

    public func keys(_ bytes: [UInt8]) -> [Key] {
        var out: [Key] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B {
                let (key, length) = escape(bytes, at: i)
                if let key { out.append(key) }
                i += length
                continue
            }
            if let key = control(b) {
                out.append(key)
                i += 1
                continue
            }
            let length = Self.utf8Length(b)
            let end = min(i + length, bytes.count)
            if let text = String(bytes: bytes[i..<end], encoding: .utf8), let c = text.first { out.append(.character(c)) }
            i = end
        }
        return out
    }

    func control(_ b: UInt8) -> Key? {
        switch b {
        case 0x0D, 0x0A: .enter
        case 0x20: .space
        case 0x7F, 0x08: .backspace
        case 0x09: .tab
        case 0x03: .interrupt
        case 0..<0x20: nil
        default: nil
        }
    }

    /// The key an escape sequence starting at `i` stands for, and its length in bytes.
    func escape(_ bytes: [UInt8], at i: Int) -> (Key?, Int) {
        guard i + 1 < bytes.count else { return (.escape, 1) }
        let introducer = bytes[i + 1]
        guard introducer == UInt8(ascii: "[") || introducer == UInt8(ascii: "O") else { return (.escape, 1) }
        // Parameters (digits and ;) then one final byte in @…~.
        var j = i + 2
        while j < bytes.count, (0x30...0x3F).contains(bytes[j]) { j += 1 }
        guard j < bytes.count else { return (nil, bytes.count - i) }
        let key: Key? = switch bytes[j] {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        default: nil
        }
        return (key, j - i + 1)
    }

    static func utf8Length(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}
