import Foundation

/// A finding of a single-report rule, with the fields it is placed by: the first of them
/// that has a position.
struct PlaceableFinding {
    var diagnostic: Diagnostic
    let placedBy: [FieldID]
}

/// Evaluates the single-report rules against one report.
struct RuleEvaluator {
    let report: Report
    let source: String?

    func evaluate(_ compiled: CompiledRule) -> [PlaceableFinding] {
        // The descriptor is read only for a finding: copying it retains every string in it.
        var rule: RuleDescriptor { compiled.rule }
        switch compiled.check {
        case .sum(let atMost, let whenBlank, let instances):
            var findings: [PlaceableFinding] = []
            for instance in instances {
                // Most sums are whole numbers that hold: check those without building anything.
                if Self.holds(instance, atMost: atMost, in: report.values) { continue }
                if let finding = sum(rule, instance, atMost: atMost, whenBlank: whenBlank) { findings.append(finding) }
            }
            return findings
        case .types(let fields):
            return fields.compactMap { id in
                // `id.kind`, not the descriptor: this runs for every field of every report.
                guard let value = report.values[id], !value.conforms(to: id.kind) else { return nil }
                return placed(
                    Diagnostic(
                        rule.severity, code: rule.id,
                        message: "expected \(id.descriptor.kind.expectation), found \(value.plainText)",
                        field: id.key),
                    by: [id])
            }
        case .factsMatch(let fields):
            return report.facts.compactMap { fact in
                // One look-up of the fact's key finds both whether the rule compares it and its field.
                guard let key = fact.key, let id = fields[key], let stated = report.values[id]?.number,
                    stated != fact.value
                else { return nil }
                return PlaceableFinding(
                    diagnostic: Diagnostic(
                        rule.severity, code: rule.id,
                        message:
                            "the text states \(fact.label) \(DecimalText.format(fact.value)) but the table has \(stated)",
                        location: fact.source, field: key, expected: DecimalText.format(stated),
                        actual: DecimalText.format(fact.value)),
                    placedBy: [])
            }
        case .uscc(let id):
            return code(compiled, id, valid: CheckCharacters.isValidUSCC)
        case .orgCode(let id):
            return code(compiled, id, valid: CheckCharacters.isValidOrganisationCode(inUSCC:))
        case .dateOrder(let from, let to):
            guard case .date(let start)? = report.values[from], case .date(let end)? = report.values[to], start > end
            else { return [] }
            return [
                placed(
                    Diagnostic(
                        rule.severity, code: rule.id,
                        message: "\(from.key) \(start) is after \(to.key) \(end)",
                        field: from.key),
                    by: [from])
            ]
        case .crossYear:
            return []
        }
    }

    /// Whether a sum holds with both sides filled with whole numbers; false when it does not
    /// or when the full check must decide (a blank side, a decimal, an overflow).
    private static func holds(_ instance: CompiledRule.SumInstance, atMost: Bool, in values: FieldValues) -> Bool {
        guard let left = integerTotal(instance.left, values), let right = integerTotal(instance.right, values) else {
            return false
        }
        return atMost ? left <= right : left == right
    }

    private static func integerTotal(_ fields: [FieldID], _ values: FieldValues) -> Int? {
        var total = 0
        var filled = false
        for id in fields {
            guard let value = values[id] else { continue }
            guard case .integer(let number) = value else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(number)
            guard !overflow else { return nil }
            total = sum
            filled = true
        }
        return filled ? total : nil
    }

    private func sum(
        _ rule: RuleDescriptor, _ instance: CompiledRule.SumInstance, atMost: Bool, whenBlank: BlankPolicy
    ) -> PlaceableFinding? {
        let left = SumSide(instance.left, in: report.values)
        let right = SumSide(instance.right, in: report.values)
        if left.isBlank && right.isBlank { return nil }
        if left.isBlank || right.isBlank {
            let (filled, blankTerms, filledTerms) =
                left.isBlank
                ? (right, instance.leftTerms, instance.rightTerms) : (left, instance.rightTerms, instance.leftTerms)
            guard whenBlank == .warn, filled.total != 0 else { return nil }
            return placed(
                Diagnostic(
                    .warning, code: rule.id,
                    message: "\(blankTerms) is blank but \(filledTerms) = \(DecimalText.format(filled.total))",
                    field: instance.path, expected: DecimalText.format(filled.total)),
                by: filled.fields)
        }
        let holds = atMost ? left.total <= right.total : left.total == right.total
        guard !holds else { return nil }
        return placed(
            Diagnostic(
                rule.severity, code: rule.id,
                message:
                    "\(instance.leftTerms) = \(DecimalText.format(left.total)) but \(instance.rightTerms) = \(DecimalText.format(right.total))"
                    + (atMost ? " (expected at most)" : ""),
                field: instance.path, expected: DecimalText.format(right.total), actual: DecimalText.format(left.total)),
            by: instance.left + instance.right)
    }

    private func code(_ compiled: CompiledRule, _ id: FieldID, valid: (String) -> Bool) -> [PlaceableFinding] {
        guard case .text(let code)? = report.values[id], !valid(code) else { return [] }
        let rule = compiled.rule
        return [
            placed(
                Diagnostic(rule.severity, code: rule.id, message: "\(code): \(rule.message)", field: id.key),
                by: [id])
        ]
    }

    /// `diagnostic` placed where the report's provenance says the first of `fields` that has
    /// one was read, else at just the file.
    private func placed(_ diagnostic: Diagnostic, by fields: [FieldID]) -> PlaceableFinding {
        var diagnostic = diagnostic
        diagnostic.location = Self.location(of: fields, source: source) { report.provenance[$0.key] }
        return PlaceableFinding(diagnostic: diagnostic, placedBy: fields)
    }

    /// The position `position` gives for the first of `fields` that has one, its file `source`
    /// when it names none; else just `source`.
    static func location(
        of fields: [FieldID], source: String?, position: (FieldID) -> SourceReference?
    ) -> SourceReference? {
        for id in fields {
            if var reference = position(id) {
                if reference.file == nil { reference.file = source }
                return reference
            }
        }
        return source.map { SourceReference(file: $0) }
    }
}

/// One side of a sum: its cells, whether all are blank, and their total (blank = 0).
struct SumSide {
    let fields: [FieldID]
    let isBlank: Bool
    let total: Decimal

    init(_ fields: [FieldID], in values: FieldValues) {
        self.fields = fields
        var integers = 0
        var decimals = Decimal(0)
        var usesDecimals = false
        var blank = true
        for id in fields where values.contains(id) {
            blank = false
            switch values[id] {
            case .integer(let value)?:
                let (sum, overflow) = integers.addingReportingOverflow(value)
                if overflow {
                    decimals += Decimal(value)
                    usesDecimals = true
                } else {
                    integers = sum
                }
            case let value?:
                decimals += value.number ?? 0
                usesDecimals = true
            case nil:
                break
            }
        }
        self.isBlank = blank
        self.total = usesDecimals ? decimals + Decimal(integers) : Decimal(integers)
    }

}

/// How a sum finding names the terms of a side.
enum SumWording {
    /// The terms with what the finding's path already says stripped off:
    /// `new_received + carried_over` under `applications.*.natural_person`; past six terms,
    /// the first and the last.
    static func terms(_ fields: [FieldID], under path: String) -> String {
        // Keys and paths are ASCII: matched and cut as bytes, without Foundation's splitting or
        // String's Unicode-aware prefix tests (they made compiling the rules slow to start).
        let path = Array(path.utf8)
        let names: [String]
        if let star = path.firstIndex(of: UInt8(ascii: "*")) {
            let prefix = path[..<star]
            let suffix = path[(star + 1)...].prefix { $0 != UInt8(ascii: "*") }
            names = fields.map { id -> String in
                let key = Array(id.key.utf8)
                var name = key[...]
                if name.starts(with: prefix) { name = name.dropFirst(prefix.count) }
                if !suffix.isEmpty, name.count >= suffix.count, name.suffix(suffix.count).elementsEqual(suffix) {
                    name = name.dropLast(suffix.count)
                }
                return String(decoding: name, as: UTF8.self)
            }
        } else {
            names = fields.map(\.key)
        }
        if names.count <= 6 { return names.joined(separator: " + ") }
        return "the sum of \(names.count) cells (\(names[0]) … \(names[names.count - 1]))"
    }
}
