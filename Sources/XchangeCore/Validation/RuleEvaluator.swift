import Foundation

/// Evaluates the single-report rules of the schema against one report.
struct RuleEvaluator {
    let report: Report
    let source: String?

    func evaluate(_ rule: RuleDescriptor) -> [Diagnostic] {
        switch rule.check {
        case .sumEqual(let terms): sums(rule, terms, holds: ==, relation: "=")
        case .sumAtMost(let terms): sums(rule, terms, holds: <=, relation: "≤")
        case .types(let prefix): types(rule, prefix: prefix)
        case .factsMatch(let keys): facts(rule, keys: keys)
        case .usccCheck(let key): code(rule, key: key, valid: CheckCharacters.isValidUSCC)
        case .orgCodeCheck(let key): code(rule, key: key, valid: CheckCharacters.isValidOrganisationCode(inUSCC:))
        case .dateOrder(let from, let to): dates(rule, from: from, to: to)
        case .crossYearEqual, .crossYearBalance: []
        }
    }

    private func sums(_ rule: RuleDescriptor, _ terms: SumTerms, holds: (Decimal, Decimal) -> Bool, relation: String) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for binding in RuleBinding.all(terms.forEach) {
            let path = binding.apply(terms.path)
            let left = terms.left.map(binding.apply)
            let right = terms.right.map(binding.apply)
            let leftSum = SumSide(keys: left, report: report)
            let rightSum = SumSide(keys: right, report: report)
            if leftSum.isBlank && rightSum.isBlank { continue }
            if leftSum.isBlank || rightSum.isBlank {
                let (blank, filled) = leftSum.isBlank ? (leftSum, rightSum) : (rightSum, leftSum)
                guard terms.whenBlank == .warn, filled.total != 0 else { continue }
                findings.append(Diagnostic(
                    .warning, code: rule.id,
                    message: "\(blank.describe(path)) is blank but \(filled.describe(path)) = \(filled.total)",
                    location: location(of: filled.keys), field: path,
                    expected: DecimalText.format(filled.total), actual: nil))
                continue
            }
            guard !holds(leftSum.total, rightSum.total) else { continue }
            findings.append(Diagnostic(
                rule.severity, code: rule.id,
                message: "\(leftSum.describe(path)) = \(leftSum.total) but \(rightSum.describe(path)) = \(rightSum.total)"
                    + (relation == "=" ? "" : " (expected \(relation))"),
                location: location(of: left + right), field: path,
                expected: DecimalText.format(rightSum.total), actual: DecimalText.format(leftSum.total)))
        }
        return findings
    }

    private func types(_ rule: RuleDescriptor, prefix: String) -> [Diagnostic] {
        report.values.present.compactMap { id, value in
            let field = id.descriptor
            guard field.key.hasPrefix(prefix), !value.conforms(to: field.kind) else { return nil }
            return Diagnostic(
                rule.severity, code: rule.id, message: "expected \(field.kind.expectation), found \(value.plainText)",
                location: location(of: [field.key]), field: field.key)
        }
    }

    private func facts(_ rule: RuleDescriptor, keys: [String]) -> [Diagnostic] {
        report.facts.compactMap { fact in
            guard let key = fact.key, keys.contains(key), let stated = report[key]?.number, stated != fact.value else { return nil }
            return Diagnostic(
                rule.severity, code: rule.id,
                message: "the text states \(fact.label) \(DecimalText.format(fact.value)) but the table has \(stated)",
                location: fact.source, field: key, expected: DecimalText.format(stated), actual: DecimalText.format(fact.value))
        }
    }

    private func code(_ rule: RuleDescriptor, key: String, valid: (String) -> Bool) -> [Diagnostic] {
        guard case .text(let code)? = report[key], !valid(code) else { return [] }
        return [Diagnostic(rule.severity, code: rule.id, message: "\(code): \(rule.message)", location: location(of: [key]), field: key)]
    }

    private func dates(_ rule: RuleDescriptor, from: String, to: String) -> [Diagnostic] {
        guard case .date(let start)? = report[from], case .date(let end)? = report[to], start > end else { return [] }
        return [Diagnostic(
            rule.severity, code: rule.id, message: "\(from) \(start) is after \(to) \(end)",
            location: location(of: [from]), field: from)]
    }

    /// The provenance of the first of these fields that has one, else just the file.
    private func location(of keys: [String]) -> SourceReference? {
        for key in keys {
            if var reference = report.provenance[key] {
                if reference.file == nil { reference.file = source }
                return reference
            }
        }
        return source.map { SourceReference(file: $0) }
    }
}

/// One side of a sum: its cells, whether all are blank, and their total (blank = 0).
struct SumSide {
    let keys: [String]
    let isBlank: Bool
    let total: Decimal

    init(keys: [String], report: Report) {
        self.keys = keys
        var total = Decimal(0)
        var blank = true
        for key in keys {
            if let number = report[key]?.number {
                total += number
                blank = false
            }
        }
        self.total = total
        self.isBlank = blank
    }

    /// The terms with what the finding's path already says stripped off:
    /// `new_received + carried_over` under `applications.*.natural_person`.
    func describe(_ path: String) -> String {
        let parts = path.components(separatedBy: "*")
        let prefix = parts.first ?? ""
        let suffix = parts.count > 1 ? parts[1] : ""
        let names = keys.map { key -> String in
            var name = Substring(key)
            if parts.count > 1, name.hasPrefix(prefix) { name = name.dropFirst(prefix.count) }
            if parts.count > 1, !suffix.isEmpty, name.hasSuffix(suffix) { name = name.dropLast(suffix.count) }
            return String(name)
        }
        if names.count <= 6 { return names.joined(separator: " + ") }
        return "the sum of \(names.count) cells (\(names[0]) … \(names[names.count - 1]))"
    }
}
