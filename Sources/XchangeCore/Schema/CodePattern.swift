/// The small regular-expression subset that code patterns in the schema use — literals,
/// character classes with ranges, `{n}`, `{n,m}`, `?`, `*`, `+`, and the `^…$` anchors — matched
/// without a regex engine, because it runs for every code cell of every report.
public struct CodePattern: Hashable, Sendable {
    struct Element: PatternElement, Hashable, Sendable {
        let ranges: [ClosedRange<Unicode.Scalar>]
        let minimum: Int
        let maximum: Int
        /// The ASCII characters the ranges accept, as bits: tested without walking the ranges.
        let ascii: (low: UInt64, high: UInt64)

        init(ranges: [ClosedRange<Unicode.Scalar>], minimum: Int, maximum: Int) {
            self.ranges = ranges
            self.minimum = minimum
            self.maximum = maximum
            var ascii: (low: UInt64, high: UInt64) = (0, 0)
            for value in UInt32(0)..<128 where ranges.contains(where: { $0.contains(Unicode.Scalar(value)!) }) {
                if value < 64 { ascii.low |= 1 << UInt64(value) } else { ascii.high |= 1 << UInt64(value - 64) }
            }
            self.ascii = ascii
        }

        @inline(__always)
        func accepts(_ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            if value < 64 { return ascii.low & (1 << UInt64(value)) != 0 }
            if value < 128 { return ascii.high & (1 << UInt64(value - 64)) != 0 }
            return ranges.contains { $0.contains(scalar) }
        }

        static func == (a: Element, b: Element) -> Bool {
            a.ranges == b.ranges && a.minimum == b.minimum && a.maximum == b.maximum
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(ranges)
            hasher.combine(minimum)
            hasher.combine(maximum)
        }
    }

    /// What an element accepts of ASCII text: all that matching ASCII text needs, in plain
    /// values, so that matching copies nothing that is reference counted.
    struct ASCIIElement: PatternElement, Hashable, Sendable {
        let low: UInt64
        let high: UInt64
        let minimum: Int
        let maximum: Int

        @inline(__always)
        func accepts(_ byte: UInt8) -> Bool {
            byte < 64 ? low & (1 << UInt64(byte)) != 0 : high & (1 << UInt64(byte &- 64)) != 0
        }
    }

    let elements: [Element]
    let asciiElements: [ASCIIElement]

    /// Compiles a pattern; nil when it uses syntax outside the subset.
    public init?(_ pattern: String) {
        var scalars = Array(pattern.unicodeScalars)[...]
        if scalars.first == "^" { scalars = scalars.dropFirst() }
        if scalars.last == "$" { scalars = scalars.dropLast() }
        var elements: [Element] = []
        while let first = scalars.first {
            scalars = scalars.dropFirst()
            var ranges: [ClosedRange<Unicode.Scalar>] = []
            switch first {
            case "[":
                guard let end = scalars.firstIndex(of: "]") else { return nil }
                var body = scalars[..<end]
                scalars = scalars[scalars.index(after: end)...]
                while let low = body.first {
                    body = body.dropFirst()
                    if body.count >= 2, body.first == "-" {
                        let high = body[body.index(after: body.startIndex)]
                        guard low <= high else { return nil }
                        ranges.append(low...high)
                        body = body.dropFirst(2)
                    } else {
                        ranges.append(low...low)
                    }
                }
            case "\\":
                guard let escaped = scalars.first else { return nil }
                scalars = scalars.dropFirst()
                ranges = escaped == "d" ? ["0"..."9"] : [escaped...escaped]
            case "(", ")", "|", ".", "{", "}", "?", "*", "+":
                return nil
            default:
                ranges = [first...first]
            }
            var minimum = 1
            var maximum = 1
            switch scalars.first {
            case "?":
                (minimum, maximum) = (0, 1)
                scalars = scalars.dropFirst()
            case "*":
                (minimum, maximum) = (0, Int.max)
                scalars = scalars.dropFirst()
            case "+":
                (minimum, maximum) = (1, Int.max)
                scalars = scalars.dropFirst()
            case "{":
                guard let close = scalars.firstIndex(of: "}") else { return nil }
                let bounds = String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<close]))
                    .split(separator: ",", omittingEmptySubsequences: false)
                guard let low = Int(bounds[0]), bounds.count <= 2 else { return nil }
                minimum = low
                maximum = bounds.count == 2 ? (bounds[1].isEmpty ? Int.max : Int(bounds[1]) ?? -1) : low
                guard maximum >= minimum else { return nil }
                scalars = scalars[scalars.index(after: close)...]
            default: break
            }
            elements.append(Element(ranges: ranges, minimum: minimum, maximum: maximum))
        }
        self.elements = elements
        self.asciiElements = elements.map {
            ASCIIElement(low: $0.ascii.low, high: $0.ascii.high, minimum: $0.minimum, maximum: $0.maximum)
        }
    }

    /// Whether the whole text matches. Codes are nearly always ASCII: then their UTF-8 bytes are
    /// matched where they lie, with nothing allocated.
    public func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            if !bytes.contains(where: { $0 >= 0x80 }) {
                return asciiElements.withUnsafeBufferPointer { Self.match(bytes, from: 0, $0, from: 0) }
            }
            let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
            return elements.withUnsafeBufferPointer { Self.match(scalars, from: 0, $0, from: 0) }
        }
    }

    /// Whether `text` from `start` matches `elements` from `first` on: greedy, backtracking one
    /// character at a time (patterns here are short and codes shorter).
    private static func match<Unit: PatternElement, Text: RandomAccessCollection<Unit.Character>>(
        _ text: Text, from start: Int, _ elements: UnsafeBufferPointer<Unit>, from first: Int
    ) -> Bool where Text.Index == Int {
        guard first < elements.count else { return start == text.endIndex }
        let element = elements[first]
        var end = start
        while end - start < element.minimum {
            guard end < text.endIndex, element.accepts(text[end]) else { return false }
            end += 1
        }
        let shortest = end
        while end - start < element.maximum, end < text.endIndex, element.accepts(text[end]) { end += 1 }
        while end >= shortest {
            if match(text, from: end, elements, from: first + 1) { return true }
            end -= 1
        }
        return false
    }
}

/// One element of a ``CodePattern``: how many characters it takes, and which.
protocol PatternElement {
    associatedtype Character
    var minimum: Int { get }
    var maximum: Int { get }
    func accepts(_ character: Character) -> Bool
}
