import XchangeCore

/// The printed shape of table 三: its row labels by level, and its column labels.
///
/// Row labels come from the schema (the label path of each row's 自然人 cell, between the table
/// heading and the column); spelling variants from `label_aliases` are accepted on reading.
enum ApplicationsTable {
    /// The note printed in the top-left header cell.
    static let note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

    /// The label segments of a row, outermost first (one to three).
    static func segments(_ row: ApplicationRow) -> [String] {
        let label = CanonicalSchema.v1.field(row.key(.naturalPerson))!.label
        return Array(label[1..<(label.count - 1)])
    }

    /// The header label of a column and the group above it, if any.
    static func columnLabel(_ column: ApplicantColumn) -> (group: String?, label: String) {
        let label = CanonicalSchema.v1.field(ApplicationRow.newReceived.key(column))!.label
        let tail = Array(label[2...])
        return tail.count == 2 ? (tail[0], tail[1]) : (nil, tail[0])
    }

    private static func variants(_ segment: String) -> [String] {
        let normalized = LabelText.normalized(segment)
        let aliases = CanonicalSchema.v1.labelAliases[segment] ?? []
        return [normalized] + aliases.map(LabelText.normalized)
    }

    /// The level (0, 1, 2) at which a normalised row label appears.
    static let levels: [String: Int] = {
        var levels: [String: Int] = [:]
        for row in ApplicationRow.allCases {
            for (level, segment) in segments(row).enumerated() {
                for variant in variants(segment) { levels[variant] = levels[variant] ?? level }
            }
        }
        return levels
    }()

    /// Rows by their normalised label path joined with `/`.
    static let rowsByPath: [String: ApplicationRow] = {
        var rows: [String: ApplicationRow] = [:]
        for row in ApplicationRow.allCases {
            var paths = [""]
            for (level, segment) in segments(row).enumerated() {
                paths = paths.flatMap { path in variants(segment).map { level == 0 ? $0 : path + "/" + $0 } }
            }
            for path in paths { rows[path] = rows[path] ?? row }
        }
        return rows
    }()

    /// Columns by normalised header label (科研企业 reads as 科研机构).
    static let columnsByLabel: [String: ApplicantColumn] = {
        var columns: [String: ApplicantColumn] = [:]
        for column in ApplicantColumn.allCases {
            for variant in variants(columnLabel(column).label) { columns[variant] = column }
        }
        return columns
    }()
}
