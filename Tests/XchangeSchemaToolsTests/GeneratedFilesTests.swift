import Foundation
import Testing
import XchangeCore
import XchangeFormats
import XchangeSchemaTools

/// The schema source is the single source of truth: the compiled catalog and the published JSON
/// Schema must be exactly what it generates. When this fails, run
/// `swift package --allow-writing-to-package-directory generate-schema-code`.
struct GeneratedFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Self.root.appending(path: path)))
    }

    func loadSource() throws -> CanonicalSchema {
        try SchemaSourceLoader.load(
            try read("schemas/disclosure-report.v1.yaml"), file: "schemas/disclosure-report.v1.yaml")
    }

    @Test func compiledCatalogEqualsTheSource() throws {
        #expect(try loadSource() == CanonicalSchema.v1)
    }

    @Test func generatedSwiftCatalogIsUpToDate() throws {
        let expected = SwiftCatalogRenderer.render(try loadSource())
        let checkedIn = String(
            decoding: try read("Sources/XchangeCore/Schema/CanonicalSchema+Generated.swift"), as: UTF8.self)
        #expect(checkedIn == expected, "CanonicalSchema+Generated.swift is out of date: regenerate it")
    }

    @Test func publishedJSONSchemaIsUpToDate() throws {
        let checkedIn = try read("schemas/disclosure-report.v1.schema.json")
        #expect(
            checkedIn == CanonicalJSONSchema.render(try loadSource()),
            "disclosure-report.v1.schema.json is out of date: regenerate it")
    }

    @Test func jsonSchemaDescribesEveryFieldAtItsPath() throws {
        let document =
            try JSONSerialization.jsonObject(with: Data(try read("schemas/disclosure-report.v1.schema.json")))
            as! [String: Any]
        #expect(document["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        for field in CanonicalSchema.v1.fields {
            var node: [String: Any]? = document
            for segment in field.segments {
                var properties = node?["properties"] as? [String: Any]
                if properties == nil, let anyOf = node?["anyOf"] as? [[String: Any]] {
                    properties = anyOf.first?["properties"] as? [String: Any]
                }
                node = properties?[String(segment)] as? [String: Any]
            }
            #expect(node?["$ref"] as? String == "#/$defs/\(field.kind.rawValue)", "\(field.key)")
        }
    }
}
