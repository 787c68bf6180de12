import XchangeCore
import XchangeFormats

/// The format modules the benchmark drives, by id: every built-in module. Conversions look
/// modules up by id, so a row whose module is missing reports that instead of failing.
enum BenchModules {
    static let registry = FormatRegistry.builtin
}
