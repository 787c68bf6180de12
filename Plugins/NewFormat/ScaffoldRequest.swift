/// What the user asked for: a module id, checked, and the names derived from it.
struct ScaffoldRequest {
    static let usage = """
        USAGE: swift package --allow-writing-to-package-directory new-format ID

        Creates Sources/XchangeFormats/<Name>/ (module, reader, writer), registers the module in
        BuiltinFormats.swift and adds Tests/XchangeFormatsTests/<Name>/<Name>ConformanceTests.swift.

        ID is the format id used by --from/--to and as the file extension: lower-case letters,
        digits and hyphens, starting with a letter (e.g. kv, gansu-platform).

        EXAMPLE: swift package --allow-writing-to-package-directory new-format kv
        """

    /// `gansu-platform`
    let id: String
    /// `GansuPlatform`: the folder and the type-name stem.
    let typeName: String

    init(arguments: [String]) throws(ScaffoldError) {
        let positional = arguments.filter { !$0.hasPrefix("-") }
        guard positional.count == 1, let id = positional.first else {
            throw ScaffoldError("give exactly one format id\n\n\(Self.usage)")
        }
        if let unknown = arguments.first(where: { $0.hasPrefix("-") }) {
            throw ScaffoldError("unknown option \(unknown)\n\n\(Self.usage)")
        }
        guard Self.isValidID(id) else {
            throw ScaffoldError(
                "\"\(id)\" is not a valid format id: use lower-case letters, digits and hyphens, starting with a letter (e.g. kv, gansu-platform)"
            )
        }
        self.id = id
        self.typeName = id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Lower-case ASCII letters, digits and single inner hyphens, starting with a letter.
    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first), !id.hasSuffix("-"), !id.contains("--")
        else {
            return false
        }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// Why the scaffold was refused; printed by SwiftPM as the command's error.
struct ScaffoldError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
