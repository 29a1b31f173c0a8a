/// One parameter of a catalogue function.
public struct Parameter: Sendable {
    public var name: String
    /// Other names accepted for it (`g` for `grads`).
    public var aliases: [String]
    /// The default as the catalogue writes it (`1e-3`, `len(grads)`), or nil when required.
    public var defaultText: String?

    public init(_ name: String, _ defaultText: String? = nil, aliases: [String] = []) {
        self.name = name; self.defaultText = defaultText; self.aliases = aliases
    }

    public var isRequired: Bool { defaultText == nil }
}
