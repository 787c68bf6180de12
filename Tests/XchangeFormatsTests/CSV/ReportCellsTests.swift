import Testing
import XchangeCore
import XchangeSynthetic

@testable import XchangeFormats

/// The cell record the wide writer holds its rows in: every cell comes back in column order
/// with its text, whatever the gaps between columns and the lengths of the texts.
struct ReportCellsTests {
    /// The cells of the reports in `record`, as (column, text) pairs, report by report.
    private func decodeAll(_ record: [UInt8]) throws -> [[(Int, String)]] {
        var reports: [[(Int, String)]] = []
        try record.withUnsafeBufferPointer { bytes in
            var offset = 0
            while offset < bytes.count {
                var cells: [(Int, String)] = []
                let passedOver = ReportCells.end(of: bytes, from: offset)
                offset = try ReportCells.decode(bytes, from: offset) { position, text in
                    cells.append((position, String(decoding: text, as: UTF8.self)))
                }
                #expect(passedOver == offset, "passing over a report ends where reading it does")
                reports.append(cells)
            }
        }
        return reports
    }

    @Test func farApartColumnsAndLongTextsComeBackExactly() throws {
        var report = Report()
        try report.set("meta.report_year", to: .integer(2021))
        // Lengths of three, two and one bytes.
        let long = String(repeating: "政务公开，", count: 1200)
        try report.set("meta.agency_name", to: .text(long))
        report.overview = TextSection(text: String(repeating: "a", count: 200))
        // The count furthest to the right: the gap before it takes two bytes.
        let far = try #require(
            CanonicalSchema.v1.fields.indices.filter { CanonicalSchema.v1.fields[$0].kind == .count }
                .max { WideColumns.positionOfField[$0] < WideColumns.positionOfField[$1] })
        try report.set(FieldID(index: far), to: .integer(7))

        var record: [UInt8] = []
        var used = [Bool](repeating: false, count: WideColumns.all.count)
        ReportCells.encode(report, into: &record, used: &used)
        ReportCells.encode(Report(), into: &record, used: &used)

        let decoded = try decodeAll(record)
        #expect(decoded.count == 2)
        #expect(decoded[1].isEmpty)
        let expected = [
            (WideColumns.positionOfField[CanonicalSchema.v1.fieldID("meta.report_year")!.index], "2021"),
            (WideColumns.positionOfField[CanonicalSchema.v1.fieldID("meta.agency_name")!.index], long),
            (WideColumns.position(of: .sectionText(.overview)), String(repeating: "a", count: 200)),
            (WideColumns.positionOfField[far], "7"),
        ].sorted { $0.0 < $1.0 }
        #expect(expected[3].0 - expected[2].0 > 127, "the test needs a gap of more than 127 columns")
        #expect(decoded[0].map(\.0) == expected.map(\.0))
        #expect(decoded[0].map(\.1) == expected.map(\.1))
        #expect(used.indices.filter { used[$0] } == expected.map(\.0))
    }

    @Test func generatedReportsGiveOneCellPerFilledColumn() throws {
        let reports = Array(ReportGenerator(count: 50, seed: 9, faults: 10))
        var record: [UInt8] = []
        var used = [Bool](repeating: false, count: WideColumns.all.count)
        for report in reports { ReportCells.encode(report, into: &record, used: &used) }
        let decoded = try decodeAll(record)
        #expect(decoded.count == reports.count)
        for (report, cells) in zip(reports, decoded) {
            #expect(cells.map(\.0) == cells.map(\.0).sorted())
            let fields = cells.filter { position, _ in
                if case .field = WideColumns.all[position] { return true }
                return false
            }
            #expect(fields.count == report.values.present.reduce(0) { count, _ in count + 1 })
        }
    }
}
