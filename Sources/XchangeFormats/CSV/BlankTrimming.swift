import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespaces)` (or `.whitespacesAndNewlines` with `newlines`),
    /// returning the string itself when it starts and ends with a visible ASCII character, as
    /// cells and keys nearly always do. Foundation's trimming goes through UTF-16 every time,
    /// which made it most of the cost of reading a long CSV file; anything else (a blank, a
    /// control character, a non-ASCII character that may be a space, such as U+3000) is left
    /// to it. The character set is made only then: making one costs a bridged lookup.
    func trimmingBlanks(newlines: Bool = false) -> String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        if (0x21..<0x7F).contains(first) && (0x21..<0x7F).contains(last) { return self }
        return trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }
}
