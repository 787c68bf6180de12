import Foundation
import XchangeCore

/// A column of the wide layout (and a key of the long layout): a canonical field, or one of
/// the parts of a report that are not fields.
///
/// Text sections take two columns each: `<section>.text` (the body before any sub-heading) and
/// `<section>.subsections` (a JSON array of `{"heading", "key", "text"}`); the pre-2019 parts
/// are `legacy.sections` (the same JSON shape) and uncatalogued figures are `facts` (a JSON
/// array of `{"label", "value", "unit", "key", "source"}`). So a report survives a round trip
/// through one CSV row.
enum WideColumn: Hashable, Sendable {
    case field(FieldID)
    case sectionText(SectionKey)
    case sectionParts(SectionKey)
    case legacySections
    case facts
}

/// The columns of the wide layout in writing order, with their names.
enum WideColumns {
    /// Every column, in report order: metadata, 前言 and 一, tables 二–四, 五 and 六, the fee
    /// block, pre-2019 figures and parts, facts.
    static let all: [WideColumn] = {
        var columns: [WideColumn] = []
        var placedOpening = false
        var placedClosing = false
        for (index, field) in CanonicalSchema.v1.fields.enumerated() {
            if !placedOpening, !field.key.hasPrefix("meta.") {
                placedOpening = true
                columns += [
                    .sectionText(.preamble), .sectionParts(.preamble), .sectionText(.overview),
                    .sectionParts(.overview),
                ]
            }
            if !placedClosing, field.key.hasPrefix("other_matters.") || field.key.hasPrefix("legacy.") {
                placedClosing = true
                columns += [
                    .sectionText(.problemsAndImprovements), .sectionParts(.problemsAndImprovements),
                    .sectionText(.otherMatters), .sectionParts(.otherMatters),
                ]
            }
            columns.append(.field(FieldID(index: index)))
        }
        columns += [.legacySections, .facts]
        return columns
    }()

    /// Position of each field's column in ``all``, by field index.
    static let positionOfField: [Int] = {
        var positions = [Int](repeating: -1, count: CanonicalSchema.v1.fields.count)
        for (position, column) in all.enumerated() {
            if case .field(let id) = column { positions[id.index] = position }
        }
        return positions
    }()

    static func position(of column: WideColumn) -> Int {
        if case .field(let id) = column { return positionOfField[id.index] }
        return all.firstIndex(of: column)!
    }

    /// The canonical key naming the column.
    static func key(_ column: WideColumn) -> String {
        switch column {
        case .field(let id): id.key
        case .sectionText(let section): section.rawValue + ".text"
        case .sectionParts(let section): section.rawValue + ".subsections"
        case .legacySections: "legacy.sections"
        case .facts: "facts"
        }
    }

    /// The Chinese header: the label path, or the section heading with 正文/分项.
    static func chineseLabel(_ column: WideColumn) -> String {
        switch column {
        case .field(let id): id.descriptor.labelPath
        case .sectionText(let section): heading(section) + "/正文"
        case .sectionParts(let section): heading(section) + "/分项"
        case .legacySections: "报告各部分"
        case .facts: "其他数据"
        }
    }

    static func heading(_ section: SectionKey) -> String {
        CanonicalSchema.v1.sections.first { $0.key == section.rawValue }?.label ?? section.rawValue
    }

    private static let byKey: [String: WideColumn] = Dictionary(
        uniqueKeysWithValues: all.map { (key($0), $0) })

    /// Made only for a header that is not all canonical keys: normalizing every label path
    /// costs more than the rest of reading a small file.
    private static let byLabel: [String: WideColumn] = Dictionary(
        all.map { (LabelText.normalized(chineseLabel($0)), $0) }, uniquingKeysWith: { _, later in later })

    /// The column a header cell names: a canonical key, or a Chinese label path in any
    /// spelling the label index tolerates.
    static func column(named name: String) -> WideColumn? {
        let trimmed = name.trimmingBlanks()
        if let column = byKey[trimmed] { return column }
        if let id = CanonicalSchema.v1.fieldID(trimmed) { return .field(id) }
        let normalized = LabelText.normalized(trimmed)
        if let column = byKey[normalized] ?? byLabel[normalized] { return column }
        if let id = LabelIndex.shared.field(path: normalized) ?? LabelIndex.shared.field(leaf: normalized) {
            return .field(id)
        }
        return nil
    }

    /// Every column's Chinese label with its normalized form, for suggestions: worked out once,
    /// not for every unknown header (a provincial sheet read without its column map has dozens).
    private static let normalizedLabels: [(normalized: String, label: String)] = all.map {
        let label = chineseLabel($0)
        return (LabelText.normalized(label), label)
    }

    /// The closest known name, for an unknown header.
    static func suggestion(for name: String) -> String? {
        let isASCII = name.unicodeScalars.allSatisfy(\.isASCII)
        if isASCII {
            return NearestName.find(name, among: all.map(key)) ?? CanonicalSchema.v1.nearestKey(to: name)
        }
        let labels = normalizedLabels
        guard let nearest = NearestName.find(LabelText.normalized(name), among: labels.lazy.map(\.normalized)) else {
            return nil
        }
        return labels.first { $0.normalized == nearest }?.label
    }
}
