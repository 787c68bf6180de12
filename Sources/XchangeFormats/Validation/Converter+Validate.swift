import Foundation
import XchangeCore

extension Converter {
    /// Validates every report of one input with `validator` and hands out the findings in
    /// input order: what `xchange validate` does for each file.
    ///
    /// Where a report with findings has no positions of its own, its reader, when it can, finds
    /// those of the fields its findings name, so that they point at lines; the others are
    /// read once, fast. The reader's own diagnostics
    /// come before the findings of the report they were raised on. When the input cannot be
    /// read on (a syntax error, an input with no report), the diagnostics so far and the error
    /// (with no report number) are the last findings; nothing is thrown for them.
    ///
    /// When the format can (JSON, JSON Lines, wide CSV) and there is more than one worker, the
    /// input is read in pieces on every core: each worker checks its reports alone, and this
    /// thread checks the cross-year rules in input order. The findings, their order and their
    /// report numbers are exactly those of reading in order.
    ///
    /// - Parameters:
    ///   - path: the input file, or `-` for standard input.
    ///   - format: the format id; nil to take it from the file extension.
    ///   - options: reader options, checked against the module's.
    ///   - workers: threads that check reports; 1 reads in order.
    ///   - found: receives each finding.
    /// - Returns: how many reports were read.
    @discardableResult
    public func validate(
        _ path: String, from format: String? = nil, options: [String: String] = [:], with validator: Validator,
        workers: Int = min(ProcessInfo.processInfo.activeProcessorCount, 8),
        found: (ValidationFinding) throws -> Void
    ) throws -> Int {
        // What readers and the input's pieces raise, and what piece readers raised on other
        // threads (handed over as each piece is taken).
        let collected = DiagnosticList()
        let fromPieces = DiagnosticList()
        var reports = 0
        /// Hands out the diagnostics raised so far, as said on report `report`.
        func spoken(on report: Int?) throws {
            for diagnostic in collected.drain() + fromPieces.drain() {
                try found(ValidationFinding(file: path, report: report, diagnostic: diagnostic))
            }
        }
        do {
            let module = try registry.resolve(id: format, path: path, for: .read)
            let checked = try FormatOptions(options, for: module, side: .read)
            let input = try path == "-" ? .standardInput() : InputSource(path: path)
            let source = input.displayName
            /// Validates a reader's reports in order, each after the reports before it.
            func inOrder(_ reader: any ReportReader) throws {
                while let report = try reader.next() {
                    reports += 1
                    try spoken(on: reports)
                    let findings = try validator.validate(report, source: source, positions: reader.knownPositions(of:))
                    let subject = findings.isEmpty ? nil : ValidationFinding.subject(of: report)
                    for diagnostic in findings {
                        try found(
                            ValidationFinding(file: path, report: reports, subject: subject, diagnostic: diagnostic))
                    }
                }
            }
            if workers > 1,
                let pieces = try (module as? any PieceReadingModule)?.pieces(
                    of: input, options: checked, diagnostics: collected)
            {
                let checkers = (0..<workers).map { _ in PieceChecker(source: source) }
                _ = try PieceScheduler.run(
                    pieces, workers: checkers, diagnostics: fromPieces,
                    take: { checked, piece, _ in
                        guard fromPieces.drain().isEmpty else {
                            // The piece's reader spoke on some report: read the piece again in
                            // order, so that each diagnostic comes with its report.
                            try inOrder(try pieces.reader(for: piece, diagnostics: collected))
                            return
                        }
                        if checked.count > 0 { try spoken(on: reports + 1) }
                        let before = reports
                        try checked.merge(into: validator) { ordinal, subject, findings in
                            for diagnostic in findings {
                                try found(
                                    ValidationFinding(
                                        file: path, report: before + ordinal, subject: subject, diagnostic: diagnostic))
                            }
                        }
                        reports += checked.count
                    },
                    readRest: { reader, _ in
                        let before = reports
                        try inOrder(reader)
                        return reports - before
                    })
            } else {
                try inOrder(try module.makeReader(input, options: checked, diagnostics: collected))
            }
            if reports == 0 { throw Self.noReport(in: input) }
        } catch let diagnostic as Diagnostic {
            try spoken(on: reports + 1)
            try found(ValidationFinding(file: path, report: nil, diagnostic: diagnostic))
        }
        return reports
    }
}

extension DiagnosticList {
    /// Everything collected so far, emptying the list.
    public func drain() -> [Diagnostic] {
        let items = diagnostics
        clear()
        return items
    }
}
