import Foundation
import Testing
import XchangeCore

@testable import XchangePipeline

/// Broken pipeline files are refused naming the line, the column and the nearest valid name.
struct PipelineLoaderTests {
    let folder = PipelineFolder()

    init() throws {
        try folder.write("in.jsonl", reports: Generated.reports(3))
    }

    /// Writes `p.yaml` with the given body under a valid source and sink, and loads it.
    func error(_ yaml: String, variables: [String: String] = [:]) -> Diagnostic? {
        folder.write("p.yaml", yaml)
        return folder.loadError(variables: variables)
    }

    static let base = """
        version: 1
        sources:
          - path: in.jsonl
        sinks:
          - path: out/all.json

        """

    @Test func misspeltTopLevelKeySuggestsTheKnownOne() throws {
        let found = try #require(error("version: 1\nsources:\n  - path: in.jsonl\nsinkz:\n  - path: out.json\n"))
        #expect(found.code == "pipeline.unknown-key")
        #expect(found.location?.line == 4 && found.location?.column == 1)
        #expect(found.message.contains("did you mean sinks?"))
    }

    @Test func unknownStepSuggestsTheNearest() throws {
        let found = try #require(error(Self.base + "steps:\n  - validate: {}\n  - sortt: {by: meta.agency_name}\n"))
        #expect(found.code == "pipeline.unknown-step")
        #expect(found.location?.line == 8 && found.location?.column == 5)
        #expect(found.message.contains("did you mean sort?"))
    }

    @Test func unknownStepOptionAndBadChoiceNameTheirPlace() throws {
        let option = try #require(error(Self.base + "steps:\n  - dedupe: {by: meta.agency_uscc, keeep: last}\n"))
        #expect(option.code == "pipeline.unknown-key")
        #expect(option.location?.line == 7)
        #expect(option.message.contains("did you mean keep?"))
        let choice = try #require(
            error(Self.base + "steps:\n  - dedupe:\n      by: meta.agency_uscc\n      keep: lats\n"))
        #expect(choice.code == "pipeline.value")
        #expect(choice.location?.line == 9 && choice.location?.column == 13)
        #expect(choice.message.contains("did you mean last?"))
    }

    @Test func unknownFieldKeysSuggestTheNearest() throws {
        let set = try #require(error(Self.base + "steps:\n  - set: {meta.agency_nme: 某局}\n"))
        #expect(set.code == "pipeline.unknown-field")
        #expect(set.location?.line == 7)
        #expect(set.message.contains("did you mean meta.agency_name?"))
        let drop = try #require(error(Self.base + "steps:\n  - drop: [provenance, factz]\n"))
        #expect(drop.location?.line == 7)
        #expect(drop.message.contains("did you mean facts?"))
    }

    @Test func valuesAreCheckedAgainstTheFieldType() throws {
        let found = try #require(error(Self.base + "steps:\n  - set:\n      applications.new_received.total: many\n"))
        #expect(found.code == "pipeline.value-type")
        #expect(found.location?.line == 8 && found.location?.column == 40)
        let level = try #require(error(Self.base + "steps:\n  - default: {meta.agency_level: departmnt}\n"))
        #expect(level.message.contains("did you mean \"department\"?"))
    }

    @Test func badTemplatesNameTheField() throws {
        let sink = try #require(
            error("version: 1\nsources:\n  - path: in.jsonl\nsinks:\n  - path: out/{meta.agency_uscd}.json\n"))
        #expect(sink.code == "pipeline.template")
        #expect(sink.location?.line == 5)
        #expect(sink.message.contains("did you mean {meta.agency_uscc}?"))
        let value = try #require(
            error(Self.base + "steps:\n  - set: {meta.agency_name: \"{meta.admin_division_nam}合计\"}\n"))
        #expect(value.code == "pipeline.template")
    }

    @Test func unsetVariableIsNamedWithItsLine() throws {
        let found = try #require(
            error(
                "version: 1\nvars: {year: 2023}\nsources:\n  - path: in/${yeer}/x.jsonl\nsinks:\n  - path: out.json\n"))
        #expect(found.code == "pipeline.variable-unset")
        #expect(found.location?.line == 4 && found.location?.column == 14)
        #expect(found.message.contains("${yeer}") && found.message.contains("did you mean ${year}?"))
    }

    @Test func variablesComeFromTheCommandLineThenEnvironmentThenVars() throws {
        folder.write(
            "p.yaml",
            "version: 1\nvars: {year: 2021, name: from-vars}\nname: ${name}\nsources:\n  - path: in.jsonl\nsteps:\n  - filter: {meta.report_year: ${year}}\nsinks:\n  - path: out.json\n"
        )
        #expect(try folder.load().name == "from-vars")
        let fromEnvironment = try PipelineLoader(formats: .builtin, steps: .builtin, environment: ["name": "from-env"])
            .load(folder.file("p.yaml"), diagnostics: DiagnosticList())
        #expect(fromEnvironment.name == "from-env")
        let fromCommandLine = try PipelineLoader(
            formats: .builtin, steps: .builtin, variables: ["name": "from-var"], environment: ["name": "from-env"]
        )
        .load(folder.file("p.yaml"), diagnostics: DiagnosticList())
        #expect(fromCommandLine.name == "from-var")
    }

    @Test func aVariableAloneIsReadAsTheScalarItStandsFor() throws {
        // `${year}` inside a flow mapping: substituted before parsing, read as the number.
        folder.write(
            "p.yaml",
            Self.base
                + "vars: {year: 2023}\nsteps:\n  - filter: {meta.report_year: ${year}, meta.agency_name: {exists: true}}\n"
        )
        let pipeline = try folder.load()
        #expect(pipeline.steps[0].config["meta.report_year"]?.scalar?.value == "2023")
        // A value with YAML punctuation stays one scalar.
        folder.write("q.yaml", "version: 1\nname: ${title}\nsources:\n  - path: in.jsonl\nsinks:\n  - path: out.json\n")
        #expect(try folder.load("q.yaml", variables: ["title": "a: b # c"]).name == "a: b # c")
    }

    @Test func positionsAfterASubstitutionPointAtTheFileAsWritten() throws {
        let found = try #require(
            error(
                "version: 1\nvars: {x: abcdefghijklmnop}\nname: ${x}\nsources:\n  - path: in.jsonl\nsinks:\n  - {path: ${x}.json, formt: json}\n"
            ))
        #expect(found.location?.line == 7 && found.location?.column == 23)
        #expect(found.message.contains("did you mean format?"))
    }

    @Test func unknownFormatsAndOptionsNameTheirLine() throws {
        let format = try #require(
            error("version: 1\nsources:\n  - path: in.jsonl\n    format: jsn\nsinks:\n  - path: out.json\n"))
        #expect(format.code == "format.unknown" && format.location?.line == 4)
        #expect(format.message.contains("did you mean json?"))
        let option = try #require(
            error("version: 1\nsources:\n  - path: in.jsonl\nsinks:\n  - path: out.csv\n    options: {headr: zh}\n"))
        #expect(option.code == "option.unknown" && option.location?.line == 6)
        #expect(option.message.contains("did you mean header?"))
    }

    @Test func versionAndRequiredKeysAreChecked() throws {
        #expect(
            error("version: 2\nsources:\n  - path: in.jsonl\nsinks:\n  - path: out.json\n")?.code == "pipeline.version")
        #expect(error("version: 1\nsources:\n  - path: in.jsonl\n")?.code == "pipeline.missing-key")
        #expect(error("version: 1\nsources: []\nsinks:\n  - path: out.json\n")?.code == "pipeline.value")
        #expect(error(Self.base + "steps:\n  - validate\n")?.code == "pipeline.type")
        #expect(
            error(Self.base + "steps:\n  - {validate: {}, sort: {by: meta.agency_name}}\n")?.code == "pipeline.step")
        #expect(error("version: 1\nsources: [\n")?.code == "pipeline.syntax")
    }

    @Test func skippingNeedsARejectsFile() throws {
        let found = try #require(error(Self.base + "steps:\n  - set: {meta.agency_name: x}\n    on_error: skip\n"))
        #expect(found.code == "pipeline.missing-key")
        #expect(found.message.contains("rejects"))
    }

    @Test func levelAppliesOnlyToDivisionCodes() throws {
        let found = try #require(error(Self.base + "steps:\n  - aggregate: {by: meta.report_year, level: city}\n"))
        #expect(found.location?.line == 7)
    }

    @Test func twoOutputsCannotShareAFile() throws {
        let found = try #require(
            error(
                "version: 1\nsources:\n  - path: in.jsonl\nsteps:\n  - validate: {findings: out.json}\nsinks:\n  - path: out.json\n"
            ))
        #expect(found.code == "pipeline.output-twice")
    }
}

extension PipelineLoaderTests {
    @Test func aKeyGivenTwiceBesideAStepIsNamedWithTheFirst() throws {
        for (second, line) in [("    on_error: skip\n", 10), ("    set: {meta.agency_name: y}\n", 10)] {
            let text =
                Self.base + "rejects: r.jsonl\nsteps:\n  - set: {meta.agency_name: x}\n    on_error: skip\n" + second
            let found = try #require(error(text))
            #expect(found.code == "pipeline.duplicate-key", "\(found)")
            #expect(found.location?.line == line && found.location?.column == 5, "\(found)")
            #expect(found.message.contains("is given twice (first at line"), "\(found)")
        }
    }

    @Test func aSinkWithoutAnExtensionIsToldToNameItsFormat() throws {
        let found = try #require(error("version: 1\nsources:\n  - path: in.jsonl\nsinks:\n  - path: out/all\n"))
        #expect(found.code == "format.unknown-extension")
        #expect(found.message.contains("name the format with the sink's format: key"), "\(found)")
    }

    @Test func aMisspeltOnErrorIsNamedBesideOrInsideTheStep() throws {
        let beside = try #require(
            error(Self.base + "rejects: r.jsonl\nsteps:\n  - set: {meta.agency_name: x}\n    on_eror: skip\n"))
        #expect(
            beside.code == "pipeline.unknown-key" && beside.location?.line == 9
                && beside.message.contains("did you mean on_error?"))
        let inside = try #require(
            error(Self.base + "rejects: r.jsonl\nsteps:\n  - validate: {fail_on: error, on_eror: skip}\n"))
        #expect(inside.location?.line == 8 && inside.message.contains("did you mean on_error?"))
        let value = try #require(error(Self.base + "rejects: r.jsonl\nsteps:\n  - validate: {on_error: skp}\n"))
        #expect(value.code == "pipeline.value" && value.message.contains("did you mean skip?"))
    }
}
