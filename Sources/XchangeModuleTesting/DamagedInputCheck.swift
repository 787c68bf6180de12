import Foundation
import XchangeCore

/// Reads damaged copies of good inputs: cut short, bytes overwritten, binary noise, invalid
/// UTF-8, runs of NUL bytes. Nothing may crash, hang or run away, and every diagnostic must say
/// where: the file and, for text formats, a line.
struct DamagedInputCheck {
    let harness: ModuleHarness
    let seeds: [(name: String, bytes: [UInt8])]
    let seed: UInt64
    /// Whether diagnostics must name a line (text formats), or the file suffices (binary ones).
    var locatesByLine = true

    /// One damaged input.
    struct Variant {
        let description: String
        let bytes: [UInt8]

        /// Whether the input holds more than blanks.
        var hasContent: Bool { bytes.contains { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } }
    }

    var variantCount: Int { variants().count }

    func findings() -> [ConformanceFinding] {
        var found: [String] = []
        for (index, variant) in variants().enumerated() {
            let ext = seeds.first.map { ($0.name as NSString).pathExtension } ?? "dat"
            guard let path = try? harness.folder.write("damaged-\(index).\(ext)", variant.bytes) else { continue }
            let outcome = harness.read(path)
            let what = variant.description
            if outcome.timedOut {
                found.append("\(what): reading did not finish")
                continue
            }
            if outcome.runaway {
                found.append("\(what): the reader gave more than \(ModuleHarness.reportLimit) reports")
            }
            if let error = outcome.thrown {
                if let diagnostic = error as? Diagnostic {
                    found += problems(
                        of: diagnostic, path: path, what: what, needsLine: locatesByLine && variant.hasContent)
                } else {
                    found.append("\(what): failed without a diagnostic: \(error)")
                }
            }
            for diagnostic in outcome.diagnostics {
                found += problems(
                    of: diagnostic, path: path, what: what, needsLine: locatesByLine && variant.hasContent)
            }
        }
        // The same fault tends to show in many variants: report each message once.
        var seen = Set<String>()
        return found.filter { seen.insert($0).inserted }.map { ConformanceFinding(.damagedInput, $0) }
    }

    /// Every diagnostic names the file; one about an input with content also names a line (an
    /// input of blanks only has no place to point at).
    private func problems(of diagnostic: Diagnostic, path: String, what: String, needsLine: Bool) -> [String] {
        guard let location = diagnostic.location, location.file == path else {
            return ["\(what): a diagnostic does not name the file: \(diagnostic)"]
        }
        if needsLine, location.line == nil { return ["\(what): a diagnostic has no line: \(diagnostic)"] }
        return []
    }

    /// Fibonacci hashing of `index` under the seed: spreads the damage over an input, the same
    /// way on every run (the high bits are the well-mixed ones).
    private func scatter(_ index: Int) -> UInt64 {
        ((UInt64(index) &+ seed &+ 1) &* 0x9E37_79B9_7F4A_7C15) >> 24
    }

    /// The damaged inputs, the same for the same seeds.
    func variants() -> [Variant] {
        var variants: [Variant] = []
        for sample in seeds.prefix(3) {
            let bytes = sample.bytes
            let count = bytes.count
            guard count > 1 else { continue }
            for cut in Set([1, count / 3, count / 2, count - 1]).sorted() where cut > 0 && cut < count {
                variants.append(
                    Variant(
                        description: "\(sample.name) cut to \(cut) of \(count) bytes", bytes: Array(bytes.prefix(cut))))
            }
            let replacements: [UInt8] = [0x00, 0xFF, 0x22, 0x0A, 0x2C, 0x7B, 0x3A, 0x80, 0x7C, 0x2D]
            for flip in 0..<8 {
                let position = Int(scatter(flip) % UInt64(count))
                let byte = replacements[Int(scatter(flip + 100) % UInt64(replacements.count))]
                var damaged = bytes
                damaged[position] = byte
                variants.append(
                    Variant(
                        description: "\(sample.name) with byte \(position) set to 0x\(String(byte, radix: 16))",
                        bytes: damaged))
            }
            var invalid = bytes
            invalid.insert(contentsOf: [0xC3, 0x28, 0xE2, 0x82], at: count / 2)
            variants.append(
                Variant(description: "\(sample.name) with invalid UTF-8 at byte \(count / 2)", bytes: invalid))
            var nuls = bytes
            nuls.replaceSubrange((count / 4)..<min(count, count / 4 + 64), with: [UInt8](repeating: 0, count: 64))
            variants.append(Variant(description: "\(sample.name) with 64 NUL bytes at byte \(count / 4)", bytes: nuls))
            variants.append(
                Variant(
                    description: "\(sample.name) twice over, the second cut short",
                    bytes: bytes + bytes.prefix(count / 2)))
        }
        let noise = (0..<4096).map { UInt8(truncatingIfNeeded: scatter($0 + 1000)) }
        variants.append(Variant(description: "4096 bytes of binary noise", bytes: noise))
        variants.append(Variant(description: "a single NUL byte", bytes: [0]))
        variants.append(Variant(description: "a single newline", bytes: [0x0A]))
        return variants
    }
}
