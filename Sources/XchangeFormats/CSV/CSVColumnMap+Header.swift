import XchangeCore

/// What the csv reader does with a header a column map does not name: `unmapped=error|ignore`.
enum UnmappedColumns: String {
    case error
    case ignore
}

extension CSVColumnMap {
    /// The header with mapped names replaced by canonical keys, and the columns to skip.
    /// A header the map does not name and that is not itself a canonical column is an error
    /// naming it and the nearest canonical label, unless unmapped columns are ignored.
    func apply(
        to header: [String], unmapped: UnmappedColumns, file: String, line: Int, row: Int
    ) throws(Diagnostic) -> (header: [String], ignored: Set<Int>) {
        var mapped = header
        var ignored: Set<Int> = []
        for (index, name) in header.enumerated() {
            let trimmed = name.trimmingBlanks()
            if trimmed.isEmpty { continue }
            if let column = column(forHeader: trimmed) {
                mapped[index] = WideColumns.key(column)
            } else if WideColumns.column(named: trimmed) == nil {
                guard unmapped == .ignore else {
                    let nearest =
                        NearestLabel.find(trimmed).map {
                            "; the nearest canonical label is \($0.labelPath) (\($0.key))"
                        } ?? ""
                    throw Diagnostic.error(
                        "csv.unmapped-column",
                        "header row \(row), column \(index + 1) \"\(trimmed)\": not in the column map \(self.name)\(nearest); map it, or read with unmapped=ignore",
                        at: SourceReference(file: file, line: line))
                }
                ignored.insert(index)
            }
        }
        return (mapped, ignored)
    }
}

/// The canonical label most like a foreign header, by the characters they share in order
/// (headers of a province's own spreadsheet are rarely a few edits from the official path).
enum NearestLabel {
    static func find(_ header: String) -> FieldDescriptor? {
        let target = Array(LabelText.normalized(header).unicodeScalars)
        guard !target.isEmpty else { return nil }
        var best: (field: FieldDescriptor, score: Int, length: Int)?
        for field in CanonicalSchema.v1.fields {
            let label = Array(LabelText.normalized(field.labelPath).unicodeScalars)
            let score = LabelSimilarity.commonLength(target, label)
            if score > 0, best == nil || score > best!.score || (score == best!.score && label.count < best!.length) {
                best = (field, score, label.count)
            }
        }
        return best?.field
    }
}
