/// One finding about an input or a report: a read error, a warning about text that could
/// not be placed, or a consistency-rule violation. Every part of xchange reports through it.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    /// A stable code: a rule id (`T3-1`) or a dotted problem code (`json.syntax`, `key.unknown`),
    /// one of ``DiagnosticCode/all``.
    public var code: String
    /// What is wrong, for a person.
    public var message: String
    /// Where in the input, if known.
    public var location: SourceReference?
    /// The canonical field path concerned, if any (`applications.*.natural_person`).
    public var field: String?
    /// The figure a rule expected, and the figure found.
    public var expected: String?
    public var actual: String?

    public init(
        _ severity: Severity, code: String, message: String, location: SourceReference? = nil,
        field: String? = nil, expected: String? = nil, actual: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.field = field
        self.expected = expected
        self.actual = actual
    }

    /// An error diagnostic.
    public static func error(
        _ code: String, _ message: String, at location: SourceReference? = nil, field: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, code: code, message: message, location: location, field: field)
    }

    /// A warning diagnostic.
    public static func warning(
        _ code: String, _ message: String, at location: SourceReference? = nil, field: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code: code, message: message, location: location, field: field)
    }

    /// `file:line:column: error: [code] field: message`
    public var description: String {
        var text = ""
        if let location { text += location.position + ": " }
        text += "\(severity.rawValue): [\(code)] "
        if let field { text += field + ": " }
        text += message
        return text
    }
}
