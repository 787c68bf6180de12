/// A position in YAML source text, as people count it: the first line is line 1 and the
/// first character of a line is column 1.
///
/// libyaml counts from 0; every mark leaving this module has been shifted so that
/// messages can be pasted next to an editor's status bar without mental arithmetic.
/// Columns count Unicode characters, not bytes, so a Chinese line reads as it looks.
public struct YAMLMark: Hashable, Sendable {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, in characters.
    public var column: Int

    /// Creates a mark from 1-based coordinates.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

extension YAMLMark: CustomStringConvertible {
    /// `line 3, column 7`: the phrase every xchange diagnostic uses for a position.
    public var description: String { "line \(line), column \(column)" }
}
