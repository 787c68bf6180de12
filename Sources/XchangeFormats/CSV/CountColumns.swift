import XchangeCore

/// The whole-number columns of a wide header, read in one tight pass over a row.
///
/// Counts are most of a wide row. Read this way, a cell costs a look-up of where it ends and
/// its digits; the general loop over the row's columns tells each column's role apart first
/// and reaches the bytes through the record's arrays, cell by cell.
struct CountColumns {
    private struct Column {
        let index: Int
        let id: FieldID
    }

    private let columns: [Column]
    /// Whether each column of the header is one of them.
    private let isCount: [Bool]

    init(_ roles: [WideReader.Role]) {
        var columns: [Column] = []
        var isCount = [Bool](repeating: false, count: roles.count)
        for (index, role) in roles.enumerated() {
            guard case .field(let id, .count) = role else { continue }
            columns.append(Column(index: index, id: id))
            isCount[index] = true
        }
        self.columns = columns
        self.isCount = isCount
    }

    /// Whether column `index` is a whole-number column.
    func contains(_ index: Int) -> Bool { isCount[index] }

    /// Reads the filled whole-number cells of `record` (which has a cell for every column)
    /// into `integers`; false, with some read, when one is not plain digits: such a cell (a
    /// negative number, a thousands separator, text) is for the general decoder to read or word.
    func read(_ record: CSVRecord, into integers: IntegerBatch) -> Bool {
        record.bytes.withUnsafeBufferPointer { bytes in
            record.ends.withUnsafeBufferPointer { ends in
                columns.withUnsafeBufferPointer { columns in
                    for column in columns {
                        // A field starts one byte (the separator) after the one before it ends.
                        let start = column.index == 0 ? 0 : ends[column.index - 1] + 1
                        let end = ends[column.index]
                        if start == end { continue }
                        guard let number = NumericLiteral.integer(UnsafeBufferPointer(rebasing: bytes[start..<end])),
                            number >= 0
                        else { return false }
                        integers.append(number, for: column.id)
                    }
                    return true
                }
            }
        }
    }
}
