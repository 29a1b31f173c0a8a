/// Typed reads that throw a diagnostic at the node when the value is of the wrong kind. `what` names
/// the value in the message ("tolerance.rel", "'attempts'"); the messages are the same in every file.
extension YAMLNode {
    /// A scalar's text. A mapping here is usually unquoted text with `: ` in it, and the message says so.
    public func string(_ what: String) throws(YAMLDiagnostic) -> String {
        guard let text else {
            let why = isMapping ? " (a ': ' inside unquoted text starts a mapping: quote the text)" : ""
            throw diagnostic("\(what) must be text\(why)")
        }
        return text
    }

    /// A finite number (a plain scalar; see ``YAMLScalar``).
    public func number(_ what: String) throws(YAMLDiagnostic) -> Double {
        guard let x = number, x.isFinite else { throw diagnostic("\(what) must be a finite number") }
        return x
    }

    /// A finite number greater than zero.
    public func positiveNumber(_ what: String) throws(YAMLDiagnostic) -> Double {
        let x = try number(what)
        guard x > 0 else { throw diagnostic("\(what) must be positive, got \(x)") }
        return x
    }

    /// A whole number within `min...max`.
    public func integer(_ what: String, min: Int = .min, max: Int = .max) throws(YAMLDiagnostic) -> Int {
        guard let x = integer else { throw diagnostic("\(what) must be a whole number") }
        guard x >= min, x <= max else {
            let range = max == .max ? "at least \(min)" : min == .min ? "at most \(max)" : "between \(min) and \(max)"
            throw diagnostic("\(what) must be \(range), got \(x)")
        }
        return x
    }

    /// `true` or `false` (`yes`/`on` are text, see ``YAMLScalar``).
    public func bool(_ what: String) throws(YAMLDiagnostic) -> Bool {
        guard let b = bool else { throw diagnostic("\(what) must be true or false") }
        return b
    }

    /// A list's items.
    public func list(_ what: String) throws(YAMLDiagnostic) -> [YAMLNode] {
        guard let items else { throw diagnostic("\(what) must be a list") }
        return items
    }

    /// A mapping's entries, in order.
    public func mapping(_ what: String) throws(YAMLDiagnostic) -> [(key: YAMLNode, value: YAMLNode)] {
        guard let entries else { throw diagnostic("\(what) must be a mapping of fields") }
        return entries
    }
}
