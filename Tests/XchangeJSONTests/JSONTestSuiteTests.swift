import Foundation
import Testing

@testable import XchangeJSON

/// The parsing cases of JSONTestSuite (see its README): `y_` files must parse, `n_` files must
/// be rejected with a positioned error, `i_` files may go either way but must not crash.
@Suite struct JSONTestSuiteTests {
    struct Case: CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        var testDescription: String { name }
    }

    static let directory = fixture("json-test-suite/test_parsing")

    static func cases(prefix: String) -> [Case] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                return nil
            }
            return Case(name: name, bytes: [UInt8](data))
        }
    }

    /// The parameterized tests below run zero cases when the folder is missing: this one fails.
    @Test func testDataIsPresent() throws {
        try #require(
            FileManager.default.fileExists(atPath: Self.directory.path),
            "JSONTestSuite fixture folder missing: \(Self.directory.path)")
        let count = Self.cases(prefix: "").count
        #expect(count == 318, "JSONTestSuite is incomplete at \(Self.directory.path): \(count) of 318 cases")
    }

    @Test(arguments: cases(prefix: "y_"))
    func acceptsValidJSON(_ testCase: Case) throws {
        let value = try parseJSON(testCase.bytes)
        // The writer's output means the same.
        #expect(try parseJSON(JSONWriter.encode(value, style: .compact)) == value)
        // Streaming, even a byte at a time, yields the same items.
        let file = try TemporaryFile(contents: testCase.bytes)
        let items = try streamItems(of: file, chunkSize: 1).items
        if case .array(let elements) = value {
            #expect(items == elements)
        } else {
            #expect(items == [value])
        }
    }

    @Test(arguments: cases(prefix: "n_"))
    func rejectsInvalidJSON(_ testCase: Case) {
        let error = jsonError { () throws(JSONError) in _ = try parseJSON(testCase.bytes) }
        if let error {
            #expect(error.position != nil || error.message == "empty input", "\(error)")
            if let position = error.position {
                #expect(position.line >= 1 && position.column >= 1)
            }
        }
    }

    @Test(arguments: cases(prefix: "i_"))
    func survivesImplementationDefinedCases(_ testCase: Case) throws {
        do {
            _ = try parseJSON(testCase.bytes)
        } catch {
            #expect(error.position != nil || error.message == "empty input")
        }
        let file = try TemporaryFile(contents: testCase.bytes)
        _ = try? streamItems(of: file, chunkSize: 3)
    }
}
