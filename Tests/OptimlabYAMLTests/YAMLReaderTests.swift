import Testing
import OptimlabYAML

@Suite struct YAMLReaderTests {
    @Test func diagnosticsPrintFileLineAndColumn() {
        #expect(YAMLDiagnostic(file: "a.md", line: 3, column: 7, message: "m").description == "a.md:3:7: m")
        #expect(YAMLDiagnostic(file: "a.md", line: 3, message: "m").description == "a.md:3: m")
        #expect(YAMLDiagnostic(file: "a.md", line: 0, message: "m").description == "a.md: m")
    }

    @Test func syntaxErrorsAndDuplicateKeysHaveTheirPosition() {
        var r = YAMLReader(file: "x.yaml")
        let bad = r.parse("id: ex\ntitle: [unclosed\n", lineOffset: 4)
        #expect(bad == nil)
        #expect(r.diagnostics.map(\.description) == ["x.yaml:7:1: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence)"])
        var d = YAMLReader(file: "x.yaml")
        let duplicated = d.parse("id: a\nid: b\n")
        #expect(duplicated == nil)
        #expect(d.diagnostics.map(\.message) == ["duplicate key 'id'"])
    }

    @Test func oneReadRecordsEveryProblem() throws {
        var r = YAMLReader(file: "x.yaml")
        let parsed = r.parse("a: 1\nb: x\nc: 2.5\nbogus: 1\nd: [1, x]\n")
        let root = try #require(parsed)
        let mapped = r.mapping(root, "the file", allowed: ["a", "b", "c", "d"])
        let entries = try #require(mapped)
        #expect(entries.map(\.key) == ["a", "b", "c", "d"])
        #expect(r.integer(entries[0].value, "a") == 1)
        #expect(r.number(entries[1].value, "b") == nil)
        #expect(r.integer(entries[2].value, "c") == nil)
        #expect(r.strings(entries[3].value, "d") == ["1", "x"])
        #expect(r.diagnostics.map(\.description) == [
            "x.yaml:4:1: unknown field 'bogus' in the file (fields: a, b, c, d)",
            "x.yaml:2:4: b must be a finite number",
            "x.yaml:3:4: c must be a whole number",
        ])
    }
}
