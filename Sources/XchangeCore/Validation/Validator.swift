import Foundation

/// Applies the schema's consistency rules to reports.
///
/// Sums use exact arithmetic and count absent cells as 0; a side of a sum that is wholly
/// blank while the other side holds figures is a warning, not a conflicting number. Rules that
/// compare a report with the same agency's previous year run when both years pass through the
/// same validator, in either order, within the last ``crossYearCapacity`` agency-years it saw.
///
/// A report is first screened with integer sums and type tests (``SumAndTypeScreen``); only
/// a report the screen cannot pass goes through the full evaluator that words the findings.
public final class Validator {
    public let schema: CanonicalSchema
    /// How many agency-years the cross-year rules remember (the oldest are forgotten first):
    /// the bound of a validator's memory, about 80 bytes each.
    public static let crossYearCapacity = CrossYearHistory.defaultCapacity
    /// The rules that apply to each format: index 0 for a report without a known format.
    private let plans: [FormatPlan]
    private var history: CrossYearHistory
    /// Working space of the screen, one slot per schema field.
    private var cells: [Int]

    /// The compiled rules that apply to reports of one format, sorted by how they are checked.
    private struct FormatPlan {
        /// Every rule but the cross-year ones, in schema order.
        let single: [CompiledRule]
        /// The rules of `single` the screen does not decide, in schema order.
        let unscreened: [CompiledRule]
        let screen: SumAndTypeScreen
        let crossYear: [CompiledRule]

        init(_ rules: [CompiledRule], schema: CanonicalSchema) {
            single = rules.filter { !$0.isCrossYear }
            unscreened = single.filter { !$0.isScreened }
            screen = SumAndTypeScreen(single, schema: schema)
            crossYear = rules.filter(\.isCrossYear)
        }
    }

    public init(schema: CanonicalSchema = .v1) {
        self.schema = schema
        let rules = schema.rules.map { CompiledRule($0, schema: schema) }
        let formats: [FormatVersion?] = [nil] + FormatVersion.allCases
        self.plans = formats.map { format in
            FormatPlan(rules.filter { $0.rule.applies(to: format) }, schema: schema)
        }
        self.history = CrossYearHistory(fields: Array(Set(rules.flatMap(\.crossYearFields))).sorted())
        self.cells = [Int](repeating: SumAndTypeScreen.blank, count: schema.fields.count)
    }

    /// Findings for one report, including cross-year findings against reports validated before.
    public func validate(_ report: Report, source: String? = nil) -> [Diagnostic] {
        let plan = plans[planIndex(report)]
        let evaluator = RuleEvaluator(report: report, source: source)
        var findings: [Diagnostic] = []
        let clean = plan.screen.passes(report.values, cells: &cells)
        for rule in clean ? plan.unscreened : plan.single {
            findings += evaluator.evaluate(rule)
        }
        findings += crossYearFindings(for: report, rules: plan.crossYear, source: source)
        return findings
    }

    private func planIndex(_ report: Report) -> Int {
        guard case .text(let code)? = report.values[.formatVersion], let format = FormatVersion(rawValue: code)
        else { return 0 }
        return 1 + FormatVersion.allCases.firstIndex(of: format)!
    }

    private func crossYearFindings(for report: Report, rules: [CompiledRule], source: String?) -> [Diagnostic] {
        guard case .integer(let year)? = report.values[.reportYear], let agency = agencyKey(report) else { return [] }
        let digest = AgencyDigest(agency)
        var findings: [Diagnostic] = []
        let previous = history.record(digest, year: year - 1)
        let next = history.record(digest, year: year + 1)
        if previous != nil || next != nil {
            let figures = history.figures(of: report, year: year)
            let before = previous.map { history.figures(of: $0) }
            let after = next.map { history.figures(of: $0) }
            for rule in rules {
                if let before {
                    findings += CrossYearEvaluator(current: figures, previous: before, source: source).evaluate(rule)
                }
                if let after {
                    findings += CrossYearEvaluator(current: after, previous: figures, source: source).evaluate(rule)
                }
            }
        }
        history.store(report, agency: digest, year: year)
        return findings
    }

    private func agencyKey(_ report: Report) -> String? {
        if case .text(let code)? = report.values[.agencyUSCC] { return code }
        if case .text(let name)? = report.values[.agencyName] { return name }
        return nil
    }
}

extension CompiledRule {
    fileprivate var isCrossYear: Bool {
        if case .crossYear = check { return true }
        return false
    }

    /// Whether ``SumAndTypeScreen`` decides the rule.
    fileprivate var isScreened: Bool {
        switch check {
        case .sum, .types: true
        default: false
        }
    }
}

extension FieldID {
    fileprivate static let reportYear = CanonicalSchema.v1.fieldID("meta.report_year")!
    fileprivate static let agencyUSCC = CanonicalSchema.v1.fieldID("meta.agency_uscc")!
    fileprivate static let agencyName = CanonicalSchema.v1.fieldID("meta.agency_name")!
}
