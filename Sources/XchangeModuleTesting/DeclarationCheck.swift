import XchangeCore

/// Checks what a module declares about itself: id, names, extensions, capabilities, and each
/// option's name, sides and default.
struct DeclarationCheck {
    let module: any FormatModule

    func findings() -> [ConformanceFinding] {
        var found: [String] = []
        if !Self.isName(module.id) {
            found.append("id \"\(module.id)\" must be lower-case letters, digits and hyphens, starting with a letter")
        }
        if module.name.isEmpty { found.append("the name is empty") }
        if module.summary.isEmpty { found.append("the summary is empty") }
        if module.capabilities.isDisjoint(with: [.read, .write]) {
            found.append("the module can neither read nor write")
        }
        for ext in module.fileExtensions where ext.isEmpty || ext.hasPrefix(".") || ext != ext.lowercased() {
            found.append("file extension \"\(ext)\" must be lower case, without the dot")
        }
        // A name may stand once per side: a reader's and a writer's option may share it
        // (`columns`: a column map to read, which columns to write).
        var seen: [FormatCapabilities: Set<String>] = [.read: [], .write: []]
        for option in module.options {
            found += problems(of: option)
            for side in [FormatCapabilities.read, .write] where option.sides.contains(side) {
                if seen[side, default: []].insert(option.name).inserted == false {
                    found.append("option \(option.name) is declared twice for \(side == .read ? "reading" : "writing")")
                }
            }
        }
        return found.map { ConformanceFinding(.declaration, $0) }
    }

    private func problems(of option: FormatOption) -> [String] {
        var found: [String] = []
        let name = option.name
        if !Self.isName(name) { found.append("option name \"\(name)\" must be lower-case letters, digits and hyphens") }
        if option.summary.isEmpty { found.append("option \(name) has no summary") }
        if option.sides.isDisjoint(with: [.read, .write]) {
            found.append("option \(name) is declared for neither reading nor writing")
        } else if !module.capabilities.isSuperset(of: option.sides.intersection([.read, .write])) {
            let side = option.sides.contains(.write) && !module.capabilities.contains(.write) ? "writing" : "reading"
            found.append("option \(name) is declared for \(side), which the module cannot do")
        }
        if let value = option.defaultValue {
            if !option.values.isEmpty, !option.values.contains(value) {
                found.append(
                    "option \(name): the default \"\(value)\" is not one of its values (\(option.values.joined(separator: ", ")))"
                )
            }
            if option.takesWholeNumber, Int(value).map({ $0 < 0 }) ?? true {
                found.append("option \(name): the default \"\(value)\" is not a whole number")
            }
        } else if !option.values.isEmpty {
            found.append("option \(name) is a choice without a default")
        }
        if Set(option.values).count != option.values.count { found.append("option \(name) lists a value twice") }
        return found
    }

    /// `csv`, `max-errors`: lower-case ASCII letters, digits and hyphens, starting with a letter.
    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
