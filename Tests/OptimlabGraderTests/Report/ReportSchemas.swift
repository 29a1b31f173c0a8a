import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The published shapes the machine-readable reports must have, written as checks (each returns the
/// problems found; none means valid). JUnit: the Ant/Jenkins `junit-10.xsd` (which elements may
/// hold which, the attributes each takes and requires, the `SUREFIRE_TIME` pattern), plus the
/// counts CI reads. Gradescope: the autograder `results.json` specification. Exercism: the test
/// runner interface's `results.json`, versions 2 and 3.
enum ReportSchemas {
    // MARK: JUnit (junit-10.xsd)

    struct ElementRule {
        var attributes: Set<String>
        var required: Set<String>
        var children: Set<String>
        var text: Bool
    }

    static let junit: [String: ElementRule] = {
        let result = ElementRule(attributes: ["type", "message"], required: [], children: [], text: true)
        let rerun = ElementRule(attributes: ["type", "message"], required: ["type"], children: ["stackTrace", "system-out", "system-err"], text: true)
        let textOnly = ElementRule(attributes: [], required: [], children: [], text: true)
        return [
            "testsuites": ElementRule(attributes: ["name", "time", "tests", "failures", "errors"], required: [], children: ["testsuite"], text: false),
            "testsuite": ElementRule(attributes: ["name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname",
                                                  "id", "package", "file", "log", "url"],
                                     required: ["name", "tests", "failures", "errors"],
                                     children: ["testsuite", "properties", "testcase", "system-out", "system-err"], text: false),
            "properties": ElementRule(attributes: [], required: [], children: ["property"], text: false),
            "property": ElementRule(attributes: ["name", "value"], required: ["name", "value"], children: [], text: false),
            "testcase": ElementRule(attributes: ["name", "time", "classname", "group"], required: ["name"],
                                    children: ["skipped", "error", "failure", "rerunFailure", "rerunError", "flakyFailure", "flakyError",
                                               "system-out", "system-err"], text: false),
            "failure": result, "error": result, "skipped": result,
            "rerunFailure": rerun, "rerunError": rerun, "flakyFailure": rerun, "flakyError": rerun,
            "system-out": textOnly, "system-err": textOnly, "stackTrace": textOnly,
        ]
    }()

    /// `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`
    static func isXMLChar(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `SUREFIRE_TIME`: `(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?`, i.e. digits (with optional
    /// thousands commas) and an optional fraction.
    static func isSurefireTime(_ s: String) -> Bool {
        s.range(of: #"^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$"#, options: .regularExpression) != nil
    }

    /// Parses `xml` (Foundation's XMLDocument: malformed XML, such as a U+FFFF, is an error) and
    /// checks it against junit-10.xsd and its own counts.
    static func junitProblems(_ xml: String) -> [String] {
        // XML 1.0's Char production: Foundation's parser on Linux lets U+FFFF through, strict CI parsers do not.
        if let bad = xml.unicodeScalars.first(where: { !isXMLChar($0) }) {
            return ["not well-formed XML: U+\(String(bad.value, radix: 16, uppercase: true)) is not an XML 1.0 character"]
        }
        let parser = XMLParser(data: Data(xml.utf8))
        guard parser.parse() else { return ["not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")"] }
        let document: XMLDocument
        do { document = try XMLDocument(xmlString: xml, options: []) } catch { return ["not well-formed XML: \(error)"] }
        guard let root = document.rootElement(), root.name == "testsuites" else { return ["the root is not <testsuites>"] }
        var problems: [String] = []
        check(root, &problems)
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

    static func check(_ element: XMLElement, _ problems: inout [String]) {
        let name = element.name ?? "?"
        guard let rule = junit[name] else { problems.append("<\(name)> is not in junit-10.xsd"); return }
        let attributes = Set((element.attributes ?? []).compactMap(\.name))
        for extra in attributes.subtracting(rule.attributes) { problems.append("<\(name)> has attribute \(extra), which the schema does not allow") }
        for missing in rule.required.subtracting(attributes) { problems.append("<\(name)> lacks the required attribute \(missing)") }
        if ["testsuites", "testsuite"].contains(name), let time = element.attribute(forName: "time")?.stringValue, !isSurefireTime(time) {
            problems.append("<\(name)> time \(time) is not a SUREFIRE_TIME")
        }
        for child in element.children ?? [] {
            switch child.kind {
            case .element:
                let childName = child.name ?? "?"
                if !rule.children.contains(childName) { problems.append("<\(name)> may not hold <\(childName)>") }
                if let e = child as? XMLElement { check(e, &problems) }
            case .text:
                if !rule.text, !(child.stringValue ?? "").allSatisfy(\.isWhitespace) { problems.append("<\(name)> may not hold text") }
            default: break
            }
        }
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
