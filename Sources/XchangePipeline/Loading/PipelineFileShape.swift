/// The shape of a pipeline file (version 1). Steps are checked by their own types' shapes.
enum PipelineFileShape {
    static let source = ConfigShape.object(
        [
            ConfigProperty(
                "path", .string, "a file or glob, relative to the pipeline file's folder; may use ${VARIABLES}"),
            ConfigProperty("format", .string, "the format id (default: from the extension)"),
            ConfigProperty("options", .object([], additional: .scalar), "read options, exactly as --read-option"),
            ConfigProperty(
                "columns", .oneOf([.string, .object([], additional: .string)]),
                "csv: a map file of header: canonical.key, or the map inline"),
            ConfigProperty(
                "unmapped", .choice(["error", "ignore"]),
                "csv with columns: a header the map does not name is an error (default) or ignored"),
        ], required: ["path"])

    static let sink = ConfigShape.object(
        [
            ConfigProperty(
                "path", .string,
                "the output file, relative to the pipeline file's folder; {dotted.key} makes one file per value"),
            ConfigProperty("format", .string, "the format id (default: from the extension)"),
            ConfigProperty("options", .object([], additional: .scalar), "write options, exactly as --write-option"),
        ], required: ["path"])

    /// The top level; `steps` items are one-key mappings `{name: config}` plus an optional `on_error`.
    static func file(steps: ConfigShape) -> ConfigShape {
        .object(
            [
                ConfigProperty("version", .integer, "the pipeline format version: 1"),
                ConfigProperty("name", .string, "a name for the summary"),
                ConfigProperty(
                    "vars", .object([], additional: .scalar),
                    "default values of ${NAME} variables (--var and the environment come first)"),
                ConfigProperty("sources", .list(source, minItems: 1), "where reports come from"),
                ConfigProperty("steps", .list(steps), "applied in order; each a one-key mapping {step: options}"),
                ConfigProperty("sinks", .list(sink, minItems: 1), "where reports go"),
                ConfigProperty(
                    "rejects", .string, "canonical JSON Lines of the reports refused by steps with on_error: skip"),
            ], required: ["version", "sources", "sinks"])
    }

    /// `on_error`, allowed beside a step's name or inside its configuration mapping.
    static let onError = ConfigProperty(
        "on_error", .choice(["stop", "skip"]),
        "skip: a refused report goes to rejects and the run goes on (default stop)")
}
