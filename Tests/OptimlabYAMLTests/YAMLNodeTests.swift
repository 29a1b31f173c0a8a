import Testing
import OptimlabYAML

@Suite struct YAMLNodeTests {
    func parse(_ text: String, lineOffset: Int = 0) throws -> YAMLNode {
        try #require(try YAMLDocument.parse(text, file: "f.yaml", lineOffset: lineOffset))
    }

    @Test func onlyPlainScalarsAreNumbersOrBooleans() throws {
        let root = try parse("a: 1e-3\nb: \"1e-3\"\nc: true\nd: 'true'\ne: yes\nf: |\n  2\n")
        #expect(root["a"]?.number == 0.001)
        #expect(root["b"]?.number == nil && root["b"]?.text == "1e-3")
        #expect(root["c"]?.bool == true)
        #expect(root["d"]?.bool == nil && root["d"]?.text == "true")
        #expect(root["e"]?.bool == nil && root["e"]?.text == "yes")
        #expect(root["f"]?.number == nil && root["f"]?.isBlockScalar == true && root["f"]?.textLine == 7)
    }

    @Test func wholeNumbersMayBeWrittenAsFloats() throws {
        let root = try parse("a: 1e3\nb: 3.0\nc: 2.5\nd: 0x10\ne: 1e300\n")
        #expect(root["a"]?.integer == 1000)
        #expect(root["b"]?.integer == 3)
        #expect(root["c"]?.integer == nil)
        #expect(root["d"]?.integer == 16)
        #expect(root["e"]?.integer == nil)
    }

    @Test func marksAreFileLinesAndColumns() throws {
        let root = try parse("top:\n  inner: [1, 2]\n", lineOffset: 10)
        let inner = try #require(root["top"]?["inner"])
        #expect(inner.mark == YAMLMark(line: 12, column: 10))
        #expect(inner.items?.map(\.mark) == [YAMLMark(line: 12, column: 11), YAMLMark(line: 12, column: 14)])
        #expect(root.entries?.first?.key.mark == YAMLMark(line: 11, column: 1))
    }

    @Test func mappingsKeepTheirOrder() throws {
        let root = try parse("z: 1\na: 2\nm: 3\n")
        #expect(root.entries?.compactMap(\.key.text) == ["z", "a", "m"])
    }

    @Test func typedReadsNameTheValueAndItsPosition() throws {
        let root = try parse("lr: fast\nsteps: 0\nflag: on\nhint: {note: x}\nxs: 3\n")
        #expect(throws: YAMLDiagnostic(file: "f.yaml", line: 1, column: 5, message: "lr must be a finite number")) {
            try root["lr"]?.number("lr")
        }
        #expect(throws: YAMLDiagnostic(file: "f.yaml", line: 2, column: 8, message: "steps must be between 1 and 10, got 0")) {
            try root["steps"]?.integer("steps", min: 1, max: 10)
        }
        #expect(throws: YAMLDiagnostic(file: "f.yaml", line: 2, column: 8, message: "steps must be at least 1, got 0")) {
            try root["steps"]?.integer("steps", min: 1)
        }
        #expect(throws: YAMLDiagnostic(file: "f.yaml", line: 3, column: 7, message: "flag must be true or false")) {
            try root["flag"]?.bool("flag")
        }
        #expect(throws: YAMLDiagnostic(file: "f.yaml", line: 5, column: 5, message: "xs must be a list")) {
            try root["xs"]?.list("xs")
        }
        #expect(throws: YAMLDiagnostic(file: "f.yaml", line: 4, column: 7,
                                       message: "hint must be text (a ': ' inside unquoted text starts a mapping: quote the text)")) {
            try root["hint"]?.string("hint")
        }
        #expect(throws: YAMLDiagnostic(file: "f.yaml", line: 1, column: 1, message: "the file must be a mapping of fields")) {
            try self.parse("- a\n").mapping("the file")
        }
    }

    /// A character inside a scalar is placed at its file column, counted in Unicode scalars like
    /// every other YAML column: "e" + U+0301 is one character but two columns.
    @Test func aCharacterInsideAScalarHasItsFileColumn() throws {
        let root = try parse("k: e\u{301} + x\nq: \"a + b\"\nb: |\n  a + b\ne: \"a\\tb\"\n", lineOffset: 10)
        #expect(root["k"]?.mark(ofTextColumn: 5) == YAMLMark(line: 11, column: 9))
        #expect(root["k"]?.mark(ofTextColumn: 1) == YAMLMark(line: 11, column: 4))
        #expect(root["q"]?.mark(ofTextColumn: 5) == YAMLMark(line: 12, column: 9))
        #expect(root["q"]?.mark(ofTextColumn: 6) == YAMLMark(line: 12, column: 10))
        #expect(root["q"]?.mark(ofTextColumn: 7) == nil)
        #expect(root["b"]?.mark(ofTextColumn: 1) == nil)
        #expect(root["e"]?.mark(ofTextColumn: 1) == nil)
    }
}
