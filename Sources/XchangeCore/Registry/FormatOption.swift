/// A setting a format module understands, given as `--option name=value`.
public struct FormatOption: Hashable, Sendable {
    public let name: String
    public let summary: String
    /// The accepted values, when the option is a choice; empty for free values.
    public let values: [String]
    public let defaultValue: String?
    /// Whether the option concerns reading, writing or both: `--option` goes to the sides that
    /// take it, so that a reader and a writer can each have their own `layout`.
    public let sides: FormatCapabilities

    public init(name: String, summary: String, values: [String] = [], defaultValue: String? = nil, for sides: FormatCapabilities = [.read, .write]) {
        self.name = name
        self.summary = summary
        self.values = values
        self.defaultValue = defaultValue
        self.sides = sides
    }

    /// A true/false option.
    public static func flag(_ name: String, summary: String, default value: Bool, for sides: FormatCapabilities = [.read, .write]) -> FormatOption {
        FormatOption(name: name, summary: summary, values: ["true", "false"], defaultValue: value ? "true" : "false", for: sides)
    }
}

/// The option values given for one module, checked against what it declares.
public struct FormatOptions: Hashable, Sendable {
    public let values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    /// Checks `given` against a module's declared options: unknown names and values outside a
    /// choice are errors that list what is accepted.
    public init(_ given: [String: String], for module: any FormatModule, side: FormatCapabilities = [.read, .write]) throws(Diagnostic) {
        let available = module.options.filter { !$0.sides.isDisjoint(with: side) }
        for (name, value) in given.sorted(by: { $0.key < $1.key }) {
            guard let option = available.first(where: { $0.name == name }) else {
                let known = available.map(\.name)
                let list = known.isEmpty ? "it takes no options" : "its options are: \(known.joined(separator: ", "))"
                let hint = NearestName.find(name, among: known).map { "did you mean \($0)? " } ?? ""
                throw Diagnostic.error("option.unknown", "the \(module.id) format has no option \"\(name)\"; \(hint)\(list)")
            }
            if !option.values.isEmpty, !option.values.contains(value) {
                throw Diagnostic.error(
                    "option.value", "option \(name) of the \(module.id) format takes \(option.values.joined(separator: ", ")), not \"\(value)\"")
            }
        }
        self.values = given
    }

    /// The value given, or the declared default.
    public func string(_ name: String, in module: any FormatModule) -> String? {
        values[name] ?? module.options.first { $0.name == name }?.defaultValue
    }

    /// A true/false option.
    public func bool(_ name: String, default value: Bool) -> Bool {
        guard let text = values[name] else { return value }
        return text == "true"
    }

    /// An integer option.
    public func int(_ name: String, default value: Int) throws(Diagnostic) -> Int {
        guard let text = values[name] else { return value }
        guard let number = Int(text), number >= 0 else {
            throw Diagnostic.error("option.value", "option \(name) takes a whole number ≥ 0, not \"\(text)\"")
        }
        return number
    }
}
