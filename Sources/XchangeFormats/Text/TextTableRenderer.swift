/// Renders a table as text: a grid drawn with box characters whose columns line up for
/// Chinese text, or a Markdown table. Both keep empty cells visible as empty cells, so that a
/// blank cell reads back as blank and a 0 as 0.
struct TextTableRenderer {
    enum Style: String {
        /// Box-drawing grid, aligned for CJK widths.
        case plain
        /// `| a | b |` rows with a `| --- |` rule under the first row.
        case markdown
    }

    struct Cell {
        let text: String
        /// Figures align right, labels left.
        let isFigure: Bool

        static func label(_ text: String) -> Cell { Cell(text: text, isFigure: false) }
        static func figure(_ text: String) -> Cell { Cell(text: text, isFigure: true) }
        static let empty = Cell(text: "", isFigure: true)
    }

    let style: Style

    /// The lines of a table whose first `headerRows` rows are headings.
    func render(_ rows: [[Cell]], headerRows: Int) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let grid = rows.map { $0 + Array(repeating: Cell.empty, count: columns - $0.count) }
        switch style {
        case .markdown:
            var lines: [String] = []
            for (index, row) in grid.enumerated() {
                lines.append("| " + row.map { $0.text.isEmpty ? " " : $0.text }.joined(separator: " | ") + " |")
                if index == 0 { lines.append("|" + String(repeating: " --- |", count: columns)) }
            }
            return lines
        case .plain:
            var widths = Array(repeating: 1, count: columns)
            for row in grid {
                for (column, cell) in row.enumerated() {
                    widths[column] = max(widths[column], DisplayWidth.of(cell.text))
                }
            }
            func rule(_ left: String, _ middle: String, _ right: String) -> String {
                left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
            }
            var lines = [rule("┌", "┬", "┐")]
            for (index, row) in grid.enumerated() {
                let cells = row.enumerated().map { column, cell in
                    " " + DisplayWidth.pad(cell.text, to: widths[column], alignRight: cell.isFigure) + " "
                }
                lines.append("│" + cells.joined(separator: "│") + "│")
                if index == headerRows - 1, index < grid.count - 1 { lines.append(rule("├", "┼", "┤")) }
            }
            lines.append(rule("└", "┴", "┘"))
            return lines
        }
    }
}
