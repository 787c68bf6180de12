import Testing
import XchangeCore

@testable import XchangeFormats

/// A cell written on many rows is quoted once, ahead, exactly as it would be on each row.
struct CSVWrittenFormTests {
    @Test(arguments: [
        "meta.report_year", "", " lead", "trail ", "a,b", "say \"hi\"", "two\nlines", "报告/字段", "tab\there",
    ])
    func aWrittenFormIsWhatTheFieldWouldWrite(text: String) throws {
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: "\t")] {
            func written(_ write: (CSVRowWriter) throws -> Void) throws -> [UInt8] {
                let sink = OutputSink.memory()
                let rows = try CSVRowWriter(sink: sink, encoding: .utf8, bom: false, delimiter: delimiter, crlf: true)
                try write(rows)
                try rows.flush()
                return sink.collectedBytes
            }
            let direct = try written { rows in
                rows.field("x")
                rows.field(text)
                try rows.endRow()
            }
            let ahead = try written { rows in
                rows.field("x")
                rows.field(writtenForm: rows.writtenForm(of: text))
                try rows.endRow()
            }
            #expect(ahead == direct, "delimiter \(delimiter)")
        }
    }
}
