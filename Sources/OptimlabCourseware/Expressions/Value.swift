/// A value an expression evaluates to: a number, a list (of numbers or of lists: a list of tensors),
/// a string (a convention or schedule name) or a table (what an `example` block shows).
public indirect enum Value: Sendable, Equatable {
    case number(Double)
    case list([Value])
    case string(String)
    case table(Table)

    /// What kind of value this is, for error messages.
    public var typeName: String {
        switch self {
        case .number: "a number"
        case .list: "a list"
        case .string: "a string"
        case .table: "a table"
        }
    }

    public var number: Double? {
        if case .number(let x) = self { return x }
        return nil
    }

    /// The numbers of a flat list, or nil when any element is not a number.
    public var numbers: [Double]? {
        guard case .list(let items) = self else { return nil }
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .number(let x) = item else { return nil }
            out.append(x)
        }
        return out
    }

    /// Whether any number in this value (in lists and table cells too) is infinite or NaN: such a
    /// value must reach the learner with a note saying why.
    public var containsNonFinite: Bool {
        switch self {
        case .number(let x): !x.isFinite
        case .list(let items): items.contains { $0.containsNonFinite }
        case .string: false
        case .table(let t): t.rows.contains { $0.contains { if case .number(let x) = $0 { !x.isFinite } else { false } } }
        }
    }

    /// Builds a list value from numbers.
    public static func numbers(_ xs: [Double]) -> Value { .list(xs.map(Value.number)) }
}
