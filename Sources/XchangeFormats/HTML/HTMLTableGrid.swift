/// An HTML table laid out on a grid: `rowspan` and `colspan` resolved, so each cell knows the
/// row and column it starts at and the slots its span covers. `Text` is what a cell holds.
struct HTMLTableGrid<Text> {
    struct Cell {
        let text: Text
        let row: Int
        let column: Int
        let rowSpan: Int
        let columnSpan: Int
        /// The source line the cell starts on.
        let line: Int
    }

    /// The cells that start in each row, in column order.
    private(set) var rows: [[Cell]] = []
    /// Slots covered by spans from rows above, by row and column (a table has a few dozen
    /// rows and columns: flags in arrays, not sets in a dictionary, which cost a hash a cell).
    private var covered: [[Bool]] = []
    private(set) var columnCount = 0

    /// Adds the next row's cells (text, spans, line) in document order.
    mutating func addRow(_ cells: [(text: Text, rowSpan: Int, columnSpan: Int, line: Int)]) {
        let row = rows.count
        var column = 0
        var placed: [Cell] = []
        for cell in cells {
            while isCovered(row, column) { column += 1 }
            let rowSpan = min(max(cell.rowSpan, 1), 1000)
            let columnSpan = min(max(cell.columnSpan, 1), 1000)
            placed.append(
                Cell(
                    text: cell.text, row: row, column: column, rowSpan: rowSpan, columnSpan: columnSpan, line: cell.line
                ))
            for spanned in 1..<rowSpan {
                for offset in 0..<columnSpan { cover(row + spanned, column + offset) }
            }
            column += columnSpan
        }
        let lastCovered = row < covered.count ? covered[row].lastIndex(of: true) ?? -1 : -1
        columnCount = max(columnCount, column, lastCovered + 1)
        if row < covered.count { covered[row] = [] }
        rows.append(placed)
    }

    private func isCovered(_ row: Int, _ column: Int) -> Bool {
        row < covered.count && column < covered[row].count && covered[row][column]
    }

    private mutating func cover(_ row: Int, _ column: Int) {
        while covered.count <= row { covered.append([]) }
        if covered[row].count <= column { covered[row] += repeatElement(false, count: column + 1 - covered[row].count) }
        covered[row][column] = true
    }

    /// The text at a grid slot, following spans: what a reader of the printed table sees there.
    func text(row: Int, column: Int) -> Text? {
        for candidate in rows.prefix(row + 1).reversed() {
            for cell in candidate
            where (cell.row...(cell.row + cell.rowSpan - 1)).contains(row)
                && (cell.column...(cell.column + cell.columnSpan - 1)).contains(column)
            {
                return cell.text
            }
        }
        return nil
    }
}
