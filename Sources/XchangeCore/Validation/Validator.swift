import Foundation

/// Applies the schema's consistency rules to reports.
///
/// Sums use decimal arithmetic and count absent cells as 0; a side of a sum that is wholly
/// blank while the other side holds figures is a warning, not a conflicting number. Rules that
/// compare a report with the same agency's previous year run when both years pass through the
/// same validator, in either order.
public final class Validator {
    public let schema: CanonicalSchema
    private var history: [String: [Int: Report]] = [:]
    private let crossYearKeys: [String]

    public init(schema: CanonicalSchema = .v1) {
        self.schema = schema
        var keys: Set<String> = []
        for rule in schema.rules {
            switch rule.check {
            case .crossYearEqual(let terms), .crossYearBalance(let terms):
                for binding in RuleBinding.all(terms.forEach) {
                    for key in [terms.current, terms.previous] + terms.plus + terms.minus { keys.insert(binding.apply(key)) }
                }
            default: break
            }
        }
        crossYearKeys = keys.sorted()
    }

    /// Findings for one report, including cross-year findings against reports validated before.
    public func validate(_ report: Report, source: String? = nil) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let evaluator = RuleEvaluator(report: report, source: source)
        for rule in schema.rules where rule.applies(to: report.formatVersion) {
            findings += evaluator.evaluate(rule)
        }
        findings += crossYearFindings(for: report, source: source)
        return findings
    }

    private func crossYearFindings(for report: Report, source: String?) -> [Diagnostic] {
        guard let year = report.reportYear, let agency = agencyKey(report) else { return [] }
        var findings: [Diagnostic] = []
        let years = history[agency] ?? [:]
        for rule in schema.rules where rule.applies(to: report.formatVersion) {
            if let previous = years[year - 1] {
                findings += CrossYearEvaluator(current: report, previous: previous, source: source).evaluate(rule)
            }
            if let next = years[year + 1] {
                findings += CrossYearEvaluator(current: next, previous: report, source: source).evaluate(rule)
            }
        }
        // Keep only the cells cross-year rules read, so a long stream stays small in memory.
        var snapshot = Report()
        for key in crossYearKeys { try? snapshot.set(key, to: report[key]) }
        try? snapshot.set("meta.report_year", to: .integer(year))
        snapshot.formatVersion = report.formatVersion
        history[agency, default: [:]][year] = snapshot
        return findings
    }

    private func agencyKey(_ report: Report) -> String? {
        if case .text(let code)? = report["meta.agency_uscc"] { return code }
        return report.agencyName
    }
}

/// One assignment of a rule's loop variable (`$column` = `natural_person`).
struct RuleBinding {
    let name: String?
    let value: String?

    static func all(_ variable: LoopVariable?) -> [RuleBinding] {
        guard let variable else { return [RuleBinding(name: nil, value: nil)] }
        return variable.values.map { RuleBinding(name: variable.name, value: $0) }
    }

    func apply(_ template: String) -> String {
        guard let name, let value else { return template }
        return template.replacingOccurrences(of: "$" + name, with: value)
    }
}
