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
    /// the bound of a validator's memory, about 100 bytes each.
    public static let crossYearCapacity = CrossYearHistory.defaultCapacity
    /// The rules that apply to each format: index 0 for a report without a known format.
    private let plans: [FormatPlan]
    private var history: CrossYearHistory
    /// Working space of the screen, one slot per schema field.
    private var cells: [Int]

    /// The compiled rules that apply to reports of one format, sorted by how they are checked.
    /// A class, so that taking a report's plan copies nothing; never changed once made, so
    /// every validator of the schema shares it (``CompiledPlans``).
    fileprivate final class FormatPlan: Sendable {
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
        let compiled = CompiledPlans.shared(for: schema)
        self.plans = compiled.plans
        self.history = CrossYearHistory(fields: compiled.crossYearFields)
        self.cells = [Int](repeating: SumAndTypeScreen.blank, count: schema.fields.count)
    }

    /// A schema's rules compiled into plans, once per schema for the whole process: compiling
    /// takes a few milliseconds, and a validator is made for every file `validate` checks,
    /// every worker, every package the platform takes in.
    private final class CompiledPlans: Sendable {
        let plans: [FormatPlan]
        let crossYearFields: [FieldID]

        private init(_ schema: CanonicalSchema) {
            let rules = schema.rules.map { CompiledRule($0, schema: schema) }
            let formats: [FormatVersion?] = [nil] + FormatVersion.allCases
            plans = formats.map { format in
                FormatPlan(rules.filter { $0.rule.applies(to: format) }, schema: schema)
            }
            crossYearFields = Array(Set(rules.flatMap(\.crossYearFields))).sorted()
        }

        private static let lock = NSLock()
        /// The schemas compiled so far, the latest last; a handful at most (the built-in
        /// schema, and those tests make). Comparing a schema with a copy of itself is quick:
        /// its arrays and tables share storage.
        nonisolated(unsafe) private static var compiled: [(schema: CanonicalSchema, plans: CompiledPlans)] = []

        static func shared(for schema: CanonicalSchema) -> CompiledPlans {
            lock.lock()
            defer { lock.unlock() }
            if let known = compiled.last(where: { $0.schema == schema }) { return known.plans }
            let plans = CompiledPlans(schema)
            compiled.append((schema, plans))
            if compiled.count > 8 { compiled.removeFirst() }
            return plans
        }
    }

    /// Findings for one report, including cross-year findings against reports validated before.
    public func validate(_ report: Report, source: String? = nil) -> [Diagnostic] {
        validate(report, source: source, positions: { _ in [:] })
    }

    /// Findings for one report, as ``validate(_:source:)`` gives them, each placed at the
    /// first of its fields that has a position: in the report's provenance, else where
    /// `positions` says the field stands. `positions` is called only for a report with
    /// findings, with the fields that would place them, so that a reader that records no
    /// positions can find them for that report alone.
    public func validate(
        _ report: Report, source: String? = nil, positions: (FieldSet) throws -> [FieldID: SourceReference]
    ) rethrows -> [Diagnostic] {
        let plan = planIndex(report)
        var findings = try place(validateAlone(report, plan: plan, source: source), of: report, source, positions)
        guard let (agency, year) = crossYearSubject(report) else { return findings }
        findings += crossYearFindings(
            agency: agency, year: year, rules: plans[plan].crossYear, source: source,
            figures: { history.figures(of: report, year: year) })
        history.store(report, agency: agency, year: year)
        return findings
    }

    /// Findings of the rules that read one report alone: every rule but the cross-year ones.
    /// With ``note(_:in:)`` and ``crossYearFindings(_:at:source:)`` this splits ``validate(_:source:)``
    /// so that reports can be checked alone on several threads, each with a validator of its own.
    public func validateAlone(_ report: Report, source: String? = nil) -> [Diagnostic] {
        validateAlone(report, plan: planIndex(report), source: source).map(\.diagnostic)
    }

    /// ``validateAlone(_:source:)``, each finding placed as ``validate(_:source:positions:)``
    /// places it.
    public func validateAlone(
        _ report: Report, source: String? = nil, positions: (FieldSet) throws -> [FieldID: SourceReference]
    ) rethrows -> [Diagnostic] {
        try place(validateAlone(report, plan: planIndex(report), source: source), of: report, source, positions)
    }

    /// A batch for ``note(_:in:)``.
    public func makeCrossYearBatch() -> CrossYearBatch {
        CrossYearBatch(fieldCount: history.fields.count)
    }

    /// Notes in `batch` what the cross-year rules will need of `report`.
    public func note(_ report: Report, in batch: inout CrossYearBatch) {
        // Every report takes its room among the figures, one without an agency or a year too:
        // report `index`'s figures start at `index * fieldCount`.
        let base = batch.figures.count
        batch.figures.append(contentsOf: repeatElement(CrossYearHistory.absent, count: batch.fieldCount))
        guard let (agency, year) = crossYearSubject(report) else { return batch.entries.append(nil) }
        batch.entries.append(.init(agency: agency, year: year, plan: planIndex(report)))
        CrossYearHistory.pack(report, fields: history.fields, into: &batch.figures, others: &batch.others, at: base)
    }

    /// The cross-year findings of the report noted at `index` of `batch`, against the reports
    /// validated before; the report is remembered for those after it. Call it for the batches'
    /// reports in input order, as ``validate(_:source:)`` would have been called.
    public func crossYearFindings(_ batch: CrossYearBatch, at index: Int, source: String? = nil) -> [Diagnostic] {
        guard let entry = batch.entries[index] else { return [] }
        let findings = crossYearFindings(
            agency: entry.agency, year: entry.year, rules: plans[entry.plan].crossYear, source: source,
            figures: { history.figures(of: batch, at: index, year: entry.year) })
        history.store(batch, at: index, agency: entry.agency, year: entry.year)
        return findings
    }

    /// Whether a cross-year finding can be at or above `severity`.
    public func crossYearFindings(canReach severity: Severity) -> Bool {
        plans.contains { plan in plan.crossYear.contains { $0.rule.severity >= severity } }
    }

    private func validateAlone(_ report: Report, plan index: Int, source: String?) -> [PlaceableFinding] {
        let plan = plans[index]
        let evaluator = RuleEvaluator(report: report, source: source)
        var findings: [PlaceableFinding] = []
        let clean = plan.screen.passes(report.values, cells: &cells)
        for rule in clean ? plan.unscreened : plan.single {
            findings += evaluator.evaluate(rule)
        }
        return findings
    }

    /// The findings placed at the first of their fields that has a position: in the report's
    /// provenance (which it was placed by already), else in what `positions` finds. Only a
    /// value that is there has a position, so for each finding only its first field with a
    /// value is asked for, when that has no provenance; none, no call.
    private func place(
        _ findings: [PlaceableFinding], of report: Report, _ source: String?,
        _ positions: (FieldSet) throws -> [FieldID: SourceReference]
    ) rethrows -> [Diagnostic] {
        var wanted = FieldSet()
        for finding in findings {
            for id in finding.placedBy where report.values.contains(id) {
                if report.provenance[id.key] == nil { wanted.insert(id) }
                break
            }
        }
        guard !wanted.isEmpty else { return findings.map(\.diagnostic) }
        let found = try positions(wanted)
        guard !found.isEmpty else { return findings.map(\.diagnostic) }
        return findings.map { finding in
            guard !finding.placedBy.isEmpty else { return finding.diagnostic }
            var diagnostic = finding.diagnostic
            diagnostic.location = RuleEvaluator.location(of: finding.placedBy, source: source) { id in
                report.provenance[id.key] ?? found[id]
            }
            return diagnostic
        }
    }

    /// The plan for the report's format: the first for none, then one per version in the order
    /// of ``FormatVersion/allCases``.
    private func planIndex(_ report: Report) -> Int {
        guard case .text(let code)? = report.values[.formatVersion] else { return 0 }
        // Compared as strings (short ones, held inline: two words each), rather than through
        // `FormatVersion(rawValue:)` and `allCases`, which cost hundreds of instructions a report.
        for (position, known) in Self.formatCodes.enumerated() where known == code { return position + 1 }
        return 0
    }

    private static let formatCodes = FormatVersion.allCases.map(\.rawValue)

    private func crossYearSubject(_ report: Report) -> (AgencyDigest, Int)? {
        guard case .integer(let year)? = report.values[.reportYear], let agency = agencyKey(report) else { return nil }
        return (AgencyDigest(agency), year)
    }

    /// Compares a report's figures (made only when needed) with the agency's previous and next
    /// year remembered.
    private func crossYearFindings(
        agency: AgencyDigest, year: Int, rules: [CompiledRule], source: String?, figures: () -> YearFigures
    ) -> [Diagnostic] {
        let previous = history.record(agency, year: year - 1)
        let next = history.record(agency, year: year + 1)
        guard previous != nil || next != nil else { return [] }
        var findings: [Diagnostic] = []
        let current = figures()
        let before = previous.map { history.figures(of: $0) }
        let after = next.map { history.figures(of: $0) }
        for rule in rules {
            if let before {
                findings += CrossYearEvaluator(current: current, previous: before, source: source).evaluate(rule)
            }
            if let after {
                findings += CrossYearEvaluator(current: after, previous: current, source: source).evaluate(rule)
            }
        }
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
