import Foundation
import Testing
import XchangeCore
import XchangeFormats

/// Every bad input gets an error that says what and where, and leaves no output behind.
struct BadInputTests {
    /// Converts and returns every diagnostic (collected and thrown), checking that the
    /// conversion failed and the directory holds nothing new.
    func failures(
        _ input: String, to output: String = "out.json", in directory: TemporaryDirectory, from: String? = nil
    ) throws -> [Diagnostic] {
        let before = try directory.listing()
        let collected = DiagnosticList()
        var thrown: Diagnostic?
        do {
            try Converter().convert(
                ConversionRequest(input: input, output: directory.path(output), from: from), diagnostics: collected)
        } catch let diagnostic as Diagnostic {
            thrown = diagnostic
        }
        #expect(thrown != nil, "the conversion of \(input) did not fail")
        #expect(try directory.listing() == before, "output left behind")
        return collected.diagnostics + (thrown.map { [$0] } ?? [])
    }

    @Test func malformedJSONNamesLineAndColumn() throws {
        let directory = try TemporaryDirectory()
        let input = try directory.write("bad.json", "{\n  \"meta\": {\n    \"report_year\": 2021,\n  }\n}\n")
        let error = try #require(try failures(input, in: directory).first)
        #expect(error.code == "json.syntax")
        #expect(error.location?.file == input)
        #expect(error.location?.line == 4 && error.location?.column == 3)
    }

    @Test func malformedYAMLNamesLineAndColumn() throws {
        let directory = try TemporaryDirectory()
        let input = try directory.write("bad.yaml", "meta:\n  report_year: 2021\n agency_name: x\n")
        let error = try #require(try failures(input, in: directory).first)
        #expect(error.code == "yaml.syntax")
        #expect(error.location?.line == 3)
        #expect(error.location?.column != nil)
    }

    @Test func unknownKeyNamesThePathAndTheNearestKey() throws {
        let directory = try TemporaryDirectory()
        let input = try directory.write(
            "k.yaml", "meta:\n  report_year: 2021\napplications:\n  new_recieved:\n    total: 3\n")
        let error = try #require(try failures(input, in: directory).first)
        #expect(error.code == "key.unknown")
        #expect(error.field == "applications.new_recieved")
        #expect(error.message.contains("did you mean applications.new_received"))
        #expect(error.location?.line == 4 && error.location?.column == 3)
    }

    @Test(arguments: [
        ("\"abc\"", "found the string \"abc\""), ("-1", "cannot be negative"), ("1.5", "not a whole number"),
        ("true", "found true"),
    ])
    func wrongTypeForACountIsRefused(_ value: String, _ expected: String) throws {
        let directory = try TemporaryDirectory()
        let input = try directory.write("t.json", "{\"applications\": {\"new_received\": {\"total\": \(value)}}}")
        let error = try #require(try failures(input, in: directory).first)
        #expect(error.code == "value.type")
        #expect(error.field == "applications.new_received.total")
        #expect(error.message.contains("expected a count"))
        #expect(error.message.contains(expected), "\(error.message)")
    }

    @Test(arguments: ["empty.json", "empty.yaml", "empty.jsonl"])
    func emptyFileIsRefused(_ name: String) throws {
        let directory = try TemporaryDirectory()
        let input = try directory.write(name, "")
        let errors = try failures(input, in: directory)
        #expect(errors.contains { $0.message.contains("empty input") || $0.message.contains("holds no report") })
    }

    @Test(arguments: ["binary.json", "binary.yaml"])
    func binaryFileIsRefused(_ name: String) throws {
        let directory = try TemporaryDirectory()
        var bytes = [UInt8](repeating: 0, count: 512)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for index in bytes.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes[index] = UInt8(truncatingIfNeeded: state >> 33)
        }
        bytes[0] = 0x92
        let input = try directory.write(name, Data(bytes))
        let error = try #require(try failures(input, in: directory).first)
        #expect(error.code.hasSuffix(".syntax"))
    }

    @Test func yamlAliasBombIsRefusedQuickly() throws {
        let directory = try TemporaryDirectory()
        var text = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        let names = Array("abcdefghij")
        for index in 1..<names.count {
            let alias = "*\(names[index - 1])"
            text += "\(names[index]): &\(names[index]) [\(Array(repeating: alias, count: 9).joined(separator: ", "))]\n"
        }
        let input = try directory.write("bomb.yaml", text)
        let start = ContinuousClock.now
        let error = try #require(try failures(input, in: directory).first)
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(error.message.contains("alias expansion"))
        #expect(error.location?.line != nil)
    }

    @Test func unknownExtensionListsTheKnownFormats() throws {
        let directory = try TemporaryDirectory()
        let input = try directory.write("r.xls", "x")
        let error = try #require(try failures(input, in: directory).first)
        #expect(error.code == "format.unknown-extension")
        #expect(error.message.contains("json") && error.message.contains("yaml"))
    }

    @Test func unknownFormatIdListsTheKnownFormats() throws {
        let directory = try TemporaryDirectory()
        let input = try directory.write("r.json", "{}")
        let error = try #require(try failures(input, in: directory, from: "xml").first)
        #expect(error.code == "format.unknown")
        #expect(error.message.contains("json") && error.message.contains("yaml"))
    }

    @Test func missingInputIsNamed() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(try failures(directory.path("nothere.json"), in: directory).first)
        #expect(error.code == "input.missing")
        #expect(error.message.contains("nothere.json"))
    }

    @Test func unwritableOutputIsNamedAndNothingIsLeft() throws {
        let directory = try TemporaryDirectory()
        try directory.write("plain-file", "x")
        let error = try #require(
            try failures(ProjectFiles.path("samples/report-2021.json"), to: "plain-file/out.json", in: directory).first)
        #expect(error.code.hasPrefix("output."))
        #expect(error.message.contains("plain-file/out.json"))
    }

    @Test func failedConversionNeverTouchesAnExistingOutput() throws {
        let directory = try TemporaryDirectory()
        try directory.write("out.yaml", "precious: true\n")
        let input = try directory.write("bad.json", "{\"meta\": {\"report_year\": \"x\"}}")
        _ = try failures(input, to: "out.yaml", in: directory)
        #expect(try directory.read("out.yaml") == "precious: true\n")
    }

    @Test func convertingAFileOntoItselfIsRefused() throws {
        let directory = try TemporaryDirectory()
        let original = try String(contentsOfFile: ProjectFiles.path("samples/report-2021.json"), encoding: .utf8)
        try directory.write("same.json", original)
        let error = try #require(try failures(directory.path("same.json"), to: "./same.json", in: directory).first)
        #expect(error.code == "output.is-input")
        #expect(try directory.read("same.json") == original)
    }

    @Test func laterBadReportInAStreamLeavesNoOutput() throws {
        let directory = try TemporaryDirectory()
        let input = try directory.write(
            "s.jsonl",
            "{\"meta\": {\"report_year\": 2021}}\n{\"meta\": {\"report_year\": 2022}}\n{\"meta\": {\"report_year\": -3}}\n"
        )
        let errors = try failures(input, to: "out.yaml", in: directory)
        #expect(errors.contains { $0.code == "input.invalid" && $0.message.contains("report 3") })
    }
}
