import XchangeCore

/// Text with `{dotted.key}` placeholders filled from a report's own fields
/// (`out/{meta.agency_uscc}-{meta.report_year}.json`, `"{meta.admin_division_name}合计"`).
public struct FieldTemplate: Hashable, Sendable, CustomStringConvertible {
    enum Part: Hashable, Sendable {
        case literal(String)
        case field(FieldID)
    }

    let parts: [Part]
    /// The template as written.
    public let description: String

    /// Parses a template; a placeholder naming no field is an error with the nearest key.
    /// Braces around anything that is not a dotted key (`{}`, `{ a b }`) stay literal text.
    public init(_ text: String) throws(ValueProblem) {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let key = String(rest[rest.index(after: open)..<close])
            guard Self.looksLikeKey(key) else {
                literal += rest[open...close]
                rest = rest[rest.index(after: close)...]
                continue
            }
            guard let id = CanonicalSchema.v1.fieldID(key) else {
                let hint = CanonicalSchema.v1.nearestKey(to: key).map { "; did you mean {\($0)}?" } ?? ""
                throw ValueProblem("the template \"\(text)\" names {\(key)}, which is not a field\(hint)")
            }
            if !literal.isEmpty { parts.append(.literal(literal)) }
            literal = ""
            parts.append(.field(id))
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
        self.description = text
    }

    /// Whether the text has any placeholder.
    public var isTemplate: Bool { parts.contains { if case .field = $0 { true } else { false } } }

    /// The fields the template reads.
    public var fields: [FieldID] {
        parts.compactMap { if case .field(let id) = $0 { id } else { nil } }
    }

    /// The text for one report; a placeholder whose field the report lacks is an error.
    public func render(_ report: Report) throws(ValueProblem) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .field(let id):
                guard let value = report.values[id] else {
                    throw ValueProblem(
                        "the template \"\(description)\" needs \(id.key), which the report lacks")
                }
                text += value.plainText
            }
        }
        return text
    }

    private static func looksLikeKey(_ key: String) -> Bool {
        !key.isEmpty
            && key.unicodeScalars.allSatisfy {
                $0 == "." || $0 == "_"
                    || ($0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil))
            }
    }
}
