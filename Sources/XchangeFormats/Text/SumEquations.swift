import Foundation
import XchangeCore

/// A sum the table's own layout guarantees (`总计 = Σ parts`), taken from the schema's
/// error-level `sum_equal` rules: what tells run-together cells apart.
struct SumEquation: Hashable {
    let left: [FieldID]
    let right: [FieldID]

    var fields: [FieldID] { left + right }

    /// Every equation the schema's rules state for a report of `format`.
    static func all(for format: FormatVersion) -> [SumEquation] {
        switch format {
        case .unified2021: unified2021
        case .trial2019: trial2019
        case .legacyPre2019: legacyPre2019
        }
    }

    private static let unified2021 = build(for: .unified2021, schema: .v1)
    private static let trial2019 = build(for: .trial2019, schema: .v1)
    private static let legacyPre2019 = build(for: .legacyPre2019, schema: .v1)

    static func build(for format: FormatVersion, schema: CanonicalSchema) -> [SumEquation] {
        var equations: [SumEquation] = []
        for rule in schema.rules where rule.severity == .error && rule.applies(to: format) {
            guard case .sumEqual(let terms) = rule.check else { continue }
            for value in terms.forEach?.values ?? [""] {
                func bind(_ template: String) -> String {
                    guard let variable = terms.forEach else { return template }
                    // The standard library's replacing: Foundation's costs milliseconds at start-up.
                    return template.replacing("$" + variable.name, with: value)
                }
                // Fields the format does not print add nothing to a sum.
                let left = terms.left.compactMap { fieldID(bind($0), format: format, schema: schema) }
                let right = terms.right.compactMap { fieldID(bind($0), format: format, schema: schema) }
                guard !left.isEmpty, !right.isEmpty else { continue }
                equations.append(SumEquation(left: left, right: right))
            }
        }
        return equations
    }

    private static func fieldID(_ key: String, format: FormatVersion, schema: CanonicalSchema) -> FieldID? {
        guard let id = schema.fieldID(key), id.descriptor.applies(to: format) else { return nil }
        return id
    }
}
