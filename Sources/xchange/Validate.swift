import ArgumentParser
import Foundation
import XchangeCore
import XchangeFormats

/// `xchange validate FILE...`
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check reports against the schema's consistency rules.",
        discussion: """
            Applies every rule of the canonical schema (`xchange schema --rules` lists them): the \
            sums of tables 三 and 四, value types, identifier check characters, the pre-2019 \
            channel totals, and — when several years of one agency are given, in any order — the \
            cross-year rules (the last 65,536 agency-years are remembered for them). Each \
            finding names the rule, the field path, and the figures that disagree:

              T3-1 applications.*.natural_person: new_received + carried_over = 839 but result.total + carried_forward = 840

            JSON Lines, JSON arrays, YAML streams and wide CSV files are checked on every core, \
            and so are many small files (report texts, one report each), several at a time; \
            findings come out in input order all the same. Exits with status 1 when there is an error-level \
            finding (with --strict, a warning too) or when an input cannot be read.

            Examples:
              xchange validate report.json
              xchange validate 2021.yaml 2022.yaml --strict
              xchange validate reports.csv --format json
            """
    )

    @Argument(help: "Report files (any readable format), or - for standard input.")
    var files: [String]

    @Option(name: .long, help: "The input format id (default: from each file's extension).")
    var from: String?

    @Option(
        name: .customLong("option"),
        help: ArgumentHelp("A reader option, key=value (repeatable).", valueName: "key=value"))
    var options: [String] = []

    @Option(name: .long, help: "How to print findings: text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Fail on warnings as well as errors.")
    var strict = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        let optionValues = try KeyValueOptions.parse(options, flag: "--option")
        let validator = Validator()
        let converter = Converter(registry: ProcessRegistry.shared)
        let report = ValidationReport(format: format == .json ? .json : .text)
        let reportCount = try converter.validate(files: files, from: from, options: optionValues, with: validator) {
            try report.add($0)
        }
        let failed = report.fails(strict: strict)
        try report.finish(reports: reportCount, failed: failed)
        if failed { throw ExitCode.failure }
    }
}
