import Foundation
import Testing
import XchangeJSON

@testable import XchangePlatform

/// The manifest's JSON Schema file, its compiled-in copy and the Swift checker stay in step.
struct ManifestSchemaTests {
    static let schemaPath = "schemas/platform/manifest.v1.schema.json"

    @Test func theCompiledInSchemaIsTheShippedFile() throws {
        #expect(ManifestSchema.source + "\n" == (try ProjectFiles.text(Self.schemaPath)))
    }

    @Test func theCheckerRefusesASchemaKeywordItDoesNotImplement() throws {
        #expect(throws: SchemaProblem.self) { try JSONSchemaSubset(parseJSON(#"{"type": "object", "oneOf": []}"#)) }
        #expect(throws: SchemaProblem.self) {
            try JSONSchemaSubset(parseJSON(#"{"properties": {"a": {"format": "uuid"}}}"#))
        }
        #expect(throws: SchemaProblem.self) { try JSONSchemaSubset(parseJSON(#"{"additionalProperties": {}}"#)) }
    }

    @Test func aWrittenManifestConformsAndReadsBack() throws {
        let manifest = try SubmissionPackage.build(report: PackageFixtures.report()).manifest
        #expect(ManifestSchema.violations(of: try parseJSON(manifest.jsonBytes)).isEmpty)
        #expect(try Manifest.parse(manifest.jsonBytes) == manifest)
        #expect(throws: PackageError.self) { try Manifest.parse(Array("{}".utf8)) }
    }

    /// Manifests that break the schema, each in one way, with the member the checker must name.
    static func brokenManifests() throws -> [(name: String, text: String, path: String)] {
        let manifest = try SubmissionPackage.build(
            report: PackageFixtures.report(), packageID: PackageFixtures.packageID, createdAt: PackageFixtures.createdAt
        ).manifest
        let good = String(decoding: manifest.jsonBytes, as: UTF8.self)
        func edit(_ old: String, _ new: String) -> String {
            good.replacingOccurrences(of: old, with: new)
        }
        let uscc = manifest.sender.agencyUSCC
        return [
            ("format", edit("xchange-submission/1", "xchange-submission/2"), "package_format"),
            ("uuid", edit(PackageFixtures.packageID, PackageFixtures.packageID.uppercased()), "package_id"),
            ("uuid-v1", edit("-469f-", "-169f-"), "package_id"),
            ("time", edit("2026-11-27T10:00:00+08:00", "2026-11-27 10:00"), "created_at"),
            ("uscc", edit(uscc, String(uscc.dropLast())), "sender.agency_uscc"),
            ("uscc-letter", edit(uscc, "I" + uscc.dropFirst()), "sender.agency_uscc"),
            (
                "division", edit("\"admin_division_code\": \"", "\"admin_division_code\": \"9"),
                "sender.admin_division_code"
            ),
            (
                "year-text",
                edit("\"report_year\": \(manifest.reportYear)", "\"report_year\": \"\(manifest.reportYear)\""),
                "report_year"
            ),
            (
                "year-fraction", edit("\"report_year\": \(manifest.reportYear)", "\"report_year\": 2021.5"),
                "report_year"
            ),
            ("version", edit("unified_2021", "unified_2031"), "format_version"),
            ("extra", edit("\"report_year\"", "\"note\": 1, \"report_year\""), "note"),
            ("missing", edit("\"receiver\"", "\"receiver_\""), "receiver"),
            (
                "digest", edit(manifest.entries[2].sha256, String(manifest.entries[2].sha256.dropLast())),
                "entries[2].sha256"
            ),
            ("size", edit("\"size\": \(manifest.entries[0].size)", "\"size\": -1"), "entries[0].size"),
            ("path", edit("\"path\": \"report.txt\"", "\"path\": \"../report.txt\""), "entries[2].path"),
            (
                "entries",
                good.replacingOccurrences(
                    of: #"\"entries\": \[[\s\S]*\]"#, with: "\"entries\": []", options: .regularExpression), "entries"
            ),
            ("platform", edit("\"platform_id\": \"xchange-default\"", "\"platform_id\": \"\""), "receiver.platform_id"),
        ]
    }

    @Test func eachBrokenManifestIsRefusedNamingTheMember() throws {
        for broken in try Self.brokenManifests() {
            let violations = ManifestSchema.violations(of: try parseJSON(broken.text))
            #expect(violations.map(\.path).contains(broken.path), "\(broken.name): \(violations)")
            #expect(violations.allSatisfy { $0.line != nil })
        }
    }

    /// Python's jsonschema, where it is installed, agrees with the Swift checker on every
    /// manifest above and on a good one: the schema file and the checker mean the same.
    @Test func pythonsJSONSchemaAgrees() throws {
        let folder = try TemporaryDirectory()
        let good = try SubmissionPackage.build(report: PackageFixtures.report()).manifest.jsonBytes
        var names = ["good"]
        try folder.write("good.json", good)
        for broken in try Self.brokenManifests() {
            try folder.write("\(broken.name).json", Array(broken.text.utf8))
            names.append(broken.name)
        }
        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                sys.exit(3)
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            for name in sys.argv[2:]:
                errors = list(validator.iter_errors(json.load(open(name + ".json"))))
                print(name, "valid" if not errors else "invalid")
            """
        try folder.write("check.py", Array(script.utf8))
        let arguments = ["python3", "check.py", ProjectFiles.path(Self.schemaPath)] + names
        guard let result = try ExternalTool.run(arguments, in: folder.url), result.status != 3 else { return }
        #expect(result.status == 0, "\(result.output)")
        let expected = names.map { "\($0) \($0 == "good" ? "valid" : "invalid")" }.joined(separator: "\n") + "\n"
        #expect(result.output == expected)
    }
}
