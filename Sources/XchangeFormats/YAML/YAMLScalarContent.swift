import XchangeCore
import XchangeYAML

/// What a YAML scalar is to the canonical decoders, by the YAML 1.2 core schema: a quoted
/// `"12"` is text, a plain `12` a number, a plain `~` null.
///
/// The one rule for both YAML readers: ``YAMLDocumentNode`` applies it to a tree's scalars and
/// ``DirectYAMLDecoder`` to a tape's, so the two paths cannot disagree about a value.
enum YAMLScalarContent: Equatable {
    case null
    case bool(Bool)
    /// A decimal literal (``DecimalText`` reads it); the text is the scalar's own.
    case number
    case string

    /// The content of a scalar of a tree.
    init(_ scalar: YAMLScalar) {
        switch scalar.kind {
        case .null: self = .null
        case .bool: self = .bool(scalar.value.lowercased() == "true")
        case .int, .float:
            // Only decimal literals are numbers here; 0x1F or .inf in a report is a mistake, shown as text.
            self = DecimalText.parse(scalar.value) != nil ? .number : .string
        case .string: self = .string
        }
    }

    /// The content of an untagged scalar from its decoded bytes, without making a `String`:
    /// text that starts with a Chinese character or a letter no keyword starts with, and short
    /// runs of digits, are told at their first bytes.
    init(untagged bytes: UnsafeBufferPointer<UInt8>, style: YAMLScalarStyle) {
        guard style == .plain else {
            self = .string
            return
        }
        guard let first = bytes.first else {
            self = .null
            return
        }
        if first >= 0x80 || Self.startsOnlyText(first) {
            self = .string
            return
        }
        if first &- 0x30 < 10, bytes.count <= 18, bytes.allSatisfy({ $0 &- 0x30 < 10 }) {
            self = .number
            return
        }
        switch YAMLScalarKind(plain: bytes) {
        case .null: self = .null
        case .bool: self = .bool(first | 0x20 == UInt8(ascii: "t"))
        case .int, .float: self = NumericLiteral.isDecimal(bytes) ? .number : .string
        case .string: self = .string
        }
    }

    /// ASCII letters that begin no core-schema keyword (`null`, `true`, `false` in their three
    /// cases; `.inf` and `.nan` begin with a point).
    private static func startsOnlyText(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        guard lower &- UInt8(ascii: "a") < 26 else { return false }
        return lower != UInt8(ascii: "n") && lower != UInt8(ascii: "t") && lower != UInt8(ascii: "f")
    }
}
