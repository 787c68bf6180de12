import Foundation

/// The files a scaffold writes, worked out and checked before anything is written: a taken id,
/// an existing folder or a registry file without a place for the new line refuses the whole.
struct ScaffoldPlan {
    struct File {
        let relativePath: String
        let url: URL
        let contents: String
    }

    static let formatsFolder = "Sources/XchangeFormats"
    static let registryFile = "Sources/XchangeFormats/BuiltinFormats.swift"
    static let testsFolder = "Tests/XchangeFormatsTests"
    /// The line in `builtinFormatModules` that new modules are inserted above.
    static let marker = "// new-format:"

    let files: [File]

    init(request: ScaffoldRequest, packageRoot root: URL) throws(ScaffoldError) {
        let formats = root.appending(path: Self.formatsFolder)
        let taken = Self.builtinIDs(in: formats)
        if let path = taken[request.id] {
            throw ScaffoldError("the format id \"\(request.id)\" is taken by the module in \(path); choose another id")
        }
        let name = request.typeName
        for parent in [Self.formatsFolder, Self.testsFolder] {
            let existing =
                (try? FileManager.default.contentsOfDirectory(atPath: root.appending(path: parent).path)) ?? []
            if let clash = existing.first(where: { $0.lowercased() == name.lowercased() }) {
                throw ScaffoldError("\(parent)/\(clash) exists already; choose another id")
            }
        }
        guard let registry = try? String(contentsOf: root.appending(path: Self.registryFile), encoding: .utf8) else {
            throw ScaffoldError("cannot read \(Self.registryFile)")
        }
        let templates = ScaffoldTemplates(id: request.id, name: name)
        let sources = "\(Self.formatsFolder)/\(name)"
        let planned: [(String, String)] = [
            ("\(sources)/\(name)Format.swift", templates.module),
            ("\(sources)/\(name)Reader.swift", templates.reader),
            ("\(sources)/\(name)Writer.swift", templates.writer),
            ("\(Self.testsFolder)/\(name)/\(name)ConformanceTests.swift", templates.conformanceTest),
            (Self.registryFile, try Self.registering("\(name)Format()", in: registry)),
        ]
        files = planned.map { File(relativePath: $0.0, url: root.appending(path: $0.0), contents: $0.1) }
    }

    /// `BuiltinFormats.swift` with `entry` added to the module list: above the marker comment,
    /// else after the last `…Format(),` line.
    static func registering(_ entry: String, in source: String) throws(ScaffoldError) -> String {
        var lines = source.components(separatedBy: "\n")
        if let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(marker) }) {
            let indent = lines[index].prefix { $0 == " " }
            lines.insert("\(indent)\(entry),", at: index)
        } else if let index = lines.lastIndex(where: { isModuleEntry($0) }) {
            let indent = lines[index].prefix { $0 == " " }
            lines.insert("\(indent)\(entry),", at: index + 1)
        } else {
            throw ScaffoldError(
                "cannot find the module list in \(registryFile): add the line \"\(marker) …\" inside it")
        }
        return lines.joined(separator: "\n")
    }

    /// `    CSVFormat(),`
    private static func isModuleEntry(_ line: String) -> Bool {
        let text = line.trimmingCharacters(in: .whitespaces)
        return text.hasSuffix("Format(),") && text.first?.isUppercase == true && !text.contains(" ")
    }

    /// The ids the built-in modules declare (`let id = "csv"` or `var id: String { "csv" }`),
    /// with the file that declares each.
    static func builtinIDs(in folder: URL) -> [String: String] {
        var ids: [String: String] = [:]
        let pattern = try! NSRegularExpression(pattern: #"\b(?:let|var)\s+id\s*(?::\s*String\s*)?(?:=|\{)\s*"([^"]+)""#)
        let files =
            FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "swift" {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            let range = NSRange(text.startIndex..., in: text)
            for match in pattern.matches(in: text, range: range) {
                guard let idRange = Range(match.range(at: 1), in: text) else { continue }
                ids[String(text[idRange])] = file.path.replacingOccurrences(
                    of: folder.deletingLastPathComponent().deletingLastPathComponent().path + "/", with: "")
            }
        }
        return ids
    }
}
