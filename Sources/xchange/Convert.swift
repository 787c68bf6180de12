import ArgumentParser
import XchangeCore
import XchangeFormats

/// `xchange convert INPUT OUTPUT`
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert reports from one format to another.",
        discussion: """
            The formats are taken from the file extensions (see `xchange formats`); --from and \
            --to override them and are required for - (standard input or output).

            The output is written to a temporary file and renamed into place only when the \
            whole conversion succeeded: a failed conversion leaves no output file and never \
            touches an existing one. Converting a file onto itself is refused.

            External format modules (programs named xchange-format-ID on XCHANGE_PLUGIN_PATH \
            or PATH; see `xchange formats --help`) are used exactly like the built-in ones.

            Module options are given as --option key=value and go to the reader and/or writer \
            that declares them; --read-option and --write-option address one side only.

            Examples:
              xchange convert report.json report.yaml
              xchange convert reports.csv reports.jsonl
              xchange convert report.txt report.json --option provenance=false
              xchange convert report.json submission.zip                 # a submission package
              xchange convert report.json submission.zip --option profile=province.yaml
              xchange convert submission.zip report.json                 # verified, then read
              cat report.yaml | xchange convert - - --from yaml --to json
            """
    )

    @Argument(help: "The input file, or - for standard input.")
    var input: String

    @Argument(help: "The output file, or - for standard output.")
    var output: String

    @Option(name: .long, help: "The input format id (default: from the input's extension).")
    var from: String?

    @Option(name: .long, help: "The output format id (default: from the output's extension).")
    var to: String?

    @Option(
        name: .customLong("option"),
        help: ArgumentHelp("A module option, key=value (repeatable).", valueName: "key=value"))
    var options: [String] = []

    @Option(
        name: .customLong("read-option"), help: ArgumentHelp("An option for the reader only.", valueName: "key=value"))
    var readOptions: [String] = []

    @Option(
        name: .customLong("write-option"), help: ArgumentHelp("An option for the writer only.", valueName: "key=value"))
    var writeOptions: [String] = []

    @Flag(name: .shortAndLong, help: "Print what was converted to standard error.")
    var verbose = false

    func run() throws {
        let request = ConversionRequest(
            input: input, output: output, from: from, to: to,
            options: try KeyValueOptions.parse(options, flag: "--option"),
            readOptions: try KeyValueOptions.parse(readOptions, flag: "--read-option"),
            writeOptions: try KeyValueOptions.parse(writeOptions, flag: "--write-option"))
        try CommandFailure.run {
            let printer = DiagnosticPrinter()
            let summary = try Converter(registry: ProcessRegistry.shared).convert(request, diagnostics: printer)
            if verbose {
                let noun = summary.reports == 1 ? "report" : "reports"
                StandardError.write(
                    "converted \(summary.reports) \(noun) from \(summary.reader) to \(summary.writer): \(output)")
            }
        }
    }
}
