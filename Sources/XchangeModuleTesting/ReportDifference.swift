import XchangeCore

/// The differences between two reports, in words: which fields, sections, facts or sources
/// differ and how.
enum ReportDifference {
    static func list(_ expected: Report, _ actual: Report) -> [String] {
        guard expected != actual else { return [] }
        var found: [String] = []
        for field in CanonicalSchema.v1.fields where expected[field.key] != actual[field.key] {
            found.append(
                "\(field.key): \(shown(expected[field.key]?.plainText)) became \(shown(actual[field.key]?.plainText))")
        }
        for key in SectionKey.allCases where expected[section: key] != actual[section: key] {
            found.append(
                "section \(key.rawValue): \(shown(expected[section: key])) became \(shown(actual[section: key]))")
        }
        if expected.legacySections != actual.legacySections {
            found.append("legacy sections: \(shown(expected.legacySections)) became \(shown(actual.legacySections))")
        }
        if expected.facts != actual.facts {
            found.append("facts: \(shown(expected.facts)) became \(shown(actual.facts))")
        }
        if expected.provenance != actual.provenance {
            found.append("provenance: \(shown(expected.provenance)) became \(shown(actual.provenance))")
        }
        return found
    }

    /// A value as text, cut short so that a finding stays readable.
    private static func shown(_ value: Any?) -> String {
        guard let value else { return "(absent)" }
        let text = String(describing: value)
        return text.count > 160 ? String(text.prefix(160)) + "…" : text
    }
}
