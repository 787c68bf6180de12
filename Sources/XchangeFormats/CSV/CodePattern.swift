import XchangeCore

/// A code field's pattern, compiled for the simple shapes the schema uses — a sequence of
/// `[class]{n}`, `[class]`, literal characters and `x?` — so that checking a code cell costs a
/// byte loop instead of a regular expression. Patterns with any other syntax are not compiled
/// and codes are checked by the core parser.
struct CodePattern {
    private struct Step {
        let allowed: [Bool]  // by ASCII byte
        let minimum: Int
        let maximum: Int
    }

    private let steps: [Step]

    init?(_ pattern: String) {
        var bytes = Array(pattern.utf8)
        guard bytes.first == UInt8(ascii: "^"), bytes.last == UInt8(ascii: "$") else { return nil }
        bytes = Array(bytes.dropFirst().dropLast())
        var steps: [Step] = []
        var index = 0
        while index < bytes.count {
            var allowed = [Bool](repeating: false, count: 128)
            if bytes[index] == UInt8(ascii: "[") {
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "]") {
                    let low = bytes[index]
                    if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-"), bytes[index + 2] != UInt8(ascii: "]") {
                        let high = bytes[index + 2]
                        guard low < 128, high < 128, low <= high else { return nil }
                        for byte in low...high { allowed[Int(byte)] = true }
                        index += 3
                    } else {
                        guard low < 128, low != UInt8(ascii: "\\"), low != UInt8(ascii: "^") else { return nil }
                        allowed[Int(low)] = true
                        index += 1
                    }
                }
                guard index < bytes.count else { return nil }
                index += 1
            } else {
                let literal = bytes[index]
                guard literal < 128, !"\\.*+()|{}[]^$".utf8.contains(literal) else { return nil }
                allowed[Int(literal)] = true
                index += 1
            }
            var minimum = 1
            var maximum = 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "?") {
                minimum = 0
                index += 1
            } else if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")),
                    let count = Int(String(decoding: bytes[(index + 1)..<close], as: UTF8.self))
                else { return nil }
                minimum = count
                maximum = count
                index = close + 1
            }
            steps.append(Step(allowed: allowed, minimum: minimum, maximum: maximum))
        }
        self.steps = steps
    }

    /// Whether the whole text matches. Steps are matched greedily, which is exact for these
    /// patterns: an optional step is a single literal that the next step does not allow.
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var position = 0
        for step in steps {
            var taken = 0
            while taken < step.maximum, position < bytes.count, bytes[position] < 128, step.allowed[Int(bytes[position])] {
                taken += 1
                position += 1
            }
            if taken < step.minimum { return false }
        }
        return position == bytes.count
    }

    /// Compiled patterns of the schema's code fields, by field index.
    static let byField: [Int: CodePattern] = {
        var patterns: [Int: CodePattern] = [:]
        for (index, field) in CanonicalSchema.v1.fields.enumerated() {
            if let pattern = field.pattern, let compiled = CodePattern(pattern) { patterns[index] = compiled }
        }
        return patterns
    }()
}
