import Foundation

/// Evaluates the rules that compare a report with the same agency's report of the year before.
struct CrossYearEvaluator {
    let current: YearFigures
    let previous: YearFigures
    let source: String?

    func evaluate(_ compiled: CompiledRule) -> [Diagnostic] {
        guard case .crossYear(let instances) = compiled.check else { return [] }
        let rule = compiled.rule
        let year = current.year
        return instances.compactMap { instance in
            guard let now = current[instance.current], let before = previous[instance.previous] else { return nil }
            var expected = before
            for id in instance.plus { expected += current[id] ?? 0 }
            for id in instance.minus { expected -= current[id] ?? 0 }
            guard expected != now else { return nil }
            let adjustments = instance.plus.isEmpty && instance.minus.isEmpty ? "" : " adjusted by this year's changes"
            return Diagnostic(
                rule.severity, code: rule.id,
                message:
                    "\(year): \(instance.current.key) = \(DecimalText.format(now)) but \(year - 1)'s \(instance.previous.key)\(adjustments) gives \(DecimalText.format(expected))",
                location: source.map { SourceReference(file: $0) }, field: instance.path,
                expected: DecimalText.format(expected), actual: DecimalText.format(now))
        }
    }
}
