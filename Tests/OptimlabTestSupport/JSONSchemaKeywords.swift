import Foundation
import OptimlabEngine

/// The keywords of ``JSONSchema`` that look at one value alone: `type`, `enum`, `const`, and the
/// bounds `minimum`, `maximum`, `minLength`, `maxLength`, `pattern`.
enum JSONSchemaKeywords {
    /// Whether `value` is of the draft's `type` `name` (`integer`: a number with no fraction; a
    /// boolean is never a number).
    static func isType(_ value: JSONValue, _ name: String) -> Bool {
        switch (name, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object): true
        case ("integer", .number(let x)): x.isFinite && x == x.rounded()
        default: false
        }
    }

    static func value(_ value: JSONValue, _ name: String, _ argument: JSONValue, at path: String) -> [String] {
        let at = JSONSchema.show(path)
        switch (name, argument) {
        case ("type", .string(let type)):
            return isType(value, type) ? [] : ["\(at): is \(value.typeName), not \(type)"]
        case ("type", .array(let types)):
            let names = types.compactMap { if case .string(let t) = $0 { t } else { nil } }
            return names.contains { isType(value, $0) } ? [] : ["\(at): is \(value.typeName), not one of \(names.joined(separator: ", "))"]
        case ("enum", .array(let allowed)):
            return allowed.contains(value) ? [] : ["\(at): \(shown(value)) is not one of \(allowed.map(shown).joined(separator: ", "))"]
        case ("const", _):
            return value == argument ? [] : ["\(at): \(shown(value)) is not \(shown(argument))"]
        default: return ["\(at): \(name) has a malformed argument"]
        }
    }

    static func bound(_ value: JSONValue, _ name: String, _ argument: JSONValue, at path: String) -> [String] {
        let at = JSONSchema.show(path)
        switch (name, value, argument) {
        case ("minimum", .number(let x), .number(let limit)): return x >= limit ? [] : ["\(at): \(shown(value)) is below the minimum \(shown(argument))"]
        case ("maximum", .number(let x), .number(let limit)): return x <= limit ? [] : ["\(at): \(shown(value)) is above the maximum \(shown(argument))"]
        case ("minLength", .string(let s), .number(let limit)):
            return Double(s.unicodeScalars.count) >= limit ? [] : ["\(at): is \(s.unicodeScalars.count) characters, fewer than \(shown(argument))"]
        case ("maxLength", .string(let s), .number(let limit)):
            return Double(s.unicodeScalars.count) <= limit ? [] : ["\(at): is \(s.unicodeScalars.count) characters, more than \(shown(argument))"]
        case ("pattern", .string(let s), .string(let pattern)):
            return s.range(of: pattern, options: .regularExpression) != nil ? [] : ["\(at): \(shown(value)) does not match \(pattern)"]
        case ("minimum", _, .number), ("maximum", _, .number), ("minLength", _, .number), ("maxLength", _, .number), ("pattern", _, .string):
            return []      // the keyword applies to one type only; other values pass it
        default: return ["\(at): \(name) has a malformed argument"]
        }
    }

    /// A value as it appears in a message: short JSON text.
    static func shown(_ value: JSONValue) -> String {
        let text = value.rendered().replacingOccurrences(of: "\n", with: " ")
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}
