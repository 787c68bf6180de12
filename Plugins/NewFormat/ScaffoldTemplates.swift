/// The Swift files of a new module. As generated they carry canonical JSON Lines through the
/// JSON module, so the module builds, registers and passes the conformance suite at once.
struct ScaffoldTemplates {
    /// `kv`
    let id: String
    /// `Kv`
    let name: String

    var module: String {
        """
        import XchangeCore

        /// The `\(id)` format: describe here what it is for and who produces it.
        ///
        /// Scaffolded by `swift package new-format \(id)`. As generated, ``\(name)Reader`` and
        /// ``\(name)Writer`` carry canonical JSON Lines, so that the module round-trips from the
        /// start; replace them with the format's own reading and writing, and keep
        /// `\(name)ConformanceTests` passing.
        public struct \(name)Format: FormatModule {
            public let id = "\(id)"
            public let name = "\(name)"
            public let summary = "\(id) files (say in one line what they hold)"
            public let fileExtensions = ["\(id)"]
            public let capabilities: FormatCapabilities = [.read, .write]
            /// Each `--option` the module takes, with its default, its values and its sides. Readers
            /// and writers read them through `FormatOptions` (`bool`, `int`, `choice`, `string`).
            public let options: [FormatOption] = [
                .flag("provenance", summary: "write where each value was read from", default: true, for: .write),
            ]

            public init() {}

            public func makeReader(
                _ input: InputSource, options: FormatOptions, diagnostics: any DiagnosticCollector
            ) throws -> any ReportReader {
                try \(name)Reader(input: input, diagnostics: diagnostics)
            }

            public func makeWriter(
                _ output: OutputSink, options: FormatOptions, diagnostics: any DiagnosticCollector
            ) throws -> any ReportWriter {
                try \(name)Writer(output: output, keepsProvenance: options.bool("provenance"), diagnostics: diagnostics)
            }
        }

        """
    }

    var reader: String {
        """
        import XchangeCore

        /// Reads `\(id)` input, one report per call of `next()`.
        ///
        /// Starting point: the input is canonical JSON, read by the JSON module. Replace it with
        /// the format's own parsing: pull bytes with `input.read(upTo:)` (never the whole input
        /// when the format can stream), fill each `Report` with `report.set(key, to: value)`, and
        /// throw a `Diagnostic` naming the file, line and column for input that cannot be read.
        final class \(name)Reader: ReportReader {
            private let canonical: any ReportReader

            init(input: InputSource, diagnostics: any DiagnosticCollector) throws {
                let json = JSONFormat()
                let options = FormatOptions.defaults(for: json, side: .read)
                canonical = try json.makeReader(input, options: options, diagnostics: diagnostics)
            }

            func next() throws -> Report? {
                try canonical.next()
            }
        }

        """
    }

    var writer: String {
        """
        import XchangeCore

        /// Writes reports as `\(id)`, one per call of `write(_:)`; `finish()` completes the output.
        ///
        /// Starting point: JSON Lines, written by the JSON module. Replace it with the format's own
        /// writing: hand the output large chunks (`output.write(_:)`), and write nothing a reader
        /// could not read back.
        final class \(name)Writer: ReportWriter {
            private let canonical: any ReportWriter

            init(output: OutputSink, keepsProvenance: Bool, diagnostics: any DiagnosticCollector) throws {
                let json = JSONFormat()
                let given = ["layout": "lines", "provenance": String(keepsProvenance)]
                let options = try FormatOptions(given, for: json, side: .write)
                canonical = try json.makeWriter(output, options: options, diagnostics: diagnostics)
            }

            func write(_ report: Report) throws {
                try canonical.write(report)
            }

            func finish() throws {
                try canonical.finish()
            }
        }

        """
    }

    var conformanceTest: String {
        """
        import Testing
        import XchangeCore
        import XchangeFormats
        import XchangeModuleTesting

        /// The `\(id)` module against the conformance suite. State in the contract what the format
        /// keeps (`RoundTrip`), how it treats an empty input, and real files it must read.
        struct \(name)ConformanceTests {
            @Test func conformance() {
                // As scaffolded the format is canonical JSON Lines: lossless, and an empty file is not JSON.
                let contract = ConformanceContract(roundTrips: [.lossless], emptyInput: .refused(code: "json.syntax"))
                let report = ConformanceSuite(\(name)Format(), contract: contract).run()
                for finding in report.findings { Issue.record("\\(finding)") }
            }

            @Test func isRegistered() {
                #expect(FormatRegistry.builtin.module(id: "\(id)") is \(name)Format)
            }
        }

        """
    }
}
