import XchangeCore

/// The label matchers of the four tables: row labels and headings, with the schema's aliases.
extension TableReader {
    /// The matchers of the four tables, built once.
    private static let matchers: [String: LabelMatcher<Target>] = Dictionary(
        uniqueKeysWithValues: [TableSpec.activeDisclosure, .activeDisclosure2019, .applications, .reviewLitigation].map
        { ($0.key, buildMatcher(for: $0)) })

    static func matcher(for spec: TableSpec) -> LabelMatcher<Target> {
        matchers[spec.key] ?? buildMatcher(for: spec)
    }

    private static func buildMatcher(for spec: TableSpec) -> LabelMatcher<Target> {
        let aliases = CanonicalSchema.v1.labelAliases
        var entries: [LabelMatcher<Target>.Entry] = []
        var headerBodies: Set<[Unicode.Scalar]> = []
        for header in spec.headers {
            // Group labels are numbered too (三、本年度办理结果): the numbering must not be read as a figure.
            let (numbering, _) = Numbering.split(NormalizedText.pattern(header))
            for variant in [header] + (aliases[header] ?? []) {
                let body = Numbering.split(NormalizedText.pattern(variant)).body
                headerBodies.insert(body)
                entries.append(.init(body: body, target: .header, numbering: numbering, requiresNumbering: false))
                // The printed note also appears without its brackets.
                if body.first == "(", body.last == ")", body.count > 2 {
                    entries.append(
                        .init(
                            body: Array(body.dropFirst().dropLast()), target: .header, numbering: nil,
                            requiresNumbering: false))
                }
            }
        }
        for (index, row) in spec.rows.enumerated() where !row.label.isEmpty {
            let (numbering, _) = Numbering.split(NormalizedText.pattern(row.label))
            for variant in [row.label] + (aliases[row.label] ?? []) {
                let body = Numbering.split(NormalizedText.pattern(variant)).body
                entries.append(
                    .init(
                        body: body, target: .row(index), numbering: numbering,
                        requiresNumbering: headerBodies.contains(body)))
            }
        }
        return LabelMatcher(entries)
    }
}
