import XchangeCore

/// A writer that writes from threads of its own (``BackgroundWriter``, a format module that is
/// a program of its own).
///
/// Before an output is thrown away its writer is cancelled: a thread still writing after the
/// file is closed would write into whatever file reuses the closed file's descriptor.
public protocol CancellableReportWriter: ReportWriter {
    /// Stops writing without completing the output, and returns once nothing more will be
    /// written. Does nothing after ``ReportWriter/finish()``.
    func cancel()
}
