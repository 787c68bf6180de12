import Testing
import XchangeYAML

@Suite("Core schema resolution")
struct ScalarKindTests {
    private func kind(_ text: String, style: YAMLScalarStyle = .plain, tag: String? = nil) -> YAMLScalarKind {
        YAMLScalar(value: text, style: style, tag: tag, mark: YAMLMark(line: 1, column: 1)).kind
    }

    @Test(arguments: ["", "~", "null", "Null", "NULL"])
    func nulls(_ text: String) { #expect(kind(text) == .null) }

    @Test(arguments: ["true", "True", "TRUE", "false", "False", "FALSE"])
    func bools(_ text: String) { #expect(kind(text) == .bool) }

    @Test(arguments: ["0", "12", "-3", "+7", "0o17", "0x1F", "0xff", "007"])
    func ints(_ text: String) { #expect(kind(text) == .int) }

    @Test(arguments: ["1.5", "-0.5", "1.", ".5", "1e3", "1.5E-3", "+2e+2", ".inf", "-.Inf", ".NaN"])
    func floats(_ text: String) { #expect(kind(text) == .float) }

    @Test(arguments: [
        "yes", "no", "on", "1_000", "1:30", "0b101", "0x", "0o8", ".", "+", "1e", "1.2.3", "2021-01-01", "十二", "nul",
    ])
    func strings(_ text: String) { #expect(kind(text) == .string) }

    @Test func quotingAndTagsDecide() {
        #expect(kind("12", style: .doubleQuoted) == .string)
        #expect(kind("12", style: .singleQuoted) == .string)
        #expect(kind("12", tag: "tag:yaml.org,2002:str") == .string)
        #expect(kind("12", style: .doubleQuoted, tag: "tag:yaml.org,2002:int") == .int)
        #expect(kind("x", tag: "!custom") == .string)
    }
}
