import ArgumentParser

/// `xchange`: moves 政府信息公开工作年度报告 between report text, CSV, JSON and YAML.
@main
struct Xchange: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xchange",
        abstract: "Convert and check government information-disclosure annual reports (政府信息公开工作年度报告).",
        discussion: """
            Reports move between the published report text, CSV, JSON and YAML through one \
            canonical model. The format of a file is taken from its extension; --from and --to \
            name it explicitly. Use - for standard input or output. Formats can be added as \
            external programs found on XCHANGE_PLUGIN_PATH (see `xchange formats --help`).

            Examples:
              xchange convert samples/report-2021.json report.yaml
              xchange convert report.yaml - --to json
              xchange validate report.json
              xchange run samples/pipelines/texts-to-json.yaml
              xchange formats
            """,
        version: XchangeVersion.current,
        subcommands: [Convert.self, Validate.self, Run.self, Formats.self, Schema.self, Generate.self, Upload.self]
    )
}

/// The version `xchange --version` prints.
enum XchangeVersion {
    static let current = "0.1.0"
}
