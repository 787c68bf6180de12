import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespaces)` (or `.whitespacesAndNewlines` with `newlines`),
    /// returning the string itself when neither its first nor its last character is a blank,
    /// as cells, keys and headings nearly always are. Foundation's trimming goes through UTF-16
    /// every time, which made it most of the cost of reading a long CSV file and of mapping a
    /// header. Every character of both sets but U+200B (zero width space) has Unicode's
    /// White_Space property, so other ends leave nothing to trim; otherwise (U+3000 included)
    /// Foundation trims. The character set is made only then: making one costs a bridged lookup.
    func trimmingBlanks(newlines: Bool = false) -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        if !Self.mayBeBlank(first) && !Self.mayBeBlank(last) { return self }
        return trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }

    private static func mayBeBlank(_ scalar: Unicode.Scalar) -> Bool {
        // Visible ASCII first, without looking up a property.
        if (0x21..<0x7F).contains(scalar.value) { return false }
        return scalar.value == 0x200B || scalar.properties.isWhitespace
    }
}
