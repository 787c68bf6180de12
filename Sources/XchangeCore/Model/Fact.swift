import Foundation

/// A number a report states that no canonical field holds ("公开公共服务事项183项"), kept so
/// that no figure of a report is lost.
public struct Fact: Hashable, Sendable {
    /// What the number counts, in the report's words.
    public var label: String
    public var value: Decimal
    /// The unit printed with it (`项`, `条`, `元`, `%`), if any.
    public var unit: String?
    /// The canonical field this figure restates, when the text repeats a table figure
    /// (checked by rule T3-7).
    public var key: String?
    /// Where the report states it.
    public var source: SourceReference?

    public init(label: String, value: Decimal, unit: String? = nil, key: String? = nil, source: SourceReference? = nil)
    {
        self.label = label
        self.value = value
        self.unit = unit
        self.key = key
        self.source = source
    }
}
