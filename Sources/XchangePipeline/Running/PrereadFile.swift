import XchangeCore
import XchangeFormats

/// A small source file read on a worker thread ahead of the run: its reports, each with what
/// its reader said while reading it, for the run to hand to the steps in order exactly as
/// reading the file then would.
struct PrereadFile: @unchecked Sendable {
    /// Files up to this size are read ahead: small enough that a few files' reports held at
    /// once stay a few megabytes.
    static let sizeLimit = 256 * 1024

    var reports: [(report: Report, said: [Diagnostic])] = []
    /// What the reader said after its last report.
    var trailing: [Diagnostic] = []
    /// What stopped the reading: thrown when the run reaches the file.
    var failure: (any Error)?
    /// Opens the file again, for the positions of a report's values (``ReportBeingRead``).
    var reopen: (() throws -> any ReportReader)?

    /// Reads every report of the file at `path` with `module`.
    static func read(_ path: String, module: any FormatModule, options: [String: String]) -> PrereadFile {
        let said = DiagnosticList()
        var file = PrereadFile()
        file.reopen = {
            let checked = try FormatOptions(options, for: module, side: .read)
            return try module.makeReader(try InputSource(path: path), options: checked, diagnostics: DiagnosticList())
        }
        do {
            let checked = try FormatOptions(options, for: module, side: .read)
            let reader = try module.makeReader(try InputSource(path: path), options: checked, diagnostics: said)
            while let report = try reader.next() { file.reports.append((report, said.drain())) }
        } catch {
            file.failure = error
        }
        file.trailing = said.drain()
        return file
    }
}
