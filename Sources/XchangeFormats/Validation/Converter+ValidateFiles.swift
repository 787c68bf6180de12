import Foundation
import XchangeCore

extension Converter {
    /// Validates several inputs with `validator`, one after another, handing out exactly the
    /// findings, in the order, that ``validate(_:from:options:with:workers:found:)`` gives
    /// for each in turn: what `xchange validate` does with its files.
    ///
    /// Small files (up to ``smallInput`` bytes: a report text, a report's JSON or YAML) in a
    /// built-in format are read and checked alone on worker threads, a few files ahead of this
    /// thread, which checks the cross-year rules and hands out the findings in input order.
    /// Larger files, standard input and external formats are read by this thread, in pieces
    /// when their format can be.
    ///
    /// - Returns: how many reports were read.
    @discardableResult
    public func validate(
        files paths: [String], from format: String? = nil, options: [String: String] = [:],
        with validator: Validator, workers: Int = min(ProcessInfo.processInfo.activeProcessorCount, 8),
        found: (ValidationFinding) throws -> Void
    ) throws -> Int {
        // Modules are found here, on this thread; only built-in ones read ahead (an external
        // module is a program of its own, run for one file at a time as before).
        let modules = paths.map { path in
            Self.isSmallFile(path)
                ? (try? registry.resolve(id: format, path: path, for: .read)).flatMap {
                    $0.externalPath == nil ? $0 : nil
                }
                : nil
        }
        guard workers > 1, modules.filter({ $0 != nil }).count > 1 else {
            return try paths.reduce(0) {
                $0 + (try validate($1, from: format, options: options, with: validator, workers: workers, found: found))
            }
        }
        let checkers = ThreadValidators()
        let lookahead = OrderedLookahead<CheckedFile>(
            count: paths.count, workers: workers, window: workers * 4, isAhead: { modules[$0] != nil },
            work: { index in
                checkAlone(paths[index], module: modules[index]!, options: options, by: checkers.validator())
            })
        defer { lookahead.stop() }
        var reports = 0
        for (index, path) in paths.enumerated() {
            if let checked = lookahead.result(index) {
                reports += try checked.merge(into: validator, file: path, found: found)
            } else {
                reports += try validate(
                    path, from: format, options: options, with: validator, workers: workers, found: found)
            }
        }
        return reports
    }

    /// Files up to this size are checked ahead on worker threads; larger ones are read in
    /// pieces on every core anyway.
    public static let smallInput = 1 << 20

    /// Whether `path` is a regular file (or a link to one) of at most `limit` bytes.
    public static func isSmallFile(_ path: String, limit: Int = smallInput) -> Bool {
        var info = stat()
        guard path != "-", stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        return info.st_size <= limit
    }

    /// Reads the input at `path` in order and checks each report alone, as
    /// ``validate(_:from:options:with:workers:found:)`` reads one: what the reader says is kept
    /// with the number of the report it was said on.
    private func checkAlone(
        _ path: String, module: any FormatModule, options: [String: String], by validator: Validator
    ) -> CheckedFile {
        let collected = DiagnosticList()
        var file = CheckedFile()
        do {
            let checkedOptions = try FormatOptions(options, for: module, side: .read)
            let input = try InputSource(path: path)
            let source = input.displayName
            var checked = CheckedReports(source: source, checkedBy: validator)
            defer { file.checked = checked }
            let reader = try module.makeReader(input, options: checkedOptions, diagnostics: collected)
            try checked.check(reader, by: validator) { ordinal in
                file.reports = ordinal
                file.spoken += collected.drain().map { (ordinal, $0) }
            }
            if file.reports == 0 { throw Self.noReport(in: input) }
        } catch {
            file.failure = error
        }
        file.spoken += collected.drain().map { (file.reports + 1, $0) }
        return file
    }
}

/// An input read and checked alone on a worker thread, for the thread that hands out the
/// findings to merge in input order.
private struct CheckedFile: @unchecked Sendable {
    /// Its reports, checked alone; nil when none could be read.
    var checked: CheckedReports?
    var reports = 0
    /// What its reader said, each with the number of the report it was said on (one past the
    /// last for what was said at the end).
    var spoken: [(report: Int, diagnostic: Diagnostic)] = []
    /// What stopped the reading: a diagnostic is the input's last finding, anything else is
    /// thrown.
    var failure: (any Error)?

    /// Hands out the findings as reading the input in order with `validator` gives them:
    /// what the reader said on each report before that report's findings, and the
    /// cross-year rules checked against the reports `validator` saw before.
    func merge(into validator: Validator, file path: String, found: (ValidationFinding) throws -> Void) throws -> Int {
        var pending = spoken[...]
        func speak(through report: Int) throws {
            while let first = pending.first, first.report <= report {
                try found(ValidationFinding(file: path, report: first.report, diagnostic: first.diagnostic))
                pending = pending.dropFirst()
            }
        }
        try checked?.merge(into: validator) { ordinal, subject, findings in
            try speak(through: ordinal)
            for diagnostic in findings {
                try found(ValidationFinding(file: path, report: ordinal, subject: subject, diagnostic: diagnostic))
            }
        }
        try speak(through: .max)
        if let failure {
            guard let diagnostic = failure as? Diagnostic else { throw failure }
            try found(ValidationFinding(file: path, report: nil, diagnostic: diagnostic))
        }
        return reports
    }
}

/// A validator for each worker thread, made once: a validator's memory is used by one thread.
private final class ThreadValidators: @unchecked Sendable {
    private let lock = NSLock()
    private var byThread: [ObjectIdentifier: Validator] = [:]

    /// The calling thread's validator.
    func validator() -> Validator {
        let thread = ObjectIdentifier(Thread.current)
        lock.lock()
        defer { lock.unlock() }
        if let known = byThread[thread] { return known }
        let made = Validator()
        byThread[thread] = made
        return made
    }
}
