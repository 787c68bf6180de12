/// The shape a part of a pipeline file must have: one description that both checks files
/// (``ConfigChecker``) and renders `schemas/pipeline.v1.schema.json` (``ConfigShape/jsonSchema``),
/// so that the checker and the JSON Schema cannot disagree.
public indirect enum ConfigShape: Sendable {
    /// Any scalar read as text (templates allowed).
    case string
    /// A whole number.
    case integer
    /// `true` or `false`.
    case boolean
    /// One of a fixed set of words.
    case choice([String])
    /// Any scalar: text, number or boolean.
    case scalar
    /// A sequence whose items all have one shape.
    case list(ConfigShape, minItems: Int = 0)
    /// A mapping with named properties; `additional` is the shape of any other key's value
    /// (nil: other keys are errors, with the nearest name).
    case object([ConfigProperty], required: [String] = [], additional: ConfigShape? = nil)
    /// The first alternative whose node kind (scalar, sequence, mapping) fits.
    case oneOf([ConfigShape])
    /// Nothing at all (`validate:` with no options).
    case null
    /// A definition of the JSON Schema (`#/$defs/step`): checked by whoever reads the part.
    case reference(String)
    /// Anything (checked by whoever reads it).
    case any

    /// What the shape expects, for messages.
    public var expectation: String {
        switch self {
        case .string: "text"
        case .integer: "a whole number"
        case .boolean: "true or false"
        case .choice(let words): "one of " + words.joined(separator: ", ")
        case .scalar: "a single value"
        case .list: "a list"
        case .object: "a mapping"
        case .oneOf(let shapes): shapes.map(\.expectation).joined(separator: " or ")
        case .null: "nothing"
        case .reference: "a value"
        case .any: "a value"
        }
    }
}

/// A named property of an object shape.
public struct ConfigProperty: Sendable {
    public let name: String
    public let shape: ConfigShape
    /// One line on what it does (the JSON Schema's description, for editors).
    public let summary: String

    public init(_ name: String, _ shape: ConfigShape, _ summary: String) {
        self.name = name
        self.shape = shape
        self.summary = summary
    }
}
