/// The small regular-expression subset that code patterns in the schema use — literals,
/// character classes with ranges, `{n}`, `{n,m}`, `?`, `*`, `+`, and the `^…$` anchors — matched
/// without a regex engine, because it runs for every code cell of every report.
public struct CodePattern: Hashable, Sendable {
    struct Element: Hashable, Sendable {
        let ranges: [ClosedRange<Unicode.Scalar>]
        let minimum: Int
        let maximum: Int

        func accepts(_ scalar: Unicode.Scalar) -> Bool { ranges.contains { $0.contains(scalar) } }
    }

    let elements: [Element]

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
    }

    /// Whether the whole text matches.
    public func matches(_ text: String) -> Bool {
        match(Array(text.unicodeScalars)[...], elements[...])
    }

    private func match(_ text: ArraySlice<Unicode.Scalar>, _ pattern: ArraySlice<Element>) -> Bool {
        guard let element = pattern.first else { return text.isEmpty }
        var taken = 0
        var rest = text
        // Greedy with backtracking; patterns here are short and codes shorter.
        while taken < element.minimum {
            guard let scalar = rest.first, element.accepts(scalar) else { return false }
            rest = rest.dropFirst()
            taken += 1
        }
        var candidates = [rest]
        while taken < element.maximum, let scalar = rest.first, element.accepts(scalar) {
            rest = rest.dropFirst()
            taken += 1
            candidates.append(rest)
        }
        return candidates.reversed().contains { match($0, pattern.dropFirst()) }
    }
}
