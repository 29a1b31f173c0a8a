/// 64-bit FNV-1a: a hash that is the same in every process and on every machine (Swift's `Hasher` is
/// seeded per process), for cache keys and seeds derived from text. Not a security boundary.
public struct StableHash: Sendable, Equatable {
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    /// Mixes in the UTF-8 bytes of `text`.
    public mutating func combine(_ text: String) {
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01B3 }
    }

    /// The hash of `text`.
    public static func of(_ text: String) -> UInt64 {
        var h = StableHash()
        h.combine(text)
        return h.value
    }

    /// Lower-case hexadecimal, without leading zeros.
    public var hex: String { String(value, radix: 16) }
}
