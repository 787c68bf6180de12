/// A place in JSON text, as a person reading it in an editor would name it.
///
/// Both numbers are 1-based. `column` counts Unicode scalars from the start of the line, not
/// bytes, so a column after Chinese text matches what an editor shows. Lines are separated by
/// line feeds (a carriage return before a line feed is just part of the line ending).
public struct JSONPosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, in Unicode scalars.
    public var column: Int

    /// Creates a position from a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Orders positions as they occur in the text.
    public static func < (lhs: JSONPosition, rhs: JSONPosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// "line 3, column 7".
    public var description: String { "line \(line), column \(column)" }
}

/// Why JSON text could not be read, and where.
public struct JSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, phrased for the person who has to fix the file,
    /// e.g. "expected ',' or '}' after object member, found 'x'".
    public var message: String
    /// Where the problem was found; `nil` when no place in the text is meaningful
    /// (empty input, an unreadable file).
    public var position: JSONPosition?

    /// Creates an error with a message and an optional position.
    public init(_ message: String, at position: JSONPosition? = nil) {
        self.message = message
        self.position = position
    }

    /// "line 3, column 7: <message>", or just the message when there is no position.
    public var description: String {
        guard let position else { return message }
        return "\(position): \(message)"
    }
}

extension JSONPosition {
    /// The positions of the bytes at `offsets` (ascending, at or after `start`) in `base`,
    /// where byte `start` stands at `self`: lines counted at each line feed, columns in
    /// Unicode scalars, as the parser counts them.
    public func advanced(to offsets: [Int], in base: UnsafePointer<UInt8>, from start: Int) -> [JSONPosition] {
        var positions: [JSONPosition] = []
        positions.reserveCapacity(offsets.count)
        var line = line
        var column = column
        var k = start
        for offset in offsets {
            while k < offset {
                // Eight bytes at a time where none is a line feed: each byte that is not a
                // continuation byte (10xxxxxx) starts a scalar.
                if offset - k >= 8 {
                    let word = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
                    let feeds = word ^ 0x0A0A_0A0A_0A0A_0A0A
                    if (feeds &- 0x0101_0101_0101_0101) & ~feeds & 0x8080_8080_8080_8080 == 0 {
                        let continuations = word & ~(word << 1) & 0x8080_8080_8080_8080
                        column &+= 8 - continuations.nonzeroBitCount
                        k &+= 8
                        continue
                    }
                }
                let byte = base[k]
                if byte == 0x0A {
                    line &+= 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    // Only lead bytes start a scalar.
                    column &+= 1
                }
                k &+= 1
            }
            positions.append(JSONPosition(line: line, column: column))
        }
        return positions
    }
}
