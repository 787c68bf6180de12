import Foundation
import Testing
import XchangeCore
import XchangeSynthetic

@testable import XchangeFormats

/// Reading the long layout: reports follow one another by their `report` cell, and keys are
/// read with the blanks around them taken off, whatever the blanks are.
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
}
