import XchangeCore

/// Replaces `${NAME}` in a pipeline file's text before it is parsed, so that `${year}` alone is
/// read as the YAML scalar it stands for (the number 2023) and may appear inside flow mappings.
///
/// Comments are left alone. A value that could change the YAML around it (`: `, `#`, quotes,
/// brackets) is inserted quoted, or escaped inside a quoted string. Columns of the expanded
/// text are mapped back to the file's own, so that messages point at what the user wrote.
struct VariableExpander {
    let file: String

    /// One use of a variable in the file.
    struct Use {
        let name: String
        let line: Int
        let column: Int
    }

    /// The expanded text and a map back to the original columns.
    struct Expansion {
        let text: String
        /// Per line, the shifts made: (column in the expanded line after which text moved, delta).
        let shifts: [Int: [(after: Int, delta: Int)]]

        /// The column in the original file of a column of the expanded text.
        func originalColumn(line: Int, column: Int) -> Int {
            var result = column
            for shift in shifts[line] ?? [] where column > shift.after { result -= shift.delta }
            return max(1, result)
        }
    }

    /// Every `${NAME}` outside comments, in order.
    func uses(in text: String) -> [Use] {
        var found: [Use] = []
        scan(text) { use in found.append(use) }
        return found
    }

    /// The text with every variable replaced; an unset variable is an error naming it, its
    /// line and the nearest set name.
    func expand(_ text: String, values: [String: String]) throws(Diagnostic) -> Expansion {
        var lines: [String] = []
        var shifts: [Int: [(after: Int, delta: Int)]] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            var output = ""
            var problem: Diagnostic?
            var last = line.startIndex
            Self.scanLine(line) { range, name in
                guard problem == nil else { return }
                guard let value = values[name] else {
                    let hint = NearestName.find(name, among: values.keys).map { "; did you mean ${\($0)}?" } ?? ""
                    let column = line.distance(from: line.startIndex, to: range.lowerBound) + 1
                    problem = Diagnostic.error(
                        "pipeline.variable-unset",
                        "${\(name)} is not set: give it with --var \(name)=VALUE, in the environment, or under vars:\(hint)",
                        at: SourceReference(file: file, line: number, column: column))
                    return
                }
                output += line[last..<range.lowerBound]
                let inQuotes = line[line.startIndex..<range.lowerBound].filter { $0 == "\"" }.count % 2 == 1
                let inserted = Self.inserted(value, inDoubleQuotes: inQuotes)
                let column = output.count + inserted.count
                let delta = inserted.count - line.distance(from: range.lowerBound, to: range.upperBound)
                output += inserted
                shifts[number, default: []].append((after: column, delta: delta))
                last = range.upperBound
            }
            if let problem { throw problem }
            output += line[last...]
            lines.append(output)
        }
        return Expansion(text: lines.joined(separator: "\n"), shifts: shifts)
    }

    /// The value as it goes into the text: plain when it reads back as itself.
    static func inserted(_ value: String, inDoubleQuotes: Bool) -> String {
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        if inDoubleQuotes { return escaped }
        let plain =
            !value.isEmpty
            && value.unicodeScalars.allSatisfy { scalar in
                scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    || "_.-/+".unicodeScalars.contains(scalar)
            }
        return plain ? value : "\"\(escaped)\""
    }

    private func scan(_ text: String, _ found: (Use) -> Void) {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            Self.scanLine(line) { range, name in
                found(
                    Use(
                        name: name, line: index + 1,
                        column: line.distance(from: line.startIndex, to: range.lowerBound) + 1))
            }
        }
    }

    /// Calls `found` for each `${NAME}` of a line before any comment.
    static func scanLine(_ line: Substring, _ found: (Range<Substring.Index>, String) -> Void) {
        var quote: Character?
        var index = line.startIndex
        var previous: Character = " "
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                if previous == " " || previous == ":" || previous == "[" || previous == "{" || previous == "," {
                    quote = character
                }
            } else if character == "#", previous == " " || previous == "\t" || index == line.startIndex {
                return
            }
            if character == "$", line[index...].hasPrefix("${"), let close = line[index...].firstIndex(of: "}") {
                let name = String(line[line.index(index, offsetBy: 2)..<close])
                if Self.isName(name) {
                    found(index..<line.index(after: close), name)
                    previous = "}"
                    index = line.index(after: close)
                    continue
                }
            }
            previous = character
            index = line.index(after: index)
        }
    }

    static func isName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil))
        }
    }
}
