import Testing
import XchangeCore
import XchangeSynthetic

@testable import XchangeFormats

/// A layout forced with `--option layout=` that does not fit the file is refused with a clear
/// error, never a crash.
struct CSVForcedLayoutTests {
    @Test(arguments: ["long", "form"])
    func wideFileReadAsAnotherLayout(_ layout: String) throws {
        let folder = TemporaryFolder()
        let path = folder.file("wide.csv")
        try CSVTest.write(Array(ReportGenerator(count: 2, seed: 3)), to: path)
        let error = try #require(
            CSVTest.readError(path, options: ["layout": layout]), "a wide file was read as \(layout)")
        #expect(error.severity == .error)
        #expect(error.code == "csv.\(layout == "long" ? "layout" : "form")")
        #expect(error.message.contains("row 1"))
    }

    @Test func longLayoutNamesTheMissingColumns() throws {
        let folder = TemporaryFolder()
        let path = folder.write("wide.csv", "meta.report_year,meta.agency_name\n2021,某某局\n")
        let error = try #require(CSVTest.readError(path, options: ["layout": "long"]))
        #expect(error.code == "csv.layout")
        #expect(error.message.contains("report, key and value"))
    }
}
