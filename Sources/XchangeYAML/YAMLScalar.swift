/// How a scalar is (or is to be) written in YAML source.
///
/// The style is kept on read because it carries meaning the value alone does not: a plain
/// `12` is a number to most consumers, a quoted `"12"` is text.
public enum YAMLScalarStyle: Sendable {
    /// Unquoted: `value`.
    case plain
    /// `'value'`; no escapes, `''` stands for a quote.
    case singleQuoted
    /// `"value"`; backslash escapes, the only style that can hold any string.
    case doubleQuoted
    /// `|` block: lines are kept as written.
    case literal
    /// `>` block: single line breaks fold into spaces.
    case folded
}

/// A scalar value as read from YAML: the text after quotes, escapes and block indentation
/// are resolved, plus how it was written and where.
public struct YAMLScalar: Hashable, Sendable {
    /// The decoded text.
    public var value: String
    /// The style it was written in.
    public var style: YAMLScalarStyle
    /// The explicit tag with its handle expanded (`!!int` becomes `tag:yaml.org,2002:int`),
    /// or `nil` when the scalar had none.
    public var tag: String?
    /// Where the scalar starts (for quoted and block styles: at the indicator).
    public var mark: YAMLMark

    /// Creates a scalar.
    public init(value: String, style: YAMLScalarStyle = .plain, tag: String? = nil, mark: YAMLMark) {
        self.value = value
        self.style = style
        self.tag = tag
        self.mark = mark
    }
}
