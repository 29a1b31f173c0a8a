import Foundation

/// Elementary math and list helpers.
enum MathFunctions {
    static func unary(_ name: String, _ summary: String, _ f: @escaping @Sendable (Double) -> Double) -> FunctionDefinition {
        FunctionDefinition(name, .math, [Parameter("x")], summary) { (a: Arguments) throws(ExpressionError) -> Value in
            .number(f(try a.number("x")))
        }
    }

    static func nonEmpty(_ a: Arguments, _ name: String) throws(ExpressionError) -> [Double] {
        let xs = try a.numbers(name)
        guard !xs.isEmpty else { throw a.error(name, "must not be empty") }
        return xs
    }

    static let all: [FunctionDefinition] = [
        unary("sqrt", "square root", { $0.squareRoot() }),
        unary("exp", "eˣ", { Foundation.exp($0) }),
        unary("ln", "natural logarithm", { Foundation.log($0) }),
        unary("log10", "base-10 logarithm", { Foundation.log10($0) }),
        unary("abs", "absolute value", { Swift.abs($0) }),
        unary("cos", "cosine (radians)", { Foundation.cos($0) }),
        unary("sin", "sine (radians)", { Foundation.sin($0) }),
        FunctionDefinition("min", .math, [Parameter("values")], variadic: true, "the smallest argument") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(try nonEmpty(a, "values").min()!)
        },
        FunctionDefinition("max", .math, [Parameter("values")], variadic: true, "the largest argument") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(try nonEmpty(a, "values").max()!)
        },
        FunctionDefinition("pow", .math, [Parameter("x"), Parameter("y")], "xʸ") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(Foundation.pow(try a.number("x"), try a.number("y")))
        },
        FunctionDefinition("round", .math, [Parameter("x"), Parameter("digits", "0")], "x rounded to `digits` decimals") { (a: Arguments) throws(ExpressionError) -> Value in
            let scale = Foundation.pow(10, Double(try a.integer("digits", 0)))
            return .number((try a.number("x") * scale).rounded() / scale)
        },
        FunctionDefinition("sum", .math, [Parameter("list")], "the sum of a list") { (a: Arguments) throws(ExpressionError) -> Value in
            .number(try a.numbers("list").reduce(0, +))
        },
        FunctionDefinition("mean", .math, [Parameter("list")], "the mean of a list") { (a: Arguments) throws(ExpressionError) -> Value in
            let xs = try nonEmpty(a, "list")
            return .number(xs.reduce(0, +) / Double(xs.count))
        },
        FunctionDefinition("len", .math, [Parameter("list")], "the number of items in a list") { (a: Arguments) throws(ExpressionError) -> Value in
            guard case .list(let items)? = a.value("list") else { throw a.error("list", "must be a list") }
            return .number(Double(items.count))
        },
        FunctionDefinition("last", .math, [Parameter("list")], "the last item of a list") { (a: Arguments) throws(ExpressionError) -> Value in
            guard case .list(let items)? = a.value("list") else { throw a.error("list", "must be a list") }
            guard let x = items.last else { throw a.error("list", "is empty") }
            return x
        },
        FunctionDefinition("at", .math, [Parameter("list"), Parameter("i")], "item i of a list (0-based)") { (a: Arguments) throws(ExpressionError) -> Value in
            guard case .list(let items)? = a.value("list") else { throw a.error("list", "must be a list") }
            let i = try a.integer("i")
            guard items.indices.contains(i) else { throw a.error("i", "is \(i), outside 0…\(items.count - 1)") }
            return items[i]
        },
    ]
}
