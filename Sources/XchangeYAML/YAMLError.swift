/// Why a YAML stream could not be read or written.
///
/// One type for parser, limit and emitter failures, so that callers need a single `catch`
/// to turn any of them into a diagnostic with a position.
public struct YAMLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, in libyaml's words where libyaml found the problem
    /// (e.g. "mapping values are not allowed in this context"), followed by what the parser
    /// was doing when that context helps ("while parsing a block mapping ...").
    public var message: String
    /// Where the problem is, when it has a place in the input (emitter errors do not).
    public var mark: YAMLMark?
    /// Where the construct that the problem interrupted began, when libyaml reports it:
    /// an unclosed quote or bracket is usually fixed there, not at ``mark``.
    public var contextMark: YAMLMark?

    /// Creates an error; the marks are 1-based.
    public init(message: String, mark: YAMLMark? = nil, contextMark: YAMLMark? = nil) {
        self.message = message
        self.mark = mark
        self.contextMark = contextMark
    }

    /// `line 3, column 7: <message>`, or just the message when there is no position.
    public var description: String {
        guard let mark else { return message }
        return "\(mark): \(message)"
    }
}
