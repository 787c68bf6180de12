import ArgumentParser
import Foundation
import XchangeCore
import XchangeFormats
import XchangeJSON

/// `xchange formats`
struct Formats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the installed formats, what each can do, and their options.",
        discussion: """
            Besides the built-in formats, lists the external format modules: executables \
            named xchange-format-ID found in the folders of XCHANGE_PLUGIN_PATH (colon-separated), \
            then of PATH. Each is run once with `describe` to learn what it does; one that \
            cannot describe itself is left out with a warning naming it. An external module \
            whose id a built-in format has is refused; of two with one id, the first found wins. \
            Each call of an external module may take XCHANGE_PLUGIN_TIMEOUT seconds (default \
            120; describe 10 at most). The protocol is in schemas/plugin-protocol.md.

            Examples:
              xchange formats
              xchange formats --json
              XCHANGE_PLUGIN_PATH=samples/plugins xchange formats
            """
    )

    @Flag(help: "Print as JSON, for programs.")
    var json = false

    func run() throws {
        var modules: [any FormatModule] = []
        let registered = ProcessRegistry.shared.modules
        FormatRegistry.prepareAll(registered)
        for module in registered {
            do throws(Diagnostic) {
                try module.prepare()
                modules.append(module)
            } catch {
                StandardError.write(Diagnostic.warning(error.code, error.message).description)
            }
        }
        if json {
            printJSON(modules)
        } else {
            printText(modules)
        }
    }

    private func printText(_ modules: [any FormatModule]) {
        var out = ""
        for module in modules {
            let can = [
                module.capabilities.contains(.read) ? "read" : nil,
                module.capabilities.contains(.write) ? "write" : nil,
            ]
            .compactMap { $0 }.joined(separator: ", ")
            out += "\(module.id)  \(module.name) — \(module.summary)\n"
            out += "    extensions: .\(module.fileExtensions.joined(separator: ", ."))    can: \(can)\n"
            if let path = module.externalPath { out += "    external: \(path)\n" }
            for option in module.options {
                var line = "    --option \(option.name)="
                line += option.values.isEmpty ? "VALUE" : option.values.joined(separator: "|")
                if let value = option.defaultValue { line += "  (default \(value))" }
                if option.sides != [.read, .write] { line += option.sides == .read ? "  [reading]" : "  [writing]" }
                out += line + "\n        \(option.summary)\n"
            }
            out += "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    private func printJSON(_ modules: [any FormatModule]) {
        var bytes: [UInt8] = []
        let writer = JSONWriter(style: .pretty(indent: 2)) { bytes += $0 }
        writer.beginArray()
        for module in modules {
            writer.beginObject()
            writer.key("id")
            writer.string(module.id)
            writer.key("name")
            writer.string(module.name)
            writer.key("summary")
            writer.string(module.summary)
            writer.key("extensions")
            writer.beginArray()
            for fileExtension in module.fileExtensions { writer.string(fileExtension) }
            writer.endArray()
            writer.key("read")
            writer.bool(module.capabilities.contains(.read))
            writer.key("write")
            writer.bool(module.capabilities.contains(.write))
            writer.key("options")
            writer.beginArray()
            for option in module.options {
                writer.beginObject()
                writer.key("name")
                writer.string(option.name)
                writer.key("summary")
                writer.string(option.summary)
                if !option.values.isEmpty {
                    writer.key("values")
                    writer.beginArray()
                    for value in option.values { writer.string(value) }
                    writer.endArray()
                }
                if let value = option.defaultValue {
                    writer.key("default")
                    writer.string(value)
                }
                writer.key("read")
                writer.bool(option.sides.contains(.read))
                writer.key("write")
                writer.bool(option.sides.contains(.write))
                writer.endObject()
            }
            writer.endArray()
            if let path = module.externalPath {
                writer.key("external")
                writer.bool(true)
                writer.key("path")
                writer.string(path)
            }
            writer.endObject()
        }
        writer.endArray()
        writer.newline()
        try? writer.flush()
        FileHandle.standardOutput.write(Data(bytes))
    }
}
