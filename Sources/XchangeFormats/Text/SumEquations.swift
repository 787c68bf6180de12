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
                    return replacing("$" + variable.name, in: template, with: value)
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

    /// `template` with every `placeholder` replaced by `value`, compared as bytes: Foundation's
    /// and the standard library's replacing cost milliseconds at start-up over all the rules.
    static func replacing(_ placeholder: String, in template: String, with value: String) -> String {
        let source = Array(template.utf8)
        let pattern = Array(placeholder.utf8)
        guard let first = pattern.first, source.contains(first) else { return template }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count)
        var index = 0
        while index < source.count {
            if source[index] == first, index + pattern.count <= source.count,
                source[index..<(index + pattern.count)].elementsEqual(pattern)
            {
                bytes.append(contentsOf: value.utf8)
                index += pattern.count
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func fieldID(_ key: String, format: FormatVersion, schema: CanonicalSchema) -> FieldID? {
        guard let id = schema.fieldID(key), id.descriptor.applies(to: format) else { return nil }
        return id
    }
}
