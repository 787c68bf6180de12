import XchangeCore

/// Tells the layout of a CSV file from its first row.
enum LayoutDetector {
    /// `report,key,value` (or 报告,字段,值) is long; a row with one filled cell (a title, a
    /// heading) or one that starts with a heading of the printed report is a form, unless that
    /// one cell names a wide column; any other row of several cells is a wide header (whose
    /// unknown columns the wide reader then names).
    static func detect(_ firstRow: [String]) -> CSVLayout {
        let cells = firstRow.map { LabelText.normalized($0) }
        var filled = cells
        while filled.last?.isEmpty == true { filled.removeLast() }
        if LongLayout.isHeader(filled) { return .long }
        let nonEmpty = filled.filter { !$0.isEmpty }
        if nonEmpty.count <= 1 {
            // A spreadsheet of one column ("meta.report_year" or 基本信息/报告年度) is wide.
            let isColumn = nonEmpty.first.map { !FormHeadings.isHeading($0) && WideColumns.column(named: $0) != nil }
            return isColumn == true ? .wide : .form
        }
        if let first = filled.first, FormHeadings.isHeading(first),
            !filled.dropFirst().contains(where: { WideColumns.column(named: $0) != nil })
        {
            return .form
        }
        return .wide
    }
}
