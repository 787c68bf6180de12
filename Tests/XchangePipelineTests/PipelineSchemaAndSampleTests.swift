import Foundation
import Testing
import XchangeCore
import XchangeFormats
import XchangeYAML

@testable import XchangePipeline

/// `schemas/pipeline.v1.schema.json` stays in step with the loader, and the sample pipelines
/// run as written.
struct PipelineSchemaAndSampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = ["texts-to-json", "province-spreadsheet", "city-totals"]

    var schema: MiniJSONSchema {
        get throws {
            let data = try Data(contentsOf: Self.root.appending(path: "schemas/pipeline.v1.schema.json"))
            return MiniJSONSchema(root: try JSONSerialization.jsonObject(with: data) as! [String: Any])
        }
    }

    @Test func theCommittedSchemaIsTheOneTheLoaderShapesRender() throws {
        let committed = try Data(contentsOf: Self.root.appending(path: "schemas/pipeline.v1.schema.json"))
        let rendered = Data(PipelineJSONSchema.render(steps: .builtin))
        #expect(
            committed == rendered,
            "regenerate it: swift run xchange run --json-schema > schemas/pipeline.v1.schema.json")
    }

    @Test func everyStepAndOptionTheLoaderAcceptsIsInTheSchema() throws {
        let schema = try self.schema
        let steps = ((schema.root["$defs"] as! [String: Any])["step"] as! [String: Any])["anyOf"] as! [[String: Any]]
        for type in StepRegistry.builtin.types {
            let entry = try #require(
                steps.first { ($0["properties"] as! [String: Any])[type.name] != nil }, "\(type.name)")
            guard case .object(let properties, _, _) = type.configShape else { continue }
            let text = String(decoding: try JSONSerialization.data(withJSONObject: entry), as: UTF8.self)
            for property in properties + [PipelineFileShape.onError] {
                #expect(text.contains("\"\(property.name)\""), "\(type.name).\(property.name)")
            }
        }
        let top = schema.root["properties"] as! [String: Any]
        guard case .object(let properties, _, _) = PipelineFileShape.file(steps: .any) else { return }
        #expect(Set(top.keys) == Set(properties.map(\.name)))
    }

    @Test func everySampleValidatesAgainstTheSchema() throws {
        let schema = try self.schema
        for name in Self.samples {
            let text = try String(
                contentsOf: Self.root.appending(path: "samples/pipelines/\(name).yaml"), encoding: .utf8)
            let expanded = try VariableExpander(file: name).expand(text, values: ["year": "2023"])
            let node = try parseYAMLDocuments(Array(expanded.text.utf8))[0]
            #expect(
                schema.problems(MiniJSONSchema.value(node)).isEmpty,
                "\(name): \(schema.problems(MiniJSONSchema.value(node)))")
        }
    }

    @Test func theSchemaRefusesWhatTheLoaderRefuses() throws {
        let schema = try self.schema
        let broken: [String] = [
            "version: 1\nsources: [{path: a.json}]\nsinkz: [{path: b.json}]\n",
            "version: 1\nsources: [{path: a.json}]\nsinks: [{path: b.json}]\nsteps: [{sortt: {by: meta.agency_name}}]\n",
            "version: 1\nsources: [{path: a.json}]\nsinks: [{path: b.json}]\nsteps: [{dedupe: {by: meta.agency_uscc, keep: lats}}]\n",
            "version: 1\nsources: [{path: a.json, unmaped: ignore}]\nsinks: [{path: b.json}]\n",
        ]
        for text in broken {
            let node = try parseYAMLDocuments(Array(text.utf8))[0]
            #expect(!schema.problems(MiniJSONSchema.value(node)).isEmpty, "\(text)")
            let folder = PipelineFolder()
            folder.write("a.json", "{}")
            folder.write("p.yaml", text)
            #expect(folder.loadError() != nil, "\(text)")
        }
    }

    @Test(arguments: samples)
    func theSamplePipelinesRunAsWritten(_ name: String) throws {
        let summary = try PipelineRunner(formats: .builtin).run(
            try PipelineLoader(formats: .builtin, steps: .builtin, environment: [:]).load(
                Self.root.appending(path: "samples/pipelines/\(name).yaml").path, diagnostics: DiagnosticList()),
            dryRun: true, diagnostics: DiagnosticList())
        #expect(
            summary.files.allSatisfy {
                $0.path.hasPrefix(Self.root.path + "/out/") || $0.path.hasPrefix("out/") || $0.path.contains("/out/")
            })
        switch name {
        case "texts-to-json":
            // Eight report texts; Pingtan 2020 (its table 三 does not add up as published) goes
            // to the rejects: seven JSON files, the CSV, the findings and the rejects.
            #expect(summary.sources[0].reports == 8 && summary.files.count == 10)
        case "province-spreadsheet":
            #expect(summary.sources[0].reports == 6 && summary.steps.last?.emitted == 6)
        default:
            #expect(summary.steps[1].emitted == 1 && summary.files.count == 2)
        }
    }

    @Test func theCityTotalIsTheSumOfItsDepartments() throws {
        let folder = PipelineFolder()
        let sample = try String(
            contentsOf: Self.root.appending(path: "samples/pipelines/city-totals.yaml"), encoding: .utf8)
        folder.write("samples/pipelines/city-totals.yaml", sample)
        folder.write(
            "samples/mudanjiang-departments-2023.jsonl",
            try String(
                contentsOf: Self.root.appending(path: "samples/mudanjiang-departments-2023.jsonl"), encoding: .utf8))
        try folder.run("samples/pipelines/city-totals.yaml")
        let members = try folder.reports("samples/mudanjiang-departments-2023.jsonl")
        let city = try #require(try folder.reports("out/city/231000-2023.txt").first)
        for key in [
            "applications.new_received.total", "applications.result.total.natural_person",
            "review_litigation.litigation_direct.total",
        ] {
            #expect(city[key]?.number == members.compactMap { $0[key]?.number }.reduce(0, +), "\(key)")
        }
        #expect(Validator().validate(city).filter { $0.severity == .error }.isEmpty)
    }
}
