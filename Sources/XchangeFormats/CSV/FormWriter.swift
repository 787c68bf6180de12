import XchangeCore

/// Writes the form layout: one report as the printed report lays it out — 基本信息, the text
/// sections, and tables 二, 三 and 四 with their official captions, header rows and labels —
/// so that it opens in Excel looking like an office's own form.
///
/// Tables are written whole for the report's format (blank cells where the report has no
/// figure), so the file doubles as a template. Figures the printed tables have no place for
/// are kept under 其他字段 by key; nothing is dropped.
final class FormWriter: ReportWriter {
    private let rows: CSVRowWriter
    private var written = 0
    private var placed: [Bool] = []

    init(rows: CSVRowWriter, options: CSVOptions) {
        self.rows = rows
    }

    func write(_ report: Report) throws {
        written += 1
        guard written == 1 else {
            throw Diagnostic.error(
                "csv.form-one-report",
                "the form layout holds one report per file, and this is report \(written); write several reports with --option layout=wide or layout=long"
            )
        }
        placed = [Bool](repeating: false, count: CanonicalSchema.v1.fields.count)
        let era = report.formatVersion ?? Self.inferredEra(report)
        try writeMeta(report)
        try writeSection(report, .preamble)
        try writeSection(report, .overview)
        switch era {
        case .unified2021, .trial2019:
            try writeActiveDisclosure(report, era: era)
            try writeApplications(report, era: era)
            try writeReview(report)
        case .legacyPre2019:
            break
        }
        try writeSection(report, .problemsAndImprovements)
        try writeSection(report, .otherMatters)
        for group in FormHeadings.legacyGroups { try writeLegacyGroup(report, group) }
        try writeLegacySections(report)
        try writeFacts(report)
        try writeOtherFields(report)
    }

    func finish() throws { try rows.flush() }

    static func inferredEra(_ report: Report) -> FormatVersion {
        var era = FormatVersion.unified2021
        for (id, _) in report.values.present {
            let key = id.key
            if key.hasPrefix("legacy.") { return .legacyPre2019 }
            if key.hasPrefix("active_disclosure_2019.") || id.descriptor.formats == [.trial2019] { era = .trial2019 }
        }
        return era
    }

    // MARK: Blocks

    private func writeMeta(_ report: Report) throws(Diagnostic) {
        try rows.row([FormHeadings.meta])
        for (id, value) in report.values.present where id.key.hasPrefix("meta.") {
            placed[id.index] = true
            try rows.row([id.descriptor.label.dropFirst().joined(separator: "/"), value.plainText])
        }
    }

    private func writeSection(_ report: Report, _ key: SectionKey) throws(Diagnostic) {
        let fees =
            key == .otherMatters
            ? report.values.present.filter { $0.id.key.hasPrefix("other_matters.") }.map { $0 } : []
        guard let section = report[section: key] ?? (fees.isEmpty ? nil : TextSection()) else { return }
        var heading = [WideColumns.heading(key)]
        if let text = section.text, !text.isEmpty { heading.append(text) }
        try rows.row(heading)
        for part in section.subsections { try rows.row([part.heading, part.text]) }
        for (id, value) in fees {
            placed[id.index] = true
            try rows.row([id.descriptor.label.dropFirst().joined(separator: "/"), value.plainText])
        }
    }

    private func cell(_ report: Report, _ key: String) {
        guard let id = CanonicalSchema.v1.fieldID(key) else { return rows.emptyField() }
        placed[id.index] = true
        if let value = report.values[id] { rows.field(value.plainText) } else { rows.emptyField() }
    }

    private func writeActiveDisclosure(_ report: Report, era: FormatVersion) throws(Diagnostic) {
        let prefix = era == .trial2019 ? "active_disclosure_2019." : "active_disclosure."
        let fields = CanonicalSchema.v1.fields.filter { $0.key.hasPrefix(prefix) && $0.kind != .code }
        try rows.row([FormHeadings.label(of: "active_disclosure")])
        // Blocks (第二十条第…项) in order, each with its rows and columns.
        var blocks: [(caption: String, rows: [String], columns: [String])] = []
        for field in fields {
            let (caption, row, column) = (field.label[1], field.label[2], field.label[3])
            if blocks.last?.caption != caption { blocks.append((caption, [], [])) }
            if !blocks[blocks.count - 1].rows.contains(row) { blocks[blocks.count - 1].rows.append(row) }
            if !blocks[blocks.count - 1].columns.contains(column) { blocks[blocks.count - 1].columns.append(column) }
        }
        for block in blocks {
            try rows.row([block.caption])
            try rows.row(["信息内容"] + block.columns)
            for row in block.rows {
                rows.field(row)
                for column in block.columns {
                    let id = LabelIndex.shared.field(segments: [
                        FormHeadings.label(of: "active_disclosure"), block.caption, row, column,
                    ])
                    if let id, id.key.hasPrefix(prefix) {
                        cell(report, id.key)
                    } else {
                        rows.emptyField()
                    }
                }
                try rows.endRow()
            }
        }
        // The procurement amount's unit has no cell of its own in the printed table.
        if era == .trial2019, let unit = report["active_disclosure_2019.centralized_procurement.total_amount_unit"] {
            let field = CanonicalSchema.v1.field("active_disclosure_2019.centralized_procurement.total_amount_unit")!
            placed[CanonicalSchema.v1.fieldID(field.key)!.index] = true
            try rows.row([field.label[3], unit.plainText])
        }
    }

    private func writeApplications(_ report: Report, era: FormatVersion) throws(Diagnostic) {
        let columns = ApplicantColumn.allCases
        try rows.row([FormHeadings.label(of: "applications")])
        try rows.row([ApplicationsTable.note, "", "", "申请人情况"] + Array(repeating: "", count: columns.count - 1))
        var groupRow = ["", "", ""]
        var leafRow = ["", "", ""]
        var lastGroup: String?
        for column in columns {
            let (group, label) = ApplicationsTable.columnLabel(column)
            if let group {
                groupRow.append(group == lastGroup ? "" : group)
                leafRow.append(label)
            } else {
                groupRow.append(label)
                leafRow.append("")
            }
            lastGroup = group
        }
        try rows.row(groupRow)
        try rows.row(leafRow)
        var previous: [String] = []
        for row in ApplicationRow.rows(for: era) {
            let segments = ApplicationsTable.segments(row)
            // Merged cells: a label is written only where it starts, as Excel saves them.
            for level in 0..<3 {
                if level < segments.count, Array(previous.prefix(level + 1)) != Array(segments.prefix(level + 1)) {
                    rows.field(segments[level])
                } else {
                    rows.emptyField()
                }
            }
            previous = segments
            for column in columns { cell(report, row.key(column)) }
            try rows.endRow()
        }
    }

    private func writeReview(_ report: Report) throws(Diagnostic) {
        try rows.row([FormHeadings.label(of: "review_litigation")])
        let outcomes = ReviewOutcome.allCases
        var top: [String] = []
        var middle: [String] = []
        var bottom: [String] = []
        var lastTop = ""
        for group in ReviewGroup.allCases {
            let label = CanonicalSchema.v1.field(ReviewOutcome.key(group, .upheld))!.label
            for (position, outcome) in outcomes.enumerated() {
                let leaf = CanonicalSchema.v1.field(ReviewOutcome.key(group, outcome))!.label.last!
                top.append(position == 0 && lastTop != label[1] ? label[1] : "")
                lastTop = label[1]
                middle.append(position == 0 && label.count == 4 ? label[2] : "")
                bottom.append(leaf)
            }
        }
        try rows.row(top)
        try rows.row(middle)
        try rows.row(bottom)
        for group in ReviewGroup.allCases {
            for outcome in outcomes { cell(report, ReviewOutcome.key(group, outcome)) }
        }
        try rows.endRow()
    }

    private func writeLegacyGroup(_ report: Report, _ group: String) throws(Diagnostic) {
        let present = report.values.present.filter {
            $0.id.key.hasPrefix("legacy.") && $0.id.descriptor.label[0] == group
        }
        guard !present.isEmpty else { return }
        try rows.row([group])
        for (id, value) in present {
            placed[id.index] = true
            try rows.row([id.descriptor.label.dropFirst().joined(separator: "/"), value.plainText])
        }
    }

    private func writeLegacySections(_ report: Report) throws(Diagnostic) {
        guard !report.legacySections.isEmpty else { return }
        try rows.row([FormHeadings.legacySections])
        for part in report.legacySections { try rows.row([part.heading, part.text]) }
    }

    private func writeFacts(_ report: Report) throws(Diagnostic) {
        guard !report.facts.isEmpty else { return }
        try rows.row([FormHeadings.facts])
        try rows.row(["名称", "数值", "单位", "对应字段"])
        for fact in report.facts {
            try rows.row([fact.label, DecimalText.format(fact.value), fact.unit ?? "", fact.key ?? ""])
        }
    }

    private func writeOtherFields(_ report: Report) throws(Diagnostic) {
        let rest = report.values.present.filter { !placed[$0.id.index] }
        guard !rest.isEmpty else { return }
        try rows.row([FormHeadings.otherFields])
        for (id, value) in rest { try rows.row([id.key, value.plainText]) }
    }
}
