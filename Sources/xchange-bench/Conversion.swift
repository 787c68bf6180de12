import Foundation
import XchangeCore
import XchangeFormats
import XchangeSynthetic

/// One measured task, run inside a child process (`xchange-bench run TASK IN OUT`) so that its
/// peak memory is its own.
enum Conversion: String, CaseIterable {
    /// Reads a CSV into reports and drops them: the CSV reader alone.
    case parseCSV = "csv-parse"
    /// Wide CSV → wide CSV: reader and writer.
    case csvToCSV = "csv-to-csv"
    case csvToJSONLines = "csv-to-jsonl"
    case jsonLinesToCSV = "jsonl-to-csv"
    case csvToJSON = "csv-to-json"
    /// Reads a CSV and validates every report.
    case validateCSV = "validate-csv"
    /// Generates reports into a wide CSV.
    case generate = "generate"

    /// Exit status of a child whose format module is not built in.
    static let unavailable: Int32 = 3

    /// Runs the task; prints `reports=N findings=F peak_kb=K` on success.
    static func runChild(_ arguments: [String]) -> Int32 {
        guard arguments.count >= 3, let task = Conversion(rawValue: arguments[0]) else {
            FileHandle.standardError.write(Data("usage: xchange-bench run TASK INPUT OUTPUT\n".utf8))
            return 2
        }
        do {
            let (reports, findings) = try task.perform(input: arguments[1], output: arguments[2])
            print("reports=\(reports) findings=\(findings) peak_kb=\(peakMemoryKilobytes())")
            return 0
        } catch let missing as MissingModule {
            FileHandle.standardError.write(Data("\(missing.id) module not available\n".utf8))
            return unavailable
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 1
        }
    }

    struct MissingModule: Error { let id: String }

    private func module(_ id: String) throws -> any FormatModule {
        guard let module = BenchModules.registry.module(id: id) else { throw MissingModule(id: id) }
        return module
    }

    private func perform(input: String, output: String) throws -> (reports: Int, findings: Int) {
        let diagnostics = DiagnosticList()
        switch self {
        case .generate:
            let count = Int(input) ?? 100_000
            return (try convert(ReportGenerator(count: count, seed: 2024), to: module("csv"), output, diagnostics), 0)
        case .parseCSV:
            let csv = try module("csv")
            let reader = try csv.makeReader(InputSource(path: input), options: .defaults(for: csv, side: .read), diagnostics: diagnostics)
            var count = 0
            while try reader.next() != nil { count += 1 }
            return (count, 0)
        case .validateCSV:
            let csv = try module("csv")
            let reader = try csv.makeReader(InputSource(path: input), options: .defaults(for: csv, side: .read), diagnostics: diagnostics)
            let validator = Validator()
            var count = 0
            var findings = 0
            while let report = try reader.next() {
                count += 1
                findings += validator.validate(report).count
            }
            return (count, findings)
        case .csvToCSV, .csvToJSONLines, .jsonLinesToCSV, .csvToJSON:
            let (from, to) = switch self {
            case .csvToCSV: ("csv", "csv")
            case .csvToJSONLines, .csvToJSON: ("csv", "json")
            default: ("json", "csv")
            }
            let writerModule = try module(to)
            let readerModule = try module(from)
            let reader = try readerModule.makeReader(InputSource(path: input), options: .defaults(for: readerModule, side: .read), diagnostics: diagnostics)
            return (try convert(ReaderSequence(reader: reader), to: writerModule, output, diagnostics), 0)
        }
    }

    /// Streams reports into an output file through a module's writer.
    private func convert(_ reports: some Sequence<Report>, to module: any FormatModule, _ path: String, _ diagnostics: DiagnosticList) throws -> Int {
        let output = try AtomicFileOutput(path: path)
        let writer = try module.makeWriter(output.sink, options: .defaults(for: module, side: .write), diagnostics: diagnostics)
        var count = 0
        for report in reports {
            try writer.write(report)
            count += 1
        }
        try writer.finish()
        try output.commit()
        return count
    }
}

/// A reader as a sequence, for the writer loop; a read error ends the child process with status 1.
struct ReaderSequence: Sequence, IteratorProtocol {
    let reader: any ReportReader
    mutating func next() -> Report? {
        do { return try reader.next() } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(1)
        }
    }
}
