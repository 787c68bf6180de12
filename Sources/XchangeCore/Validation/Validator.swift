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
    private let crossYearFields: CrossYearFields
    /// For each agency, the figures cross-year rules need from each year seen so far — a few
    /// numbers per report, so that validating a province's batch stays small in memory.
    private var history: [AgencyYear: YearFigures] = [:]

    /// One agency's report of one year: a flat key, so that each report costs one entry.
    private struct AgencyYear: Hashable {
        let agency: String
        let year: Int
    }

    public init(schema: CanonicalSchema = .v1) {
        self.schema = schema
        self.rules = schema.rules.map { CompiledRule($0, schema: schema) }
        self.crossYearFields = CrossYearFields(Array(Set(rules.flatMap(\.crossYearFields))).sorted())
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
        let previous = history[AgencyYear(agency: agency, year: year - 1)]
        let next = history[AgencyYear(agency: agency, year: year + 1)]
        for rule in rules where rule.rule.applies(to: report.formatVersion) {
            if let previous {
                findings += CrossYearEvaluator(current: figures, previous: previous, source: source).evaluate(rule)
            }
            if let next {
                findings += CrossYearEvaluator(current: next, previous: figures, source: source).evaluate(rule)
            }
        }
        history[AgencyYear(agency: agency, year: year)] = figures
        return findings
    }

    private func agencyKey(_ report: Report) -> String? {
        if case .text(let code)? = report["meta.agency_uscc"] { return code }
        return report.agencyName
    }
}

/// The figures of one report that cross-year rules compare, kept compactly: a validator holds
/// one of these per agency and year for the whole batch. Whole numbers (nearly all of them) sit
/// in one array in the order of the validator's cross-year fields; any other number beside it.
struct YearFigures {
    let year: Int
    /// The cross-year fields, shared by every report's figures.
    private let fields: CrossYearFields
    /// By position in `fields`; ``absent`` for a blank cell or a number that is not whole.
    private let integers: [Int]
    private let others: [FieldID: Decimal]

    /// Marks a figure that is not in `integers`.
    private static let absent = Int.min

    init(_ report: Report, year: Int, fields: CrossYearFields) {
        self.year = year
        self.fields = fields
        var integers = [Int](repeating: Self.absent, count: fields.ids.count)
        var others: [FieldID: Decimal] = [:]
        for (position, id) in fields.ids.enumerated() {
            switch report.values[id] {
            case .integer(let value)? where value != Self.absent: integers[position] = value
            case let value?: if let number = value.number { others[id] = number }
            case nil: break
            }
        }
        self.integers = integers
        self.others = others
    }

    subscript(id: FieldID) -> Decimal? {
        if let position = fields.position[id], integers[position] != Self.absent { return Decimal(integers[position]) }
        return others[id]
    }
}

/// The fields cross-year rules read, with each one's position, built once per validator.
final class CrossYearFields: Sendable {
    let ids: [FieldID]
    let position: [FieldID: Int]

    init(_ ids: [FieldID]) {
        self.ids = ids
        self.position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
    }
}
