import XchangeCore

/// One of the report's tables (二, 三, 四) as the schema describes it: its rows, their cells in
/// column order, and every label the printed table carries. Built from the schema's label
/// paths, so that a label added there is read and written here without code changes.
struct TableSpec {
    enum Layout {
        /// Each row starts with its label (tables 二 and 三).
        case labelledRows
        /// One unlabelled row of figures under a multi-level heading (table 四).
        case singleRow
    }

    /// The key prefix of the table's cells (`applications`).
    let key: String
    let layout: Layout
    let rows: [RowSpec]
    /// Labels printed in the table that hold no figures, in table order: captions, column
    /// headings, group labels, the printed note.
    let headers: [String]
    /// Headings that mark where the table begins, so that narrative before it (which can name
    /// rows: "予以公开2件") is not read as the table.
    let anchors: [String]
    /// The anchors in comparison form, numbering left off, with and without brackets (worked
    /// out once, with the spec: every table of every report looks them up).
    let anchorBodies: Set<[Unicode.Scalar]>
    /// The lowest column headings of the first row in comparison form, each once: a table of
    /// one unlabelled row is read once every one of them has been seen.
    let firstRowLeaves: [[Unicode.Scalar]]

    init(key: String, layout: Layout, rows: [RowSpec], headers: [String], anchors: [String]) {
        self.key = key
        self.layout = layout
        self.rows = rows
        self.headers = headers
        self.anchors = anchors
        var bodies: Set<[Unicode.Scalar]> = []
        for anchor in anchors {
            let body = Numbering.split(NormalizedText.pattern(anchor)).body
            bodies.insert(body)
            if body.first == "(", body.last == ")" { bodies.insert(Array(body.dropFirst().dropLast())) }
        }
        self.anchorBodies = bodies
        var leaves: [[Unicode.Scalar]] = []
        for leaf in rows.first?.columns.compactMap(\.last).map(NormalizedText.pattern) ?? []
        where !leaves.contains(leaf) {
            leaves.append(leaf)
        }
        self.firstRowLeaves = leaves
    }

    /// The rows a report of `format` prints.
    func rows(for format: FormatVersion) -> [RowSpec] {
        rows.filter { $0.formats.isEmpty || $0.formats.contains(format) }
    }
}

/// A row of a table: its label, the group labels above it, and its cells.
struct RowSpec {
    /// The row's key prefix (`applications.result.withheld.state_secret`).
    let key: String
    /// The official row label, numbering included (`1.属于国家秘密`); empty for table 四.
    let label: String
    /// Group labels between the section heading and the row (`三、本年度办理结果`, `（三）不予公开`).
    let groups: [String]
    let fields: [FieldID]
    /// Each cell's column label path (`["法人或其他组织", "商业企业"]`).
    let columns: [[String]]
    let formats: [FormatVersion]
}

extension TableSpec {
    /// Table 二 of the 2021 format.
    static let activeDisclosure = TableSpec.build(key: "active_disclosure")
    /// Table 二 of the 2019 trial format.
    static let activeDisclosure2019 = TableSpec.build(key: "active_disclosure_2019")
    /// Table 三 (both formats; the rows carry their formats).
    static let applications = TableSpec.build(key: "applications")
    /// Table 四.
    static let reviewLitigation = TableSpec.build(key: "review_litigation", layout: .singleRow)

    /// Table 二 for a format.
    static func activeDisclosure(for format: FormatVersion) -> TableSpec {
        format == .trial2019 ? activeDisclosure2019 : activeDisclosure
    }

    /// The printed note of table 三.
    static let applicationsNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    /// The column group heading of table 三.
    static let applicantHeading = "申请人情况"
    /// The first column heading of every block of table 二.
    static let contentHeading = "信息内容"

    static func build(key: String, layout: Layout = .labelledRows, schema: CanonicalSchema = .v1) -> TableSpec {
        let fields = schema.fields.enumerated().filter {
            $0.element.key.hasPrefix(key + ".") && $0.element.kind.isNumeric
        }
        var rows: [RowSpec] = []
        switch layout {
        case .singleRow:
            rows = [
                RowSpec(
                    key: key, label: "", groups: [], fields: fields.map { FieldID(index: $0.offset) },
                    columns: fields.map { Array($0.element.label.dropFirst()) },
                    formats: fields.first?.element.formats ?? [])
            ]
        case .labelledRows:
            var order: [String] = []
            var members: [String: [(offset: Int, element: FieldDescriptor)]] = [:]
            for field in fields {
                let rowKey = String(field.element.key[..<field.element.key.utf8.lastIndex(of: UInt8(ascii: "."))!])
                if members[rowKey] == nil { order.append(rowKey) }
                members[rowKey, default: []].append(field)
            }
            for rowKey in order {
                let cells = members[rowKey]!
                let common = commonPrefix(cells.map(\.element.label))
                rows.append(
                    RowSpec(
                        key: rowKey, label: common.last ?? "", groups: Array(common.dropFirst().dropLast()),
                        fields: cells.map { FieldID(index: $0.offset) },
                        columns: cells.map { Array($0.element.label.dropFirst(common.count)) },
                        formats: cells[0].element.formats))
            }
        }
        var headers: [String] = []
        func addHeader(_ label: String) {
            if !label.isEmpty, !headers.contains(label) { headers.append(label) }
        }
        var anchors: [String] = []
        switch key {
        case "applications":
            addHeader(applicationsNote)
            addHeader(applicantHeading)
            anchors = [applicationsNote, applicantHeading] + (rows.first.map { [$0.label] } ?? [])
        case "review_litigation":
            anchors = []
        default:
            addHeader(contentHeading)
            anchors = [contentHeading] + rows.flatMap(\.groups)
        }
        for row in rows {
            row.groups.forEach(addHeader)
            row.columns.joined().forEach(addHeader)
        }
        // Group labels that are also rows of another format (2019's single （六）其他处理 row)
        // stay rows; the reader decides per report.
        let rowLabels = Set(rows.map(\.label))
        headers.removeAll { rowLabels.contains($0) }
        return TableSpec(key: key, layout: layout, rows: rows, headers: headers, anchors: anchors)
    }

    private static func commonPrefix(_ paths: [[String]]) -> [String] {
        guard var prefix = paths.first else { return [] }
        for path in paths.dropFirst() {
            var count = 0
            while count < min(prefix.count, path.count), prefix[count] == path[count] { count += 1 }
            prefix = Array(prefix.prefix(count))
        }
        // A row with a single cell shares its whole path: the last segment is the column.
        if paths.count == 1 { prefix.removeLast() }
        return prefix
    }
}
