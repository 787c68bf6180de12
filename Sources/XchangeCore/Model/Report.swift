/// One 政府信息公开工作年度报告 in canonical form.
///
/// Field values are plain numbers and strings keyed by schema field; where each came from is
/// kept beside them in ``provenance`` rather than wrapped around them.
public struct Report: Hashable, Sendable {
    /// Every field value (metadata, table cells, fee block, pre-2019 figures).
    public var values = FieldValues()
    public var preamble: TextSection?
    public var overview: TextSection?
    public var problemsAndImprovements: TextSection?
    public var otherMatters: TextSection?
    /// The parts of a pre-2019 narrative report, in the report's own order.
    public var legacySections: [Subsection] = []
    /// Numbers the report states that no field holds.
    public var facts: [Fact] = []
    /// Where values came from, by key path (a field key, or a section key such as `overview`).
    public var provenance: [String: SourceReference] = [:]

    public init() {}

    /// The value of the field with this key.
    public subscript(key: String) -> FieldValue? {
        CanonicalSchema.v1.fieldID(key).flatMap { values[$0] }
    }

    public subscript(id: FieldID) -> FieldValue? {
        get { values[id] }
    }

    /// Sets a field, checking that the value has the field's type and range.
    public mutating func set(_ key: String, to value: FieldValue?) throws(ValueProblem) {
        guard let id = CanonicalSchema.v1.fieldID(key) else {
            let hint = CanonicalSchema.v1.nearestKey(to: key).map { "; did you mean \($0)?" } ?? ""
            throw ValueProblem("unknown field \(key)\(hint)")
        }
        try set(id, to: value)
    }

    /// Sets a field by handle, checking that the value has the field's type and range.
    public mutating func set(_ id: FieldID, to value: FieldValue?) throws(ValueProblem) {
        if let value {
            // The kind alone, not a copy of the whole descriptor (its strings and arrays).
            let kind = id.kind
            guard value.conforms(to: kind) else {
                throw ValueProblem("\(id.key): expected \(kind.expectation), found \(value.plainText)")
            }
            if kind == .code, case .text(let code) = value, let problem = CodeCheck.problem(code, for: id.descriptor) {
                throw ValueProblem("\(id.key): \(problem.message)")
            }
        }
        values[id] = value
    }

    /// A text section by key.
    public subscript(section key: SectionKey) -> TextSection? {
        get {
            switch key {
            case .preamble: preamble
            case .overview: overview
            case .problemsAndImprovements: problemsAndImprovements
            case .otherMatters: otherMatters
            }
        }
        set {
            switch key {
            case .preamble: preamble = newValue
            case .overview: overview = newValue
            case .problemsAndImprovements: problemsAndImprovements = newValue
            case .otherMatters: otherMatters = newValue
            }
        }
    }

    /// A text section, created empty when first written to:
    /// `report[section: .overview, default: TextSection()].text = "…"`.
    public subscript(section key: SectionKey, default empty: TextSection) -> TextSection {
        get { self[section: key] ?? empty }
        set { self[section: key] = newValue }
    }

    /// `meta.format_version`.
    public var formatVersion: FormatVersion? {
        get {
            if case .text(let code)? = self["meta.format_version"] { return FormatVersion(rawValue: code) }
            return nil
        }
        set { values[FieldID.formatVersion] = newValue.map { .text($0.rawValue) } }
    }

    /// `meta.report_year`.
    public var reportYear: Int? {
        if case .integer(let year)? = self["meta.report_year"] { return year }
        return nil
    }

    /// `meta.agency_name`.
    public var agencyName: String? {
        if case .text(let name)? = self["meta.agency_name"] { return name }
        return nil
    }

    /// Whether the report holds nothing at all.
    public var isEmpty: Bool {
        values.isEmpty && SectionKey.allCases.allSatisfy { self[section: $0] == nil }
            && legacySections.isEmpty && facts.isEmpty
    }
}

extension FieldID {
    static let formatVersion = CanonicalSchema.v1.fieldID("meta.format_version")!
}
