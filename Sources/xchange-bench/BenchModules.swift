import XchangeCore
import XchangeFormats

/// The format modules the benchmark drives, by id. Conversions look modules up by id, so a
/// row whose module is not built in yet reports that instead of failing.
enum BenchModules {
    static let registry = FormatRegistry([CSVFormat()])
}
