import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// The written report text, compared with checked-in expected output in `samples/rendered/`.
/// After an intended change to the layout, regenerate with
/// `XCHANGE_UPDATE_GOLDEN=1 swift test --filter WriterGoldenTests`.
@Suite struct WriterGoldenTests {
    static let directory = SampleReports.directory.appendingPathComponent("rendered")

    @Test(arguments: [
        ("pingtan-2021-report.txt", "plain"),
        ("shanghai-general-office-2019-report.html", "markdown"),
        ("suifenhe-2017-report.txt", "plain"),
    ])
    func writtenTextMatchesGolden(_ sample: String, tables: String) throws {
        let (report, _) = try SampleReports.read(sample)
        let (_, text, _) = try RoundTripTests.roundTrip(report, tables: tables)
        let golden = Self.directory.appendingPathComponent("\(sample).\(tables).txt")
        if ProcessInfo.processInfo.environment["XCHANGE_UPDATE_GOLDEN"] == "1" {
            try text.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(text == expected, "the written text of \(sample) differs from \(golden.lastPathComponent)")
    }

    @Test func tablesAlignForChineseText() {
        let lines = TextTableRenderer(style: .plain).render(
            [[.label("信息内容"), .label("本年制发件数")], [.label("规章"), .figure("12")], [.label("规范性文件"), .empty]],
            headerRows: 1)
        #expect(
            lines == [
                "┌────────────┬──────────────┐",
                "│ 信息内容   │ 本年制发件数 │",
                "├────────────┼──────────────┤",
                "│ 规章       │           12 │",
                "│ 规范性文件 │              │",
                "└────────────┴──────────────┘",
            ])
    }
}
