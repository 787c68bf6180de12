import Foundation
import Testing
import XchangeCore
import XchangeSynthetic
import XchangeTestSupport

@testable import XchangeFormats

/// A JSON array (or, for one report, a bare object) written from reports encoded in pieces on
/// several threads is the one writing them in order gives, to the last byte.
struct JSONArrayPieceTests {
    let conversions = PieceConversionTests()

    /// `count` generated reports written with `module` to `name`; the report at `longAt`, if
    /// any, gets an overview long enough that its piece cannot be cut and the rest is read in
    /// order, after pieces were encoded on other threads.
    func reports(
        _ count: Int, as module: any FormatModule, to name: String, longAt: Int? = nil,
        in directory: TemporaryDirectory
    ) throws -> String {
        let path = directory.path(name)
        let file = try AtomicFileOutput(path: path)
        let options: [String: String] = module is JSONFormat ? ["layout": "lines"] : [:]
        let writer = try module.makeWriter(
            file.sink, options: try FormatOptions(options, for: module, side: .write), diagnostics: DiagnosticList())
        for (index, generated) in ReportGenerator(count: count, seed: 23).enumerated() {
            var report = generated
            if index == longAt { report.overview = TextSection(text: String(repeating: "长篇概述。", count: 12_000)) }
            try writer.write(report)
        }
        try writer.finish()
        try file.commit()
        return path
    }

    static let inputs: [(any FormatModule, String)] = [
        (JSONFormat(), "in.jsonl"), (CSVFormat(), "in.csv"), (YAMLFormat(), "in.yaml"),
    ]

    @Test(arguments: ["array", "auto"], [1, 2, 3, 37])
    func anArrayInPiecesIsTheArrayInOrder(layout: String, count: Int) throws {
        let directory = try TemporaryDirectory()
        for (module, name) in Self.inputs {
            let path = try reports(count, as: module, to: name, in: directory)
            let outcome = conversions.expectSameOutcome(path, to: JSONFormat(), options: ["layout": layout])
            guard case .output(let json) = outcome else {
                Issue.record("\(name): \(outcome)")
                continue
            }
            // One report with `auto` is a bare object; otherwise an array of them all.
            let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8))
            if layout == "auto" && count == 1 {
                #expect(parsed is [String: Any], "\(name)")
            } else {
                #expect((parsed as? [Any])?.count == count, "\(name)")
            }
        }
    }

    /// Pieces encoded on other threads, then the rest of the input read and written in order.
    @Test(arguments: ["array", "auto", "lines"])
    func piecesThenTheRestInOrderMakeOneArray(layout: String) throws {
        let directory = try TemporaryDirectory()
        for (module, name) in Self.inputs {
            let path = try reports(30, as: module, to: name, longAt: 21, in: directory)
            let outcome = conversions.expectSameOutcome(path, to: JSONFormat(), options: ["layout": layout])
            guard case .output(let json) = outcome else {
                Issue.record("\(name): \(outcome)")
                continue
            }
            #expect(json.contains("长篇概述。长篇概述。"), "\(name)")
        }
    }
}
