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
    private var history: [String: [Int: Report]] = [:]

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
        var findings: [Diagnostic] = []
        let years = history[agency] ?? [:]
        for rule in rules where rule.rule.applies(to: report.formatVersion) {
            if let previous = years[year - 1] {
                findings += CrossYearEvaluator(current: report, previous: previous, source: source).evaluate(rule)
            }
            if let next = years[year + 1] {
                findings += CrossYearEvaluator(current: next, previous: report, source: source).evaluate(rule)
            }
        }
        // Keep only the cells cross-year rules read, so a long stream stays small in memory.
        var snapshot = Report()
        for id in crossYearFields { snapshot.values[id] = report.values[id] }
        snapshot.values[FieldID.reportYear] = .integer(year)
        snapshot.formatVersion = report.formatVersion
        history[agency, default: [:]][year] = snapshot
        return findings
    }

    private func agencyKey(_ report: Report) -> String? {
        if case .text(let code)? = report["meta.agency_uscc"] { return code }
        return report.agencyName
    }
}

extension FieldID {
    static let reportYear = CanonicalSchema.v1.fieldID("meta.report_year")!
}
