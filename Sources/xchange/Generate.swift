import ArgumentParser
import XchangeCore
import XchangeFormats
import XchangeSynthetic

/// `xchange generate`
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write realistic random reports whose tables satisfy every rule (for tests and benchmarks).",
        discussion: """
            The same --count, --seed, --era and faults always give the same reports. With \
            --option faults=K, exactly K single-cell rule violations are planted for testing \
            validators; --list-faults prints which report breaks which rule.

            The output format comes from --output's extension or --format (default json); \
            other --option values go to that format's writer.

            Examples:
              xchange generate --count 3 --seed 1
              xchange generate --count 100000 --seed 7 --output reports.csv
              xchange generate --count 10 --era trial_2019 --format yaml
              xchange generate --count 50 --seed 2 --option faults=5 --list-faults --output faulty.jsonl
            """
    )

    @Option(help: "How many reports.")
    var count: Int = 1

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: "The report template: unified_2021, trial_2019 or legacy_pre2019.")
    var era: String = FormatVersion.unified2021.rawValue

    @Option(help: "The output format id (default: from --output's extension, else json).")
    var format: String?

    @Option(name: .shortAndLong, help: "The output file (written atomically); standard output when absent.")
    var output: String?

    @Option(
        name: .customLong("option"),
        help: ArgumentHelp("faults=K, or a writer option key=value (repeatable).", valueName: "key=value"))
    var options: [String] = []

    @Flag(help: "Print the planted faults to standard error.")
    var listFaults = false

    func validate() throws {
        guard count >= 0 else { throw ValidationError("--count must be ≥ 0") }
        guard let template = FormatVersion(rawValue: era) else {
            throw ValidationError(
                "--era must be one of \(FormatVersion.allCases.map(\.rawValue).joined(separator: ", ")), not \(era)")
        }
        // Checked here, so that the error shows this command's usage.
        let faults = try faultCount()
        let most = ReportGenerator.maximumFaults(count: count, format: template)
        guard faults <= most else { throw ValidationError("at most \(most) faults fit in \(count) \(era) reports") }
    }

    /// The faults `--option faults=K` asks for; 0 without it.
    private func faultCount() throws -> Int {
        let faultText = try KeyValueOptions.parse(options, flag: "--option")["faults"] ?? "0"
        guard let faults = Int(faultText), faults >= 0 else {
            throw ValidationError("faults takes a whole number ≥ 0, not \(faultText)")
        }
        return faults
    }

    func run() throws {
        var writerOptions = try KeyValueOptions.parse(options, flag: "--option")
        writerOptions["faults"] = nil
        let faults = try faultCount()
        let template = FormatVersion(rawValue: era)!

        try CommandFailure.run {
            var generator = ReportGenerator(count: count, seed: seed, format: template, faults: faults)
            if listFaults {
                for fault in generator.injectedFaults() { StandardError.write(fault.description) }
            }
            try Converter(registry: ProcessRegistry.shared).write(
                to: output ?? "-", as: format ?? (output == nil ? "json" : nil), options: writerOptions,
                diagnostics: DiagnosticPrinter()
            ) { generator.next() }
        }
    }
}
