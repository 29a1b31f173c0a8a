import OptimlabEngine

/// The bound arguments of one call, with typed accessors whose errors name the function, the
/// argument and its column.
public struct Arguments: Sendable {
    public var function: String
    var values: [String: Value]
    var columns: [String: Int]
    /// The call's column.
    var column: Int
    /// The variant the call runs under (set by the evaluator).
    public var variant: Variant = .correct

    func error(_ name: String, _ message: String) -> ExpressionError {
        ExpressionError("\(function): \(name) \(message)", column: columns[name] ?? column)
    }

    public func has(_ name: String) -> Bool { values[name] != nil }

    public func value(_ name: String) -> Value? { values[name] }

    /// A number; `fallback` when the argument was not given.
    public func number(_ name: String, _ fallback: Double? = nil) throws(ExpressionError) -> Double {
        guard let v = values[name] else {
            if let fallback { return fallback }
            throw ExpressionError("\(function) needs '\(name)'", column: column)
        }
        guard case .number(let x) = v else { throw error(name, "must be a number, not \(v.typeName)") }
        return x
    }

    /// A whole number (a step count, a batch size).
    public func integer(_ name: String, _ fallback: Int? = nil) throws(ExpressionError) -> Int {
        if values[name] == nil, let fallback { return fallback }
        let x = try number(name)
        guard x.isFinite, x == x.rounded(), abs(x) < 1e12 else { throw error(name, "must be a whole number, not \(ValueFormatter.plain(x))") }
        return Int(x)
    }

    /// A whole number ≥ 0.
    public func count(_ name: String, _ fallback: Int? = nil) throws(ExpressionError) -> Int {
        let n = try integer(name, fallback)
        guard n >= 0 else { throw error(name, "must not be negative") }
        return n
    }

    public func flag(_ name: String, _ fallback: Bool = false) throws(ExpressionError) -> Bool {
        guard values[name] != nil else { return fallback }
        return try number(name) != 0
    }

    public func string(_ name: String, _ fallback: String? = nil) throws(ExpressionError) -> String {
        guard let v = values[name] else {
            if let fallback { return fallback }
            throw ExpressionError("\(function) needs '\(name)'", column: column)
        }
        guard case .string(let s) = v else { throw error(name, "must be a string in quotes, not \(v.typeName)") }
        return s
    }

    /// A list of numbers; a single number is a list of one.
    public func numbers(_ name: String, _ fallback: [Double]? = nil) throws(ExpressionError) -> [Double] {
        guard let v = values[name] else {
            if let fallback { return fallback }
            throw ExpressionError("\(function) needs '\(name)'", column: column)
        }
        if case .number(let x) = v { return [x] }
        guard let xs = v.numbers else { throw error(name, "must be a number or a list of numbers") }
        return xs
    }

    /// A list of whole numbers.
    public func integers(_ name: String, _ fallback: [Int]? = nil) throws(ExpressionError) -> [Int] {
        if values[name] == nil, let fallback { return fallback }
        var out: [Int] = []
        for x in try numbers(name) {
            guard x.isFinite, x == x.rounded(), abs(x) < 1e12 else { throw error(name, "must hold whole numbers") }
            out.append(Int(x))
        }
        return out
    }

    /// A gradient sequence; a non-empty list of numbers, or one number (a one-step sequence).
    public func gradients(_ name: String = "grads") throws(ExpressionError) -> [Double] {
        let g = try numbers(name)
        guard !g.isEmpty else { throw error(name, "must not be empty") }
        return g
    }

    /// Tensors: a list of lists of numbers, or a flat list (one tensor).
    public func tensors(_ name: String) throws(ExpressionError) -> [[Double]] {
        guard let v = values[name] else { throw ExpressionError("\(function) needs '\(name)'", column: column) }
        if let flat = v.numbers { return [flat] }
        guard case .list(let items) = v else { throw error(name, "must be a list of tensors like [[3, 4], [12]]") }
        var out: [[Double]] = []
        for item in items {
            if case .number(let x) = item { out.append([x]); continue }
            guard let xs = item.numbers else { throw error(name, "must be a list of tensors like [[3, 4], [12]]") }
            out.append(xs)
        }
        return out
    }

    /// Several gradient sequences, one per parameter: a list of lists, or one flat list (one parameter).
    public func parameterSequences(_ name: String = "grads") throws(ExpressionError) -> [[Double]] {
        let seqs = try tensors(name)
        guard !seqs.isEmpty, seqs.allSatisfy({ !$0.isEmpty }) else { throw error(name, "must not be empty") }
        guard Set(seqs.map(\.count)).count == 1 else { throw error(name, "sequences must have one length") }
        return seqs
    }
}
