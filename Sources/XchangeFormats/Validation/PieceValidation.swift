import XchangeCore

/// What a worker found in one piece of an input: the findings of the reports checked alone,
/// and what the cross-year rules need of every report, for ``merge(into:reportsBefore:found:)``
/// to check in input order.
public struct CheckedPiece: Sendable {
    /// The input's name, as findings give it.
    public let source: String
    /// The reports with findings of their own: their number in the piece (from 1), subject and
    /// findings.
    var alone: [(ordinal: Int, subject: String?, found: [Diagnostic])] = []
    /// Each report's agency name, for the subject of a cross-year finding.
    var names: [String?] = []
    var crossYear: CrossYearBatch

    /// How many reports the piece held.
    public var count: Int { names.count }

    /// Hands out the findings of the piece's reports in input order, as validating them one by
    /// one with ``Validator/validate(_:source:)`` would: a report's own findings, then its
    /// cross-year findings against the reports `validator` saw before (this piece's reports
    /// are remembered for those after). `reportsBefore` reports of the input came before.
    public func merge(into validator: Validator, reportsBefore: Int, found: (ValidationFinding) throws -> Void) rethrows
    {
        var alone = self.alone[...]
        for index in 0..<count {
            var own: [Diagnostic] = []
            var subject: String?
            if let first = alone.first, first.ordinal == index + 1 {
                (own, subject) = (first.found, first.subject)
                alone = alone.dropFirst()
            }
            let crossYear = validator.crossYearFindings(self.crossYear, at: index, source: source)
            guard !own.isEmpty || !crossYear.isEmpty else { continue }
            if own.isEmpty {
                // A cross-year finding: the report has an agency and a year.
                subject = [names[index], self.crossYear.year(at: index).map { "\($0)" }].compactMap { $0 }.joined(
                    separator: " ")
            }
            for diagnostic in own + crossYear {
                try found(
                    ValidationFinding(
                        file: source, report: reportsBefore + index + 1, subject: subject, diagnostic: diagnostic))
            }
        }
    }
}

/// Checks the reports of pieces alone, on a worker thread, with a validator of its own
/// (``Validator/validateAlone(_:source:)``); a report with findings is read again with
/// positions, when its reader can, so that they point at lines.
public final class PieceChecker: PieceWork {
    private let validator = Validator()
    private let source: String

    /// A checker of the pieces of the input named `source` in findings.
    public init(source: String) {
        self.source = source
    }

    public func handle(_ reports: any ReportReader) throws -> CheckedPiece {
        var piece = CheckedPiece(source: source, crossYear: validator.makeCrossYearBatch())
        var ordinal = 0
        while let report = try reports.next() {
            ordinal += 1
            var found = validator.validateAlone(report, source: source)
            if !found.isEmpty {
                if let located = try (reports as? any PositionedRereading)?.rereadWithPositions() {
                    found = validator.validateAlone(located, source: source)
                }
                piece.alone.append((ordinal, ValidationFinding.subject(of: report), found))
            }
            piece.names.append(report.agencyName)
            validator.note(report, in: &piece.crossYear)
        }
        return piece
    }
}
