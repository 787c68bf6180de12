import Foundation

/// Evaluates the rules that compare a report with the same agency's report of the year before.
struct CrossYearEvaluator {
    let current: Report
    let previous: Report
    let source: String?

    func evaluate(_ rule: RuleDescriptor) -> [Diagnostic] {
        switch rule.check {
        case .crossYearEqual(let terms), .crossYearBalance(let terms): compare(rule, terms)
        default: []
        }
    }

    private func compare(_ rule: RuleDescriptor, _ terms: CrossYearTerms) -> [Diagnostic] {
        guard let year = current.reportYear else { return [] }
        var findings: [Diagnostic] = []
        for binding in RuleBinding.all(terms.forEach) {
            guard let now = current[binding.apply(terms.current)]?.number,
                let before = previous[binding.apply(terms.previous)]?.number
            else { continue }
            var expected = before
            for key in terms.plus { expected += current[binding.apply(key)]?.number ?? 0 }
            for key in terms.minus { expected -= current[binding.apply(key)]?.number ?? 0 }
            guard expected != now else { continue }
            let path = binding.apply(terms.path)
            let adjustments = terms.plus.isEmpty && terms.minus.isEmpty ? "" : " adjusted by this year's changes"
            findings.append(Diagnostic(
                rule.severity, code: rule.id,
                message: "\(year): \(binding.apply(terms.current)) = \(now) but \(year - 1)'s \(binding.apply(terms.previous))\(adjustments) gives \(expected)",
                location: source.map { SourceReference(file: $0) }, field: path,
                expected: DecimalText.format(expected), actual: DecimalText.format(now)))
        }
        return findings
    }
}
