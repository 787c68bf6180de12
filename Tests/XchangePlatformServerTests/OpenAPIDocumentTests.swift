import Foundation
import Testing
import XchangeYAML

/// `schemas/platform/openapi.yaml` is the contract both sides follow: it must be a valid
/// OpenAPI 3.1 document and name every answer the server gives.
struct OpenAPIDocumentTests {
    static let path = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "schemas/platform/openapi.yaml").path

    @Test func everyAnswerOfTheServerIsDocumented() throws {
        let documents = try parseYAMLDocuments(Array(try Data(contentsOf: URL(fileURLWithPath: Self.path))))
        let root = try #require(documents.first)
        #expect(root["openapi"]?.scalar?.value == "3.1.0")
        let post = try #require(root["paths"]?["/submissions"]?["post"]?["responses"]?.mapping)
        let get = try #require(root["paths"]?["/submissions/{package_id}"]?["get"]?["responses"]?.mapping)
        let postCodes = Set(post.compactMap { $0.key.scalar?.value })
        let getCodes = Set(get.compactMap { $0.key.scalar?.value })
        #expect(postCodes.isSuperset(of: ["200", "201", "400", "401", "403", "409", "413", "422", "503"]))
        #expect(getCodes.isSuperset(of: ["200", "401", "404"]))
        let receipt = try #require(root["components"]?["schemas"]?["Receipt"]?["required"]?.sequence)
        #expect(
            Set(receipt.compactMap { $0.scalar?.value }) == [
                "receipt_id", "package_id", "status", "received_at", "findings",
            ])
    }

    /// With Python's openapi-spec-validator installed (`pip install openapi-spec-validator`),
    /// the document is checked against the OpenAPI 3.1 specification itself.
    @Test func theDocumentIsValidOpenAPIWhenTheValidatorIsInstalled() throws {
        let check = """
            import sys
            try:
                from openapi_spec_validator import validate
                from openapi_spec_validator.readers import read_from_filename
            except ImportError:
                sys.exit(3)
            validate(read_from_filename(sys.argv[1])[0])
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", check, Self.path]
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return  // no Python here
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus != 3, process.terminationStatus != 127 else { return }
        #expect(process.terminationStatus == 0, "\(message)")
    }
}
