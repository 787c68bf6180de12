import Foundation
import Testing
import XchangeCore
import XchangeSynthetic

@testable import XchangeFormats

/// Reading the long layout: reports follow one another by their `report` cell, keys are read
/// with the blanks around them taken off, whatever the blanks are, and in any order or spelling.
struct CSVLongReadingTests {
    let folder = TemporaryFolder()

    @Test func reportsFollowOneAnotherByTheirReportCell() throws {
        let reports = Array(ReportGenerator(count: 5, seed: 12))
        let path = folder.file("long.csv")
        try CSVTest.write(reports, to: path, options: ["layout": "long"])
        let read = try CSVTest.read(path)
        #expect(read.count == 5)
        #expect(read.map(\.values) == reports.map(\.values))
    }

    @Test(arguments: [" ", "\t", "\u{3000}", "\u{A0}", " \u{3000} "])
    func blanksAroundAKeyAreTakenOff(blank: String) throws {
        let text =
            "report,key,value\nA/2021,\(blank)meta.report_year\(blank),2021\nA/2021,meta.agency_name\(blank),甲局\n"
        let path = folder.write("blanks.csv", text)
        let read = try CSVTest.read(path)
        #expect(read.count == 1)
        #expect(read.first?["meta.report_year"] == .integer(2021))
        #expect(read.first?["meta.agency_name"] == .text("甲局"))
    }

    @Test func aBadValueIsReportedWithItsRow() throws {
        let text =
            "report,key,value\nA/2021,meta.report_year,2021\nB/2021,meta.report_year,soon\nC/2021,meta.report_year,2022\n"
        let error = CSVTest.readError(folder.write("bad.csv", text))
        #expect(error?.code == "csv.value", "\(String(describing: error))")
        #expect(error?.message.contains("row 3,") == true, "\(String(describing: error))")
        // The field is named once, by the diagnostic, not again inside its message.
        #expect(error?.field == "meta.report_year")
        #expect(error?.message.contains("meta.report_year") == false, "\(String(describing: error))")
        #expect(error?.message.contains("\"soon\"") == true, "\(String(describing: error))")
    }

    /// A report's rows in another order, some left out, and keys spelled as Chinese label paths
    /// in some reports: each report reads as the same rows in the writer's order would.
    @Test func keysInAnyOrderAndSpellingReadAsInTheWritersOrder() throws {
        let reports = Array(ReportGenerator(count: 8, seed: 31))
        let byKey = CSVTest.records(try CSVTest.writeHeld(reports, options: ["layout": "long"]))
        let byLabel = CSVTest.records(try CSVTest.writeHeld(reports, options: ["layout": "long", "header": "zh"]))
        try #require(byKey.count == byLabel.count)
        var random = SyntheticRandom(seed: 5)
        var inOrder: [[String]] = []
        var shuffled: [[String]] = []
        var start = 1
        while start < byKey.count {
            var end = start
            while end < byKey.count, byKey[end][0] == byKey[start][0] { end += 1 }
            let report = inOrder.isEmpty ? 0 : Set(inOrder.map { $0[0] }).count
            // Every other report spelled in Chinese; a few of each report's rows left out.
            let rows = (start..<end).map { report % 2 == 1 ? byLabel[$0] : byKey[$0] }.filter { _ in
                Int.random(in: 0..<10, using: &random) != 0
            }
            inOrder += rows
            shuffled += report % 3 == 2 ? rows : rows.shuffled(using: &random)
            start = end
        }
        let header = [byKey[0]]
        let expected = try CSVTest.read(folder.write("in-order.csv", CSVTest.text(header + inOrder, quotingAll: true)))
        let read = try CSVTest.read(folder.write("shuffled.csv", CSVTest.text(header + shuffled, quotingAll: true)))
        #expect(read.count == reports.count)
        #expect(read == expected)
        #expect(read.map(\.values) != reports.map(\.values), "some rows were left out")
    }

    @Test func aKeyGivenTwiceInOneReportIsAnError() throws {
        let text =
            "report,key,value\nA/2021,meta.report_year,2021\nA/2021,meta.agency_name,甲局\n"
            + "B/2021,meta.report_year,2021\nB/2021,meta.agency_name,乙局\nB/2021, meta.report_year,2022\n"
        let error = CSVTest.readError(folder.write("twice.csv", text))
        #expect(error?.code == "csv.value", "\(String(describing: error))")
        #expect(
            error?.message.contains("row 6,") == true
                && error?.message.contains("meta.report_year is given twice") == true,
            "\(String(describing: error))")
    }
}
