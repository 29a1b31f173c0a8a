import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import OptimlabEngine
import OptimlabTestSupport

/// The published shapes the machine-readable reports must have, as checks (each returns the
/// problems found; none means valid). JUnit: the rules of the Ant/Jenkins `junit-10.xsd`
/// (written as `Fixtures/Schemas/junit-10.xsd`, validated by libxml2), plus what the schema cannot say: the
/// counts CI reads, unique testcase names, and XML 1.0's Char production. The JSON formats: the
/// JSON Schemas in `docs/schemas/` (`optimlab-grade-1`; Gradescope's autograder `results.json`;
/// Exercism's test runner `results.json`, versions 2 and 3), validated by ``JSONSchema``.
enum ReportSchemas {
    // MARK: JUnit (junit-10.xsd)

    static let junitSchemaPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Schemas/junit-10.xsd").path

    /// The junit-10.xsd rules (read once; a missing file is a validator that reports it).
    static let junitSchema: XSDValidator = (try? XSDValidator(contentsOfFile: junitSchemaPath)) ?? XSDValidator(schema: "")

    /// `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`
    static func isXMLChar(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Checks `xml` is made of XML 1.0 characters, is valid against junit-10.xsd (libxml2's
    /// messages), and holds its own counts.
    static func junitProblems(_ xml: String) -> [String] {
        // XML 1.0's Char production, checked first and by itself: strict CI parsers refuse U+FFFF.
        if let bad = xml.unicodeScalars.first(where: { !isXMLChar($0) }) {
            return ["not well-formed XML: U+\(String(bad.value, radix: 16, uppercase: true)) is not an XML 1.0 character"]
        }
        let invalid = junitSchema.problems(in: xml)
        return invalid.isEmpty ? junitCountProblems(xml) : invalid
    }

    /// What CI reads and the schema leaves free: the root is `<testsuites>`; each suite's `tests`,
    /// `failures` and `errors` are its testcase, `<failure>` and `<error>` counts; no two
    /// testcases share a classname and name.
    static func junitCountProblems(_ xml: String) -> [String] {
        let document: XMLDocument
        do { document = try XMLDocument(xmlString: xml, options: []) } catch { return ["not well-formed XML: \(error)"] }
        guard let root = document.rootElement(), root.name == "testsuites" else { return ["the root is not <testsuites>"] }
        var problems: [String] = []
        var names = Set<String>()
        for suite in root.elements(forName: "testsuite") {
            let cases = suite.elements(forName: "testcase")
            let failures = cases.reduce(0) { $0 + $1.elements(forName: "failure").count }
            let errors = cases.reduce(0) { $0 + $1.elements(forName: "error").count }
            let suiteName = suite.attribute(forName: "name")?.stringValue ?? "?"
            if suite.attribute(forName: "tests")?.stringValue != "\(cases.count)" { problems.append("\(suiteName): tests is not the testcase count \(cases.count)") }
            if suite.attribute(forName: "failures")?.stringValue != "\(failures)" { problems.append("\(suiteName): failures is not \(failures)") }
            if suite.attribute(forName: "errors")?.stringValue != "\(errors)" { problems.append("\(suiteName): errors is not \(errors)") }
            for c in cases {
                let name = (c.attribute(forName: "classname")?.stringValue ?? "") + "/" + (c.attribute(forName: "name")?.stringValue ?? "")
                if !names.insert(name).inserted { problems.append("duplicate testcase \(name)") }
            }
        }
        return problems
    }

    // MARK: JSON (docs/schemas)

    /// The package's `docs/schemas`, where the published JSON schemas are: the tests read them there,
    /// so the published and the tested schema are one file.
    static let schemaDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/schemas").path

    /// The problems of `json` against the schema file `name` (a schema that does not load is one).
    static func problems(_ json: String, against name: String) -> [String] {
        do { return try JSONSchema(contentsOfFile: "\(schemaDirectory)/\(name)").problems(inJSON: json) }
        catch { return ["\(name) does not load: \(error)"] }
    }

    /// `optimlab-grade-1`: `docs/schemas/optimlab-grade-1.schema.json`.
    static func optimlabProblems(_ json: String) -> [String] { problems(json, against: "optimlab-grade-1.schema.json") }

    /// Gradescope's autograder results.json specification, and our profile of it: every test has a
    /// name and a status (the specification leaves both optional).
    static func gradescopeProblems(_ json: String) -> [String] {
        let invalid = problems(json, against: "gradescope-results.schema.json")
        guard invalid.isEmpty, case .array(let tests)? = (try? JSONValue.parse(json))?["tests"] else { return invalid }
        return tests.enumerated().flatMap { i, test in
            [test["name"] == nil ? "test \(i): no name" : nil, test["status"] == nil ? "test \(i): no status" : nil].compactMap { $0 }
        }
    }

    /// Exercism's test-runner interface, results.json versions 2 and 3 (its cross-field rules, such
    /// as status pass only when every test passed, are in the schema).
    static func exercismProblems(_ json: String) -> [String] { problems(json, against: "exercism-results.schema.json") }

    /// `json` as Foundation reads it, for the tests that look inside a report.
    static func object(_ json: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
    }
}
