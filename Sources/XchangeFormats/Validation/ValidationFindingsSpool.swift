import Foundation
import XchangeCore
import XchangeJSON

/// Keeps the findings of a validation as they come, for the findings document
/// (``ValidationFindingsDocument``), whose counts come before its findings: each finding is
/// encoded at once, and past ``memoryLimit`` bytes the encoded findings go to a temporary file,
/// so that an input with a finding in every report is validated in flat memory.
///
/// The temporary file is a ``ScratchFile``: nothing is left behind. When none can be made, the
/// findings stay in memory; when one stops taking them (a full disk), writing the document
/// fails before it starts, rather than writing it with findings missing.
public final class ValidationFindingsSpool {
    /// How many encoded bytes are kept in memory before they go to a temporary file.
    public static let memoryLimit = 1 << 20

    /// Findings added, and how many of them are errors and warnings.
    public private(set) var count = 0
    public private(set) var errors = 0
    public private(set) var warnings = 0

    /// Writes the findings as elements of the document's `findings` array, at its depth.
    private let elements: JSONWriter
    private var encoded: [UInt8] = []
    private var spill: FileHandle?
    /// Why the temporary file stopped taking findings, if it did.
    private var spillFailure: (any Error)?
    private var memoryLimit: Int

    /// An empty spool; `memoryLimit` is for tests.
    public init(memoryLimit: Int = ValidationFindingsSpool.memoryLimit) {
        self.memoryLimit = memoryLimit
        // Its bytes are taken after every finding: its chunk size is never reached.
        let writer = JSONWriter(style: ValidationFindingsDocument.style, chunkSize: .max) { _ in }
        // Opening the document and its array puts the writer where the findings go; those bytes
        // are dropped: the document writes its own opening, with the counts, at the end.
        writer.beginObject()
        writer.key("findings")
        writer.beginArray()
        writer.drain { _ in }
        elements = writer
    }

    deinit { try? spill?.close() }

    /// Adds a finding after those added before.
    public func add(_ finding: ValidationFinding) {
        count += 1
        switch finding.diagnostic.severity {
        case .error: errors += 1
        case .warning: warnings += 1
        default: break
        }
        ValidationFindingsDocument.write(finding, to: elements)
        elements.drain { encoded.append(contentsOf: $0) }
        if encoded.count >= memoryLimit {
            do {
                try spillEncoded()
            } catch {
                // Kept in memory from here on; a file that took only some of them is unusable.
                memoryLimit = .max
                if spill != nil { spillFailure = error }
            }
        }
    }

    /// Throws if the findings cannot all be handed out: call before writing anything.
    func checkWhole() throws {
        if let spillFailure {
            throw Diagnostic.error(
                "output.write", "cannot keep the findings in \(NSTemporaryDirectory()): \(spillFailure)")
        }
    }

    /// Hands out the encoded findings in order, in chunks, and empties the spool of them.
    func drainEncoded(_ body: ([UInt8]) throws -> Void) throws {
        try checkWhole()
        if let spill {
            do {
                try spillEncoded()
                try spill.seek(toOffset: 0)
                while let chunk = try spill.read(upToCount: 1 << 20), !chunk.isEmpty { try body(Array(chunk)) }
            } catch let error as Diagnostic {
                throw error
            } catch {
                throw Diagnostic.error(
                    "output.write", "cannot read back the findings kept in \(NSTemporaryDirectory()): \(error)")
            }
        } else if !encoded.isEmpty {
            try body(encoded)
        }
        encoded = []
    }

    private func spillEncoded() throws {
        let file = try spill ?? ScratchFile.open(prefix: "xchange-findings")
        spill = file
        try file.write(contentsOf: encoded)
        encoded.removeAll(keepingCapacity: true)
    }
}
