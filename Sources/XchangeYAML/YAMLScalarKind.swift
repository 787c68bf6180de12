/// What a scalar means under the YAML 1.2 core schema.
///
/// YAML itself only has text; whether `12`, `~` or `true` are numbers, null or booleans is
/// decided by a schema. Every xchange reader should decide it the same way, so the rule
/// lives here instead of in each format.
public enum YAMLScalarKind: Hashable, Sendable {
    /// `null`, `Null`, `NULL`, `~`, or nothing at all.
    case null
    /// `true` / `false` in lower, title or upper case.
    case bool
    /// Decimal, `0o` octal or `0x` hexadecimal integers.
    case int
    /// Decimal floats with optional exponent, `.inf`, `-.inf`, `.nan`.
    case float
    /// Anything else, and anything quoted or written as a block.
    case string
}

extension YAMLScalar {
    /// The core-schema kind of this scalar.
    ///
    /// An explicit standard tag wins (`!!str 12` is a string); only untagged plain scalars
    /// are resolved from their text, because quoting is how a writer says "this is text".
    /// YAML 1.1 spellings such as `yes`, `on` or `0777` are strings here: libyaml documents
    /// are read as YAML 1.2.
    public var kind: YAMLScalarKind {
        switch tag {
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:bool": return .bool
        case "tag:yaml.org,2002:int": return .int
        case "tag:yaml.org,2002:float": return .float
        case nil: break
        default: return .string
        }
        guard style == .plain else { return .string }
        return CoreSchema.kind(ofPlain: value)
    }
}

extension YAMLScalarKind {
    /// The core-schema kind of an untagged plain scalar's text, from its UTF-8 bytes: what
    /// ``YAMLScalar/kind`` says for such a scalar, without making a `String` of it.
    public init(plain bytes: UnsafeBufferPointer<UInt8>) {
        self = CoreSchema.kind(ofPlain: bytes)
    }
}

/// The YAML 1.2 core schema's regular expressions, written out by hand: they run for
/// every plain scalar a reader looks at, and they are simple enough not to need a regex
/// engine.
enum CoreSchema {
    static func kind(ofPlain text: String) -> YAMLScalarKind {
        var text = text
        return text.withUTF8 { kind(ofPlain: $0) }
    }

    static func kind(ofPlain bytes: UnsafeBufferPointer<UInt8>) -> YAMLScalarKind {
        if let keyword = keyword(bytes) { return keyword }
        var utf8 = bytes[...]
        if utf8.count > 2, utf8.first == UInt8(ascii: "0") {
            let prefix = utf8[utf8.startIndex + 1]
            let digits = utf8.dropFirst(2)
            if prefix == UInt8(ascii: "o"), digits.allSatisfy({ (0x30...0x37).contains($0) }) { return .int }
            if prefix == UInt8(ascii: "x"), digits.allSatisfy(isHexDigit) { return .int }
        }
        if let sign = utf8.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            utf8 = utf8.dropFirst()
        }
        // [0-9]+ | [0-9]+ . [0-9]* | . [0-9]+, then an optional exponent.
        let integerDigits = utf8.prefix(while: isDigit)
        var rest = utf8.dropFirst(integerDigits.count)
        if rest.isEmpty { return integerDigits.isEmpty ? .string : .int }
        var fractionDigits = 0
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            fractionDigits = rest.prefix(while: isDigit).count
            rest = rest.dropFirst(fractionDigits)
        }
        guard !integerDigits.isEmpty || fractionDigits > 0 else { return .string }
        if let e = rest.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                rest = rest.dropFirst()
            }
            let exponentDigits = rest.prefix(while: isDigit).count
            guard exponentDigits > 0 else { return .string }
            rest = rest.dropFirst(exponentDigits)
        }
        return rest.isEmpty ? .float : .string
    }

    /// The kind of the core schema's fixed words (`~`, `null`, `true`, `.inf`, …), nil for others.
    private static func keyword(_ bytes: UnsafeBufferPointer<UInt8>) -> YAMLScalarKind? {
        // The longest keyword, `+.INF`, has five bytes.
        guard bytes.count <= 5 else { return nil }
        switch String(decoding: bytes, as: UTF8.self) {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "false", "False", "FALSE": return .bool
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
            ".nan", ".NaN", ".NAN":
            return .float
        default: return nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}
