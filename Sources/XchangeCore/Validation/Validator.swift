import Foundation

/// Applies the schema's consistency rules to reports.
///
/// Sums use exact arithmetic and count absent cells as 0; a side of a sum that is wholly
/// blank while the other side holds figures is a warning, not a conflicting number. Rules that
/// compare a report with the same agency's previous year run when both years pass through the
/// same validator, in either order.
public final class Validator {
    public let schema: CanonicalSchema
    private let rules: [CompiledRule]
    private let crossYearFields: [FieldID]
    /// For each agency, the figures cross-year rules need from each year seen so far — a few
    /// numbers per report, so that validating a province's batch stays small in memory.
    private var history: [String: [Int: YearFigures]] = [:]

    public init(schema: CanonicalSchema = .v1) {
        self.schema = schema
        self.rules = schema.rules.map { CompiledRule($0, schema: schema) }
        self.crossYearFields = Array(Set(rules.flatMap(\.crossYearFields))).sorted()
    }

    /// Findings for one report, including cross-year findings against reports validated before.
    public func validate(_ report: Report, source: String? = nil) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let format = report.formatVersion
        let evaluator = RuleEvaluator(report: report, source: source)
        for rule in rules where rule.rule.applies(to: format) {
            findings += evaluator.evaluate(rule)
        }
        findings += crossYearFindings(for: report, source: source)
        return findings
    }

    private func crossYearFindings(for report: Report, source: String?) -> [Diagnostic] {
        guard let year = report.reportYear, let agency = agencyKey(report) else { return [] }
        let figures = YearFigures(report, year: year, fields: crossYearFields)
        var findings: [Diagnostic] = []
        let years = history[agency] ?? [:]
        for rule in rules where rule.rule.applies(to: report.formatVersion) {
            if let previous = years[year - 1] {
                findings += CrossYearEvaluator(current: figures, previous: previous, source: source).evaluate(rule)
            }
            if let next = years[year + 1] {
                findings += CrossYearEvaluator(current: next, previous: figures, source: source).evaluate(rule)
            }
        }
        history[agency, default: [:]][year] = figures
        return findings
    }

    private func agencyKey(_ report: Report) -> String? {
        if case .text(let code)? = report["meta.agency_uscc"] { return code }
        return report.agencyName
    }
}

/// The figures of one report that cross-year rules compare.
struct YearFigures {
    let year: Int
    let numbers: [FieldID: Decimal]

    init(_ report: Report, year: Int, fields: [FieldID]) {
        self.year = year
        var numbers: [FieldID: Decimal] = [:]
        for id in fields {
            if let number = report.values[id]?.number { numbers[id] = number }
        }
        self.numbers = numbers
    }

    subscript(id: FieldID) -> Decimal? { numbers[id] }
}
