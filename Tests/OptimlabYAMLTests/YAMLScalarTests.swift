import Testing
import OptimlabYAML

/// The YAML 1.2 core schema's scalar rules, which every optimlab file is read with.
@Suite struct YAMLScalarTests {
    @Test func onlyTrueAndFalseAreBooleans() {
        for text in ["true", "True", "TRUE"] { #expect(YAMLScalar.bool(text) == true) }
        for text in ["false", "False", "FALSE"] { #expect(YAMLScalar.bool(text) == false) }
        for text in ["yes", "no", "on", "off", "y", "n", "Yes", "ON", "1", "0", "tRUE"] { #expect(YAMLScalar.bool(text) == nil) }
    }

    @Test func numbersFollowTheCoreSchema() {
        let cases: [(String, Double)] = [("0", 0), ("-3", -3), ("+7", 7), ("1e-3", 0.001), ("3e-4", 0.0003), ("2.5", 2.5),
                                         (".5", 0.5), ("1.", 1), ("-1.5E+2", -150), ("0x1f", 31), ("0o17", 15)]
        for (text, value) in cases { #expect(YAMLScalar.number(text) == value, "\(text)") }
        #expect(YAMLScalar.number(".inf") == .infinity)
        #expect(YAMLScalar.number("-.Inf") == -.infinity)
        #expect(YAMLScalar.number(".nan")?.isNaN == true)
        for text in ["1_000", "1:30", "e3", "1e", "0x", "--1", "1.2.3", "inf", "nan", "ten", "", " 1", "0b101"] {
            #expect(YAMLScalar.number(text) == nil, "\(text)")
        }
    }

    @Test func nullIsTildeNullOrNothing() {
        for text in ["", "~", "null", "Null", "NULL"] { #expect(YAMLScalar.isNull(text)) }
        #expect(!YAMLScalar.isNull("none"))
    }
}
