import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// Text copied from a PDF often holds Kangxi radicals and compatibility ideographs in place of
/// the ideographs they look like (`⼀、总体情况`, `⾏政许可`, `⽇`): they read as those ideographs.
@Suite struct LookalikeIdeographsTests {
    /// Each ideograph a Kangxi radical stands for, and that radical, as Foundation's
    /// compatibility normalization maps them.
    static let lookalikes: [Unicode.Scalar: Unicode.Scalar] = {
        var lookalikes: [Unicode.Scalar: Unicode.Scalar] = [:]
        for value in UInt32(0x2F00)...0x2FD5 {
            guard let radical = Unicode.Scalar(value) else { continue }
            let folded = String(radical).precomposedStringWithCompatibilityMapping.unicodeScalars
            if folded.count == 1, let ideograph = folded.first { lookalikes[ideograph] = radical }
        }
        // And two radicals without a normal form, as in ⼈⺠政府 and 部⻔.
        lookalikes["民"] = "\u{2EA0}"
        lookalikes["门"] = "\u{2ED4}"
        return lookalikes
    }()

    /// Every sample with each ideograph that has a Kangxi radical lookalike written as that
    /// radical reads as the sample itself, section texts included.
    @Test(arguments: SampleReports.names)
    func radicalsReadAsTheIdeographsTheyLookLike(_ name: String) throws {
        let text = String(decoding: try SampleReports.bytes(name), as: UTF8.self)
        var copied = String.UnicodeScalarView()
        copied.append(contentsOf: text.unicodeScalars.map { Self.lookalikes[$0] ?? $0 })
        #expect(String(copied) != text)
        let options = ["provenance": "false"]
        let clean = try SampleReports.read(name, options: options).report
        let report = try SampleReports.read(bytes: Array(String(copied).utf8), name: name, options: options).report
        #expect(report == clean)
    }

    @Test func foldingKeepsEveryOffset() {
        var scalars = Array("⼀、⾏政许可⽇\u{F9F1}\u{FA0E}国⼈\u{2EA0}政府部\u{2ED4}".unicodeScalars)
        LookalikeIdeographs.fold(&scalars)
        // U+FA0E is a unified ideograph of its own, not a lookalike: it stays. ⺠ and ⻔ have no
        // normal form of their own: Unicode names them the civilian and the simplified gate.
        #expect(String(String.UnicodeScalarView(scalars)) == "一、行政许可日隣\u{FA0E}国人民政府部门")
    }
}
