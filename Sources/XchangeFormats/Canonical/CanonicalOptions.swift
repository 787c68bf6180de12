import XchangeCore

/// The options both canonical formats (JSON and YAML) take, declared once.
extension FormatOption {
    /// Whether a writer includes the provenance map and fact sources.
    static let canonicalProvenance = FormatOption.flag(
        "provenance", summary: "Write where each value was read from (the provenance map and fact sources)",
        default: true, for: .write)

    /// Whether a reader records the line and column of every value.
    static let canonicalPositions = FormatOption.flag(
        "positions",
        summary:
            "On reading, record the line and column of every value as its provenance (validate reads a report with findings again this way)",
        default: false, for: .read)
}
