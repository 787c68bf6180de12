import XchangeCore

/// Reports checked alone on a worker thread (``Validator/validateAlone(_:source:)``): the
/// findings of those that have some, and what the cross-year rules need of every one, for
/// ``merge(into:found:)`` to check in input order.
public struct CheckedReports: Sendable {
    /// The input's name, as findings give it.
    public var source: String
    /// The reports with findings of their own: their number, subject and findings.
    private var alone: [(ordinal: Int, subject: String?, found: [Diagnostic])] = []
    /// Each report's number and agency name (for the subject of a cross-year finding).
    private var ordinals: [Int] = []
    private var names: [String?] = []
    private var crossYear: CrossYearBatch

    /// `meta.agency_name`, looked up once rather than by its key for every report.
    private static let agencyName = CanonicalSchema.v1.fieldID("meta.agency_name")!

    /// None yet, of reports that `validator` will check alone.
    public init(source: String, checkedBy validator: Validator) {
        self.source = source
        crossYear = validator.makeCrossYearBatch()
    }

    /// How many reports were added.
    public var count: Int { ordinals.count }

    /// Adds a report numbered `ordinal`, with the findings `validator` gave it alone, and notes
    /// what the cross-year rules need of it.
    public mutating func add(_ report: Report, ordinal: Int, found: [Diagnostic], by validator: Validator) {
        if !found.isEmpty { alone.append((ordinal, ValidationFinding.subject(of: report), found)) }
        ordinals.append(ordinal)
        if case .text(let name)? = report.values[Self.agencyName] {
            names.append(name)
        } else {
            names.append(nil)
        }
        validator.note(report, in: &crossYear)
    }

    /// Hands out each report's findings in the order the reports were added, as checking them
    /// one by one with ``Validator/validate(_:source:)`` would: its own findings, then its
    /// cross-year findings against the reports `validator` saw before (these reports are
    /// remembered for those after). Reports without findings are passed over.
    public func merge(
        into validator: Validator, found: (_ ordinal: Int, _ subject: String?, _ findings: [Diagnostic]) throws -> Void
    ) rethrows {
        var alone = self.alone[...]
        for index in 0..<count {
            let ordinal = ordinals[index]
            var own: [Diagnostic] = []
            var subject: String?
            if let first = alone.first, first.ordinal == ordinal {
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
            try found(ordinal, subject, own + crossYear)
        }
    }
}

/// Checks the reports of pieces alone, on a worker thread, with a validator of its own; the
/// findings of a report are placed by positions its reader finds, when it can, so that they
/// point at lines.
public final class PieceChecker: PieceWork {
    private let validator = Validator()
    private let source: String

    /// A checker of the pieces of the input named `source` in findings.
    public init(source: String) {
        self.source = source
    }

    /// The piece's reports checked alone, numbered from 1.
    public func handle(_ reports: any ReportReader) throws -> CheckedReports {
        var checked = CheckedReports(source: source, checkedBy: validator)
        try checked.check(reports, by: validator)
        return checked
    }
}

extension CheckedReports {
    /// Checks alone with `validator` every report `reports` reads, numbering them on from
    /// ``count``, and adds them; findings are placed by positions the reader finds, when it
    /// can. `read` is called after each report is read, with its number. What was
    /// added before an error stays added.
    mutating func check(
        _ reports: any ReportReader, by validator: Validator, read: (Int) -> Void = { _ in }
    ) throws {
        while let report = try reports.next() {
            let ordinal = count + 1
            read(ordinal)
            let found = try validator.validateAlone(report, source: source, positions: reports.knownPositions(of:))
            add(report, ordinal: ordinal, found: found, by: validator)
        }
    }
}
