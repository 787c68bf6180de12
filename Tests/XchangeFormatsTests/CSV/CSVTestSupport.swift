import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// Real temporary files for CSV tests, removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "xchange-csv-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    /// Writes bytes to a file and returns its path.
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let target = file(name)
        FileManager.default.createFile(atPath: target, contents: Data(bytes))
        return target
    }

    func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }
}

enum CSVTest {
    static let module = CSVFormat()

    /// Writes reports through the csv module into `path`.
    static func write(_ reports: [Report], to path: String, options: [String: String] = [:]) throws {
        let output = try AtomicFileOutput(path: path)
        let writer = try module.makeWriter(
            output.sink, options: FormatOptions(options, for: module), diagnostics: DiagnosticList())
        for report in reports { try writer.write(report) }
        try writer.finish()
        try output.commit()
    }

    /// Writes reports through the csv module into memory, which cannot be read back, so the
    /// wide writer holds its rows until it knows the header (as for standard output).
    static func writeHeld(_ reports: [Report], options: [String: String] = [:]) throws -> [UInt8] {
        let sink = OutputSink.memory()
        let writer = try module.makeWriter(
            sink, options: FormatOptions(options, for: module), diagnostics: DiagnosticList())
        for report in reports { try writer.write(report) }
        try writer.finish()
        return sink.collectedBytes
    }

    /// Reads every report of a file through the csv module.
    static func read(
        _ path: String, options: [String: String] = [:], diagnostics: DiagnosticList = DiagnosticList()
    ) throws -> [Report] {
        let reader = try module.makeReader(
            InputSource(path: path), options: FormatOptions(options, for: module), diagnostics: diagnostics)
        var reports: [Report] = []
        while let report = try reader.next() { reports.append(report) }
        return reports
    }

    /// The error a read throws, as a Diagnostic (fails the test when it does not throw one).
    static func readError(
        _ path: String, options: [String: String] = [:], diagnostics: DiagnosticList = DiagnosticList()
    ) -> Diagnostic? {
        do {
            let reports = try read(path, options: options, diagnostics: diagnostics)
            Issue.record("expected an error, read \(reports.count) reports")
            return nil
        } catch let diagnostic as Diagnostic {
            return diagnostic
        } catch {
            Issue.record("expected a Diagnostic, got \(error)")
            return nil
        }
    }

    /// The cells of every record the tokenizer reads from `bytes`, fed to it `chunk` bytes at
    /// a time (a record, a cell or a line end may straddle two chunks).
    static func records(_ bytes: [UInt8], chunk: Int = 1 << 16, delimiter: UInt8 = UInt8(ascii: ",")) -> [[String]] {
        var tokenizer = CSVTokenizer(delimiter: delimiter)
        var records: [[String]] = []
        func collect() { records.append((0..<tokenizer.record.count).map { tokenizer.record.lossyString($0) }) }
        var offset = 0
        while offset < bytes.count {
            let piece = Array(bytes[offset..<min(bytes.count, offset + chunk)])
            var position = 0
            while let end = piece.withUnsafeBufferPointer({ tokenizer.next(in: $0, from: position) }) {
                collect()
                position = end
            }
            tokenizer.advance(by: piece.count)
            offset += chunk
        }
        if (try? tokenizer.finish()) == true { collect() }
        return records
    }

    /// Rows as CSV text with CR LF line ends: cells quoted when they must be, or all of them.
    static func text(_ rows: [[String]], quotingAll: Bool = false) -> String {
        func cell(_ text: String) -> String {
            guard quotingAll || text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return rows.map { $0.map(cell).joined(separator: ",") + "\r\n" }.joined()
    }

    /// Converts text to GB18030 bytes with iconv, as Excel on a Chinese system saves it.
    static func gb18030(_ text: String) throws -> [UInt8] {
        let transcoder = try IconvTranscoder(from: "UTF-8", to: "GB18030")
        var out: [UInt8] = []
        try transcoder.convert(Array(text.utf8), into: &out)
        return out
    }
}

extension Report {
    /// The report without provenance, for round-trip comparisons.
    var withoutProvenance: Report {
        var copy = self
        copy.provenance = [:]
        return copy
    }
}
