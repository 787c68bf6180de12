/// Where something came from: a file, a position in it, and the text it was read from.
///
/// Used both for diagnostics and for the provenance of values read from a source.
public struct SourceReference: Hashable, Sendable {
    /// The file path as the user gave it, or nil for standard input.
    public var file: String?
    /// 1-based line.
    public var line: Int?
    /// 1-based column, counted in characters.
    public var column: Int?
    /// The text the value was read from.
    public var snippet: String?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, snippet: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.snippet = snippet
    }

    /// `file:line:column`, leaving out what is unknown.
    public var position: String {
        var parts: [String] = [file ?? "<stdin>"]
        if let line {
            parts.append(String(line))
            if let column { parts.append(String(column)) }
        }
        return parts.joined(separator: ":")
    }
}
