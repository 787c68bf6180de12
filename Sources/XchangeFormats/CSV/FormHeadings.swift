import XchangeCore

/// The blocks of the form layout and the heading rows that open them.
enum FormBlock: Equatable {
    case meta
    case section(SectionKey)
    case activeDisclosure
    case applications
    case review
    /// The figures of a pre-2019 report under one of their group headings (`label[0]`).
    case legacyGroup(String)
    case legacySections
    case facts
    /// Fields the printed tables have no place for, by canonical key.
    case otherFields
}

/// Recognises the heading rows of a form, in any spelling the schema lists.
enum FormHeadings {
    static let meta = "基本信息"
    static let legacySections = "报告各部分"
    static let facts = "其他数据"
    static let otherFields = "其他字段"

    static func label(of table: String) -> String {
        CanonicalSchema.v1.tables.first { $0.key == table }!.label
    }

    /// Pre-2019 group headings (the first label segment of `legacy.*` fields), in schema order.
    static let legacyGroups: [String] = {
        var groups: [String] = []
        for field in CanonicalSchema.v1.fields where field.key.hasPrefix("legacy.") && !groups.contains(field.label[0])
        {
            groups.append(field.label[0])
        }
        return groups
    }()

    private static let blocks: [String: FormBlock] = {
        var blocks: [String: FormBlock] = [:]
        func add(_ names: [String], _ block: FormBlock) {
            for name in names { blocks[LabelText.normalized(name)] = blocks[LabelText.normalized(name)] ?? block }
        }
        add([meta], .meta)
        for section in CanonicalSchema.v1.sections {
            guard let key = SectionKey(rawValue: section.key) else { continue }
            add([section.label] + section.aliases, .section(key))
        }
        for table in CanonicalSchema.v1.tables {
            let block: FormBlock =
                switch table.key {
                case "applications": .applications
                case "review_litigation": .review
                default: .activeDisclosure
                }
            add([table.label] + table.aliases, block)
        }
        for group in legacyGroups { add([group], .legacyGroup(group)) }
        add([legacySections], .legacySections)
        add([facts], .facts)
        add([otherFields], .otherFields)
        return blocks
    }()

    /// The block a first cell opens, if it is a heading.
    static func block(_ cell: String) -> FormBlock? {
        blocks[LabelText.normalized(cell)]
    }

    static func isHeading(_ normalizedCell: String) -> Bool { blocks[normalizedCell] != nil }

    /// The schema key of a recognised sub-heading of a text section.
    static func subsectionKey(_ heading: String, in section: SectionKey) -> String? {
        let normalized = LabelText.normalized(heading)
        return CanonicalSchema.v1.sections.first { $0.key == section.rawValue }?
            .subsections.first { LabelText.normalized($0.label) == normalized }?.key
    }

    /// The schema key of a pre-2019 part heading, numbering (`一、`, `（一）`) aside.
    static func legacySectionKey(_ heading: String) -> String? {
        var text = Substring(LabelText.normalized(heading))
        let numerals = "一二三四五六七八九十"
        if text.first == "(", let close = text.firstIndex(of: ")"),
            text[text.index(after: text.startIndex)..<close].allSatisfy(numerals.contains)
        {
            text = text[text.index(after: close)...]
        } else if let dot = text.firstIndex(of: "."), text[..<dot].allSatisfy(numerals.contains), dot > text.startIndex
        {
            text = text[text.index(after: dot)...]
        }
        let name = String(text)
        return CanonicalSchema.v1.legacySections.first { descriptor in
            ([descriptor.label] + descriptor.aliases).contains { LabelText.normalized($0) == name }
        }?.key
    }
}
