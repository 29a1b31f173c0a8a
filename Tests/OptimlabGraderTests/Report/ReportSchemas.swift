import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The published shapes the machine-readable reports must have, as checks (each returns the
/// problems found; none means valid). JUnit: the Ant/Jenkins `junit-10.xsd` itself
/// (`Fixtures/Schemas/junit-10.xsd`, validated by libxml2), plus what the schema cannot say: the
/// counts CI reads, unique testcase names, and XML 1.0's Char production. Gradescope: the
/// autograder `results.json` specification. Exercism: the test runner interface's `results.json`,
/// versions 2 and 3.
enum ReportSchemas {
    // MARK: JUnit (junit-10.xsd)

    static let junitSchemaPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Schemas/junit-10.xsd").path

    /// The vendored junit-10.xsd (read once; a missing file is a validator that reports it).
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

    // MARK: JSON

    static func object(_ json: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
    }

    /// A JSON number (not a boolean, which JSONSerialization returns as Bool).
    static func isNumber(_ v: Any?) -> Bool {
        guard let v else { return false }
        return "\(type(of: v))" != "Bool" && (v is Int || v is Double || v is NSNumber)
    }

    /// Gradescope's autograder results.json specification.
    static func gradescopeProblems(_ json: String) -> [String] {
        guard let top = object(json) else { return ["not a JSON object"] }
        var problems: [String] = []
        let allowed: Set = ["score", "execution_time", "output", "output_format", "test_output_format", "test_name_format",
                            "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"]
        let visibilities: Set = ["hidden", "after_due_date", "after_published", "visible"]
        for key in Set(top.keys).subtracting(allowed) { problems.append("unknown top-level key \(key)") }
        if !isNumber(top["score"]) { problems.append("score is not a number") }
        if let t = top["execution_time"], !isNumber(t) { problems.append("execution_time is not a number") }
        if let o = top["output"], !(o is String) { problems.append("output is not a string") }
        for key in ["visibility", "stdout_visibility"] {
            if let v = top[key] { if !(v is String && visibilities.contains(v as! String)) { problems.append("\(key) \(v) is not one of \(visibilities.sorted())") } }
        }
        guard let tests = top["tests"] as? [[String: Any]] else { return problems + ["tests is not an array of objects"] }
        let testKeys: Set = ["score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags", "visibility", "extra_data"]
        for (i, t) in tests.enumerated() {
            for key in Set(t.keys).subtracting(testKeys) { problems.append("test \(i): unknown key \(key)") }
            if !(t["name"] is String) { problems.append("test \(i): name is not a string") }
            if let s = t["score"], !isNumber(s) { problems.append("test \(i): score is not a number") }
            if let s = t["max_score"], !isNumber(s) { problems.append("test \(i): max_score is not a number") }
            if let s = t["status"] as? String, !["passed", "failed"].contains(s) { problems.append("test \(i): status \(s)") }
            if t["status"] == nil { problems.append("test \(i): no status") }
            if let v = t["visibility"] as? String, !visibilities.contains(v) { problems.append("test \(i): visibility \(v)") }
            if let o = t["output"], !(o is String) { problems.append("test \(i): output is not a string") }
        }
        return problems
    }

    /// Exercism's test-runner interface, results.json versions 2 and 3.
    static func exercismProblems(_ json: String) -> [String] {
        guard let top = object(json) else { return ["not a JSON object"] }
        var problems: [String] = []
        for key in Set(top.keys).subtracting(["version", "status", "message", "tests"]) { problems.append("unknown top-level key \(key)") }
        guard let version = top["version"] as? Int, [2, 3].contains(version) else { return problems + ["version is not 2 or 3"] }
        guard let status = top["status"] as? String, ["pass", "fail", "error"].contains(status) else { return problems + ["status is not pass, fail or error"] }
        let message = top["message"]
        if status == "error" {
            if let m = message as? String { if m.isEmpty || m.count > 65_535 { problems.append("message is empty or longer than 65535") } }
            else { problems.append("status error needs a message") }
        } else if let m = message, !(m is NSNull) {
            problems.append("message must be null or absent unless status is error")
        }
        guard let tests = top["tests"] as? [[String: Any]] else {
            return status == "error" && top["tests"] == nil ? problems : problems + ["tests is not an array of objects"]
        }
        var statuses: [String] = []
        for (i, t) in tests.enumerated() {
            for key in Set(t.keys).subtracting(["name", "status", "message", "output", "test_code", "task_id"]) { problems.append("test \(i): unknown key \(key)") }
            if !(t["name"] is String) { problems.append("test \(i): name is not a string") }
            guard let s = t["status"] as? String, ["pass", "fail", "error"].contains(s) else { problems.append("test \(i): status"); continue }
            statuses.append(s)
            if !(t["test_code"] is String) { problems.append("test \(i): test_code is required (version 2 and 3) and must be a string") }
            if s != "pass", !(t["message"] is String) { problems.append("test \(i): a \(s) test needs a message") }
            if let o = t["output"] { if !(o is String) || (o as! String).count > 500 { problems.append("test \(i): output is not a string of at most 500 characters") } }
            if let id = t["task_id"], !(id is Int) { problems.append("test \(i): task_id is not an integer") }
        }
        if status == "pass", !statuses.allSatisfy({ $0 == "pass" }) { problems.append("status pass with a test that did not pass") }
        if status == "fail", statuses.allSatisfy({ $0 == "pass" }) { problems.append("status fail with every test passing") }
        return problems
    }
}
