import OptimlabEngine
import OptimlabTestSupport
import Testing

/// The JSON Schema validator the report schemas are checked with: each keyword it implements
/// rejects what it forbids (with the JSON Pointer of the offending value), accepts what it allows,
/// and a keyword it does not implement is reported rather than skipped.
@Suite struct JSONSchemaTests {
    static func problems(_ schema: String, _ instance: String) -> [String] {
        do { return JSONSchema(try JSONValue.parse(schema)).problems(inJSON: instance) } catch { return ["schema: \(error)"] }
    }

    @Test func typesTellIntegersNumbersAndBooleansApart() {
        #expect(Self.problems(#"{"type": "integer"}"#, "3") == [])
        #expect(Self.problems(#"{"type": "integer"}"#, "3.5") == ["/: is a number, not integer"])
        #expect(Self.problems(#"{"type": "number"}"#, "true") == ["/: is a boolean, not number"])
        #expect(Self.problems(#"{"type": ["string", "null"]}"#, "null") == [])
        #expect(Self.problems(#"{"type": ["string", "null"]}"#, "[]") == ["/: is an array, not one of string, null"])
    }

    @Test func enumAndConstCompareValues() {
        #expect(Self.problems(#"{"enum": ["a", 1, null]}"#, "null") == [])
        #expect(Self.problems(#"{"enum": ["a", 1]}"#, #""1""#) == [#"/: "1" is not one of "a", 1"#])
        #expect(Self.problems(#"{"const": false}"#, "0") == ["/: 0 is not false"])
    }

    @Test func objectsCheckRequiredDeclaredAndAdditionalMembers() {
        let schema = #"{"properties": {"a": {"type": "string"}, "b~/c": {"type": "integer"}}, "required": ["a"], "additionalProperties": false}"#
        #expect(Self.problems(schema, #"{"a": "x", "b~/c": 1}"#) == [])
        #expect(Self.problems(schema, #"{"b~/c": 1.5, "z": 0}"#).sorted()
                == ["/: has z, which the schema does not allow", "/: lacks the required a", "/b~0~1c: is a number, not integer"])
        #expect(Self.problems(#"{"additionalProperties": {"type": "string"}}"#, #"{"k": 1}"#) == ["/k: is a number, not string"])
        #expect(Self.problems(#"{"properties": {"gone": false}}"#, #"{"gone": 1}"#) == ["/gone: is not allowed here (schema false)"])
    }

    @Test func arraysCheckEveryItemAndContains() {
        #expect(Self.problems(#"{"items": {"type": "integer"}}"#, "[1, 2.5, 3]") == ["/1: is a number, not integer"])
        #expect(Self.problems(#"{"contains": {"const": 2}}"#, "[1, 2]") == [])
        #expect(Self.problems(#"{"contains": {"const": 2}}"#, "[]") == ["/: no element matches the contains schema"])
    }

    /// Lengths count code points: one emoji is one, a combining sequence two.
    @Test func boundsOnNumbersAndStrings() {
        #expect(Self.problems(#"{"minimum": 0, "maximum": 1}"#, "-1") == ["/: -1 is below the minimum 0"])
        #expect(Self.problems(#"{"minimum": 0, "maximum": 1}"#, "1.5") == ["/: 1.5 is above the maximum 1"])
        #expect(Self.problems(#"{"maxLength": 1}"#, #""😀""#) == [])
        #expect(Self.problems(#"{"maxLength": 1}"#, "\"e\u{301}\"") == ["/: is 2 characters, more than 1"])
        #expect(Self.problems(#"{"minLength": 1}"#, #""""#) == ["/: is 0 characters, fewer than 1"])
        #expect(Self.problems(#"{"pattern": "^[0-9]+$"}"#, #""12a""#) == [#"/: "12a" does not match ^[0-9]+$"#])
        #expect(Self.problems(#"{"maxLength": 1, "minimum": 5}"#, "[]") == [], "bounds apply to their own type only")
    }

    @Test func combinationsCountTheMatchingBranches() {
        #expect(Self.problems(#"{"anyOf": [{"type": "string"}, {"type": "null"}]}"#, "1") == ["/: matches none of anyOf (/: is a number, not string | /: is a number, not null)"])
        #expect(Self.problems(#"{"oneOf": [{"type": "number"}, {"type": "integer"}]}"#, "1") == ["/: matches 2 of oneOf, not exactly one"])
        #expect(Self.problems(#"{"oneOf": [{"type": "number"}, {"type": "integer"}]}"#, "1.5") == [])
        #expect(Self.problems(#"{"allOf": [{"type": "number"}, {"minimum": 2}]}"#, "1") == ["/: 1 is below the minimum 2"])
        #expect(Self.problems(#"{"not": {"type": "null"}}"#, "null") == ["/: matches the schema under not"])
    }

    @Test func ifChoosesThenOrElse() {
        let schema = #"{"if": {"properties": {"k": {"const": 1}}}, "then": {"required": ["a"]}, "else": {"required": ["b"]}}"#
        #expect(Self.problems(schema, #"{"k": 1}"#) == ["/: lacks the required a"])
        #expect(Self.problems(schema, #"{"k": 2}"#) == ["/: lacks the required b"])
        #expect(Self.problems(schema, #"{"k": 1, "a": 0}"#) == [])
    }

    @Test func refsResolveWithinTheDocument() {
        let schema = ##"{"$defs": {"n": {"type": "integer"}, "list": {"items": {"$ref": "#/$defs/n"}}}, "$ref": "#/$defs/list"}"##
        #expect(Self.problems(schema, "[1, \"x\"]") == ["/1: is a string, not integer"])
        #expect(Self.problems(##"{"$ref": "#/$defs/none"}"##, "1") == [##"/: $ref "#/$defs/none" does not resolve"##])
        #expect(Self.problems(##"{"properties": {"next": {"$ref": "#"}}, "required": ["v"]}"##, #"{"v": 1, "next": {}}"#) == ["/next: lacks the required v"])
    }

    @Test func unknownKeywordsAndBadJSONAreProblems() {
        #expect(Self.problems(#"{"$comment": "x", "title": "t", "uniqueItems": true}"#, "[]")
                == ["/: the schema uses uniqueItems, which this validator does not implement"])
        #expect(Self.problems("true", "{") .first?.hasPrefix("/: not JSON: ") == true)
        #expect(Self.problems("false", "1") == ["/: is not allowed here (schema false)"])
    }
}
