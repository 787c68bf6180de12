import Foundation

/// Receives diagnostics as they are found. Reporting a finding is separate from deciding to
/// stop: readers report and go on where they can; the caller decides what a finding means.
public protocol DiagnosticCollector: AnyObject, Sendable {
    func report(_ diagnostic: Diagnostic)
}

/// Keeps every diagnostic in order; thread-safe.
public final class DiagnosticList: DiagnosticCollector, @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Diagnostic] = []

    public init() {}

    public func report(_ diagnostic: Diagnostic) {
        lock.lock()
        items.append(diagnostic)
        lock.unlock()
    }

    /// Everything reported so far.
    public var diagnostics: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }

    /// Forgets everything reported so far.
    public func clear() {
        lock.lock()
        items.removeAll()
        lock.unlock()
    }
}
