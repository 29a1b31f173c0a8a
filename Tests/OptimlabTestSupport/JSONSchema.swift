import Foundation
import OptimlabEngine

/// A JSON Schema (draft 2020-12) validator for the subset of keywords the project's schemas use
/// (`docs/schemas/*.schema.json`): `type`, `enum`, `const`; `properties`, `required`,
/// `additionalProperties`; `items`, `contains`; `minimum`, `maximum`; `minLength`, `maxLength`
/// (in Unicode code points, as the draft counts), `pattern`; `allOf`, `anyOf`, `oneOf`, `not`;
/// `if`/`then`/`else`; `$ref` to `#` or a JSON Pointer into the same document (`#/$defs/name`);
/// `true` and `false` as schemas. `$schema`, `$id`, `$comment`, `$defs`, `title` and
/// `description` are annotations. Any other keyword is reported as a problem, never skipped, so a
/// schema cannot check less than it reads as checking.
///
/// `problems(in:)` returns one line per violation, `<JSON Pointer>: <what>` (`/` is the document),
/// or nothing when the instance is valid.
public struct JSONSchema: Sendable {
    public let root: JSONValue

    static let annotations: Set = ["$schema", "$id", "$comment", "$defs", "title", "description"]

    public init(_ root: JSONValue) { self.root = root }

    /// The schema in the JSON file at `path`.
    public init(contentsOfFile path: String) throws {
        self.init(try JSONValue.parse(String(contentsOfFile: path, encoding: .utf8)))
    }

    /// The problems of the JSON text `json` (a syntax error is one problem).
    public func problems(inJSON json: String) -> [String] {
        do { return problems(in: try JSONValue.parse(json)) } catch { return ["/: not JSON: \(error)"] }
    }

    public func problems(in instance: JSONValue) -> [String] { validate(instance, root, at: "") }

    func validate(_ value: JSONValue, _ schema: JSONValue, at path: String) -> [String] {
        switch schema {
        case .bool(true): return []
        case .bool(false): return ["\(Self.show(path)): is not allowed here (schema false)"]
        case .object(let keywords):
            return keywords.flatMap { keyword(value, $0.key, $0.value, in: schema, at: path) }
        default: return ["\(Self.show(path)): the schema is \(schema.typeName), not an object or a boolean"]
        }
    }

    /// One keyword of `schema` applied to `value` (`if`'s branches are read from `schema`).
    func keyword(_ value: JSONValue, _ name: String, _ argument: JSONValue, in schema: JSONValue, at path: String) -> [String] {
        if Self.annotations.contains(name) || name == "then" || name == "else" { return [] }
        switch name {
        case "type", "enum", "const": return JSONSchemaKeywords.value(value, name, argument, at: path)
        case "properties", "required", "additionalProperties": return object(value, name, argument, in: schema, at: path)
        case "items", "contains": return array(value, name, argument, at: path)
        case "minimum", "maximum", "minLength", "maxLength", "pattern": return JSONSchemaKeywords.bound(value, name, argument, at: path)
        case "allOf", "anyOf", "oneOf", "not": return combination(value, name, argument, at: path)
        case "if": return conditional(value, argument, in: schema, at: path)
        case "$ref": return reference(value, argument, at: path)
        default: return ["\(Self.show(path)): the schema uses \(name), which this validator does not implement"]
        }
    }

    func object(_ value: JSONValue, _ name: String, _ argument: JSONValue, in schema: JSONValue, at path: String) -> [String] {
        guard case .object(let members) = value else { return [] }
        switch (name, argument) {
        case ("properties", .object(let properties)):
            return properties.flatMap { p in value[p.key].map { validate($0, p.value, at: path + "/" + Self.escape(p.key)) } ?? [] }
        case ("required", .array(let keys)):
            return keys.compactMap { key in
                guard case .string(let k) = key else { return "\(Self.show(path)): a required entry is not a string" }
                return value[k] == nil ? "\(Self.show(path)): lacks the required \(k)" : nil
            }
        case ("additionalProperties", _):
            let declared = Set(schema["properties"].map(Self.keys) ?? [])
            return members.filter { !declared.contains($0.key) }.flatMap { member -> [String] in
                if argument == .bool(false) { return ["\(Self.show(path)): has \(member.key), which the schema does not allow"] }
                return validate(member.value, argument, at: path + "/" + Self.escape(member.key))
            }
        default: return ["\(Self.show(path)): \(name) has a malformed argument"]
        }
    }

    func array(_ value: JSONValue, _ name: String, _ argument: JSONValue, at path: String) -> [String] {
        guard case .array(let elements) = value else { return [] }
        if name == "items" { return elements.enumerated().flatMap { validate($0.element, argument, at: "\(path)/\($0.offset)") } }
        let matching = elements.enumerated().filter { validate($0.element, argument, at: "\(path)/\($0.offset)").isEmpty }
        return matching.isEmpty ? ["\(Self.show(path)): no element matches the contains schema"] : []
    }

    func combination(_ value: JSONValue, _ name: String, _ argument: JSONValue, at path: String) -> [String] {
        if name == "not" { return validate(value, argument, at: path).isEmpty ? ["\(Self.show(path)): matches the schema under not"] : [] }
        guard case .array(let schemas) = argument else { return ["\(Self.show(path)): \(name) is not an array"] }
        let results = schemas.map { validate(value, $0, at: path) }
        let passing = results.filter(\.isEmpty).count
        let why = results.filter { !$0.isEmpty }.map { $0.joined(separator: "; ") }.joined(separator: " | ")
        switch name {
        case "allOf": return results.flatMap { $0 }
        case "anyOf": return passing > 0 ? [] : ["\(Self.show(path)): matches none of anyOf (\(why))"]
        default: return passing == 1 ? [] : ["\(Self.show(path)): matches \(passing) of oneOf, not exactly one\(passing == 0 ? " (\(why))" : "")"]
        }
    }

    func conditional(_ value: JSONValue, _ condition: JSONValue, in schema: JSONValue, at path: String) -> [String] {
        let branch = validate(value, condition, at: path).isEmpty ? schema["then"] : schema["else"]
        return branch.map { validate(value, $0, at: path) } ?? []
    }

    func reference(_ value: JSONValue, _ argument: JSONValue, at path: String) -> [String] {
        guard case .string(let ref) = argument, let target = resolve(ref) else { return ["\(Self.show(path)): $ref \(JSONSchemaKeywords.shown(argument)) does not resolve"] }
        return validate(value, target, at: path)
    }

    /// `#` or `#/a/b` (JSON Pointer, `~1` for `/`, `~0` for `~`) within this document.
    func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#") else { return nil }
        let tokens = ref.dropFirst().split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        return tokens.reduce(Optional(root)) { node, token in
            node?[token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")]
        }
    }

    static func keys(_ object: JSONValue) -> [String] {
        if case .object(let members) = object { return members.map(\.key) }
        return []
    }

    static func escape(_ key: String) -> String { key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }

    static func show(_ path: String) -> String { path.isEmpty ? "/" : path }
}
