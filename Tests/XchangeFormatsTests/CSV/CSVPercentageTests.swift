import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// Percentage cells: read straight from the bytes when plain, by the core's parser otherwise;
/// either way as the core's parser reads them.
@Suite("CSV percentages")
struct CSVPercentageTests {
    let folder = TemporaryFolder()
    static let key = "legacy.applications.on_time_rate_percent"
    static let header = "meta.report_year,meta.agency_name,\(key)"

    /// What a percentage cell's column holds after a read, or the error the read stops at.
    func read(_ cell: String) -> Result<FieldValue?, Diagnostic> {
        let quoted = "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let path = folder.write("rate.csv", "\(Self.header)\n2015,甲局,\(quoted)\n")
        do {
            let reports = try CSVTest.read(path)
            return .success(reports.first?[Self.key])
        } catch let diagnostic as Diagnostic {
            return .failure(diagnostic)
        } catch {
            Issue.record("expected a Diagnostic, got \(error)")
            return .success(nil)
        }
    }

    @Test(
        "every percentage cell reads as the core's parser reads it",
        arguments: [
            "86.92", "86.92%", "100", "0", "-3.5", "+7", "007.50", "1e2", "1,000.5", "８６．９２％", " 86.92 ", "86.92 %",
            "%", "5%%", ".5", "1.", "abc", "9８.5", "1,2",
        ])
    func agreesWithTheCore(_ cell: String) throws {
        let field = try #require(CanonicalSchema.v1.field(Self.key))
        let expected = CellDecoder.parse(cell, for: field)
        switch (read(cell), expected) {
        case (.success(let value), .success(let wanted)):
            #expect(value == wanted, "\(cell)")
        case (.failure(let error), .failure):
            #expect(error.code == "csv.value", "\(cell)")
        case (let got, let wanted):
            Issue.record("\(cell): read \(got), the core's parser \(wanted)")
        }
    }

    @Test("a comma that groups no thousands is an error, not a bigger percentage", arguments: ["98,5", "1,2", "9,85%"])
    func commaIsNoDecimalPoint(_ cell: String) {
        guard case .failure(let error) = read(cell) else {
            Issue.record("\(cell) was read as a percentage")
            return
        }
        #expect(error.message.contains(Self.key))
        #expect(error.message.contains("\"\(cell)\""))
    }
}
