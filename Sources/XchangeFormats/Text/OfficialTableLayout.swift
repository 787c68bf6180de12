import XchangeCore

/// Tables 二, 三 and 四 laid out as the national format prints them, with the schema's exact
/// labels, ready for ``TextTableRenderer``. Absent cells are empty; zeros print as 0.
enum OfficialTableLayout {
    typealias Cell = TextTableRenderer.Cell

    /// Table 二: per Article-20 block, its caption, its column headings and its rows.
    static func activeDisclosure(
        _ report: Report, spec: TableSpec, format: FormatVersion
    ) -> (rows: [[Cell]], headerRows: Int) {
        var rows: [[Cell]] = []
        var caption: String?
        for row in spec.rows(for: format) {
            let block = row.groups.first ?? ""
            if block != caption {
                caption = block
                rows.append([.label(block)])
                rows.append([.label(TableSpec.contentHeading)] + row.columns.map { .label($0.last ?? "") })
            }
            rows.append([.label(row.label)] + row.fields.map { figure(report, $0) })
        }
        return (rows, 2)
    }

    /// Table 三: the printed note, the applicant columns, then each row under its groups.
    static func applications(
        _ report: Report, spec: TableSpec, format: FormatVersion
    ) -> (rows: [[Cell]], headerRows: Int) {
        let rowsToPrint = spec.rows(for: format)
        guard let first = rowsToPrint.first else { return ([], 0) }
        let paths = first.columns
        // Three heading rows: 申请人情况; 自然人 | 法人或其他组织 | 总计; the organisation kinds.
        var top: [Cell] = [.label(TableSpec.applicationsNote), .label(TableSpec.applicantHeading)]
        top += Array(repeating: Cell.empty, count: paths.count - 1)
        var middle: [Cell] = [.empty]
        var bottom: [Cell] = [.empty]
        var previousGroup: String?
        for path in paths {
            if path.count > 1 {
                middle.append(path[0] == previousGroup ? .empty : .label(path[0]))
                bottom.append(.label(path[1]))
                previousGroup = path[0]
            } else {
                middle.append(.label(path[0]))
                bottom.append(.empty)
                previousGroup = nil
            }
        }
        var rows = [top, middle, bottom]
        var openGroups: [String] = []
        for row in rowsToPrint {
            // Group labels (三、本年度办理结果, （三）不予公开) print once, on their own row.
            var depth = 0
            while depth < row.groups.count, depth < openGroups.count, openGroups[depth] == row.groups[depth] {
                depth += 1
            }
            openGroups = Array(openGroups.prefix(depth))
            for group in row.groups[depth...] {
                rows.append([.label(indent(openGroups.count) + group)])
                openGroups.append(group)
            }
            rows.append([.label(indent(row.groups.count) + row.label)] + row.fields.map { figure(report, $0) })
        }
        return (rows, 3)
    }

    /// Table 四: 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉) over one row of figures.
    static func reviewLitigation(_ report: Report, spec: TableSpec) -> (rows: [[Cell]], headerRows: Int) {
        guard let row = spec.rows.first else { return ([], 0) }
        var levels: [[Cell]] = [[], [], []]
        var previous: [String?] = [nil, nil]
        for path in row.columns {
            // Paths are [复议, 结果] or [诉讼, 起诉方式, 结果]: pad to three levels.
            let full: [String?] = path.count == 3 ? [path[0], path[1], path[2]] : [path[0], nil, path.last]
            for level in 0..<2 {
                let label = full[level]
                levels[level].append(label != nil && label != previous[level] ? .label(label!) : .empty)
                previous[level] = label
            }
            levels[2].append(.label(full[2] ?? ""))
        }
        return (levels + [row.fields.map { figure(report, $0) }], 3)
    }

    private static func figure(_ report: Report, _ field: FieldID) -> Cell {
        guard let value = report[field] else { return .empty }
        var text = value.plainText
        // The 2019 procurement amount carries the unit the report printed.
        if let unitField = CanonicalSchema.v1.fieldID(field.key + "_unit"),
            case .text(let unit)? = report[unitField]
        {
            text += unit
        }
        return .figure(text)
    }

    private static func indent(_ depth: Int) -> String { String(repeating: "　", count: depth) }
}
