import XchangeCore
import XchangeJSON

/// What an external program says about itself when run with `describe`: the shape of an entry
/// of `xchange formats --json` plus `protocol_version` (see `schemas/plugin-protocol.md`).
///
/// Steps describe themselves the same way, without `extensions`, `read` and `write`.
public struct ProgramDescription: Hashable, Sendable {
    /// The protocol versions this xchange speaks.
    public static let supportedProtocolVersions = [1]

    /// The protocol version the program speaks (one of ``supportedProtocolVersions``).
    public var protocolVersion: Int
    /// The format id or step name; must match the executable's name.
    public var id: String
    /// A human name.
    public var name: String
    /// One line on what the program is for.
    public var summary: String
    /// The program's own version.
    public var version: String
    /// File extensions without the dot, lower case (formats only).
    public var fileExtensions: [String]
    /// What the format can do (formats only).
    public var capabilities: FormatCapabilities
    /// The `--option name=value` settings it takes (for steps, on both sides).
    public var options: [FormatOption]

    /// Parses the output of `describe`, checking it against the protocol. Every problem is an
    /// error naming the program and the key concerned.
    public init(parsing bytes: [UInt8], of program: ExternalProgram) throws(Diagnostic) {
        func malformed(_ problem: String) -> Diagnostic {
            .error("plugin.describe", "\(program.label) printed a malformed description: \(problem)")
        }
        let value: JSONValue
        do {
            value = try parseJSON(bytes)
        } catch {
            let position = error.position.map { " at line \($0.line), column \($0.column)" } ?? ""
            throw malformed("\(error.message)\(position)")
        }
        guard value.members != nil else { throw malformed("expected one JSON object, found \(value.kindDescription)") }
        guard let versionLiteral = value["protocol_version"]?.numberLiteral, let protocolNumber = Int(versionLiteral)
        else {
            throw malformed("protocol_version must be a whole number")
        }
        guard Self.supportedProtocolVersions.contains(protocolNumber) else {
            throw Diagnostic.error(
                "plugin.protocol",
                "\(program.label) speaks plugin protocol version \(protocolNumber); this xchange speaks version "
                    + Self.supportedProtocolVersions.map(String.init).joined(separator: ", "))
        }
        protocolVersion = protocolNumber

        func text(_ key: String, in object: JSONValue, context: String = "") throws(Diagnostic) -> String {
            guard let text = object[key]?.stringValue else { throw malformed("\(context)\(key) must be a string") }
            return text
        }
        func flag(
            _ key: String, in object: JSONValue, context: String = "", default fallback: Bool? = nil
        ) throws(Diagnostic) -> Bool {
            if let value = object[key]?.boolValue { return value }
            if object[key] == nil, let fallback { return fallback }
            throw malformed("\(context)\(key) must be true or false")
        }
        func strings(_ key: String, in object: JSONValue, context: String = "") throws(Diagnostic) -> [String]? {
            guard let value = object[key] else { return nil }
            guard let elements = value.elements else { throw malformed("\(context)\(key) must be an array of strings") }
            var texts: [String] = []
            for element in elements {
                guard let text = element.stringValue else {
                    throw malformed("\(context)\(key) must be an array of strings")
                }
                texts.append(text)
            }
            return texts
        }

        id = try text("id", in: value)
        guard id == program.name else {
            throw malformed("its id is \"\(id)\" but its file name says \"\(program.name)\"")
        }
        name = try text("name", in: value)
        summary = try text("summary", in: value)
        version = try text("version", in: value)
        let isFormat = program.kind == .format
        if isFormat {
            guard let extensions = try strings("extensions", in: value) else {
                throw malformed("extensions must be an array of strings")
            }
            guard extensions.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") }) else {
                throw malformed("extensions are given without the dot, like \"kv\"")
            }
            fileExtensions = extensions.map { $0.lowercased() }
            var capabilities: FormatCapabilities = []
            if try flag("read", in: value) { capabilities.insert(.read) }
            if try flag("write", in: value) { capabilities.insert(.write) }
            guard !capabilities.isEmpty else { throw malformed("read and write are both false") }
            self.capabilities = capabilities
        } else {
            fileExtensions = []
            capabilities = [.read, .write]
        }

        guard let optionValues = value["options"]?.elements ?? (value["options"] == nil ? [] : nil) else {
            throw malformed("options must be an array of objects")
        }
        var options: [FormatOption] = []
        for (index, option) in optionValues.enumerated() {
            guard option.members != nil else { throw malformed("options[\(index)] must be an object") }
            let context = "options[\(index)]."
            let name = try text("name", in: option, context: context)
            let summary = try text("summary", in: option, context: context)
            let values = try strings("values", in: option, context: context) ?? []
            let defaultValue: String?
            switch option["default"] {
            case nil, .null?: defaultValue = nil
            case .string(let text)?: defaultValue = text
            // A flag's default written as JSON true/false, or a number, means its text.
            case .bool(let flag)?: defaultValue = flag ? "true" : "false"
            case .number(let literal)?: defaultValue = literal
            default: throw malformed("\(context)default must be a string")
            }
            var sides: FormatCapabilities = []
            if try flag("read", in: option, context: context, default: isFormat ? nil : true) { sides.insert(.read) }
            if try flag("write", in: option, context: context, default: isFormat ? nil : true) { sides.insert(.write) }
            options.append(
                FormatOption(name: name, summary: summary, values: values, defaultValue: defaultValue, for: sides))
        }
        self.options = options
    }
}
