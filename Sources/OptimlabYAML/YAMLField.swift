/// One entry of a YAML mapping whose key is text: the key, the key's node (where an unknown key is
/// reported) and the value.
public struct YAMLField: Sendable {
    public var key: String
    public var keyNode: YAMLNode
    public var value: YAMLNode

    public init(key: String, keyNode: YAMLNode, value: YAMLNode) {
        self.key = key; self.keyNode = keyNode; self.value = value
    }
}

extension [YAMLField] {
    /// The value of the first entry named `key`.
    public func value(_ key: String) -> YAMLNode? { first { $0.key == key }?.value }
}

extension YAMLNode {
    /// The one message for a key that is not a field of `what`, in every file the project reads:
    /// `unknown field 'tolerence' in a question block; did you mean 'tolerance'? (fields: id, kind, …)`,
    /// at this (the key's) node.
    public func unknownField(_ name: String, in what: String, allowed: [String]) -> YAMLDiagnostic {
        let hint = Suggestions.closest(to: name, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
        return diagnostic("unknown field '\(name)' in \(what)\(hint) (fields: \(allowed.joined(separator: ", ")))")
    }
}
