/// The option values for one side (reading or writing) of one module: what was given, checked
/// against the module's declarations, with every other declared option at its default.
///
/// Readers and writers read settings through the typed accessors, which answer for declared
/// options only: asking for an option the module does not declare for that side is a
/// programming error and stops the program (the conformance suite finds it).
public struct FormatOptions: Hashable, Sendable {
    /// The id of the module the options were checked for.
    public let module: String
    /// Every declared option of this side that has a value: the given one, else the default.
    public let values: [String: String]
    /// Only what was given (external programs are passed these and apply their own defaults).
    public let given: [String: String]
    private let declared: [String: FormatOption]

    /// Checks `given` against a module's options for `side`: unknown names, values outside a
    /// choice and malformed numbers are errors that say what is accepted.
    public init(
        _ given: [String: String] = [:], for module: any FormatModule, side: FormatCapabilities = [.read, .write]
    ) throws(Diagnostic) {
        let available = module.options.filter { !$0.sides.isDisjoint(with: side) }
        for (name, value) in given.sorted(by: { $0.key < $1.key }) {
            guard let option = available.first(where: { $0.name == name }) else {
                let known = available.map(\.name)
                let list = known.isEmpty ? "it takes no options" : "its options are: \(known.joined(separator: ", "))"
                let hint = NearestName.find(name, among: known).map { "did you mean \($0)? " } ?? ""
                throw Diagnostic.error(
                    "option.unknown", "the \(module.id) format has no option \"\(name)\"; \(hint)\(list)")
            }
            if let problem = option.problem(with: value, module: module.id) {
                throw Diagnostic.error("option.value", problem)
            }
        }
        var values: [String: String] = [:]
        for option in available {
            values[option.name] = given[option.name] ?? option.defaultValue
        }
        self.module = module.id
        self.values = values
        self.given = given
        self.declared = Dictionary(available.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every declared option of `side` at its default.
    public static func defaults(
        for module: any FormatModule, side: FormatCapabilities = [.read, .write]
    )
        -> FormatOptions
    {
        // Nothing given, so nothing can be refused.
        try! FormatOptions([:], for: module, side: side)
    }

    /// The value of a declared option: given, else its default; nil for an option without default
    /// that was not given.
    public func string(_ name: String) -> String? {
        _ = declaration(name)
        return values[name]
    }

    /// A declared true/false option.
    public func bool(_ name: String) -> Bool {
        let option = declaration(name)
        precondition(
            option.isFlag && option.defaultValue != nil,
            "option \(name) of the \(module) format is not a flag with a default")
        return values[name] == "true"
    }

    /// A declared whole-number option.
    public func int(_ name: String) -> Int {
        let option = declaration(name)
        precondition(
            option.takesWholeNumber && option.defaultValue != nil,
            "option \(name) of the \(module) format is not a whole number with a default")
        return Int(values[name]!)!
    }

    /// A declared choice, as the caller's type: each declared value must be a raw value of `Choice`.
    public func choice<Choice: RawRepresentable>(_ name: String, as type: Choice.Type = Choice.self) -> Choice
    where Choice.RawValue == String {
        let option = declaration(name)
        guard let text = values[name], let chosen = Choice(rawValue: text) else {
            preconditionFailure(
                "option \(name) of the \(module) format: \(values[name] ?? "no value") is not a \(Choice.self) (values: \(option.values))"
            )
        }
        return chosen
    }

    private func declaration(_ name: String) -> FormatOption {
        guard let option = declared[name] else {
            preconditionFailure("the \(module) format asks for option \(name), which it does not declare for this side")
        }
        return option
    }
}
