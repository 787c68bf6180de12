extension YAMLWriter {
    /// Writes a string so that it reads back as this exact *string*: plain when safe, in
    /// single quotes when YAML indicators (`: `, ` #`, a leading `-`, …) would make plain text
    /// ambiguous, double-quoted when the plain form would look like a number, bool, null, or
    /// is empty/has leading-trailing spaces/special characters; a literal block (`|`) for
    /// multi-line text.
    ///
    /// Multi-line text that a literal block cannot carry exactly (trailing spaces on a line, a
    /// leading space or line break, tabs, carriage returns) is double-quoted with escapes
    /// instead: exactness matters more than looks for report text.
    public func string(_ value: String) throws {
        try Self.withUTF8(of: value) { try string(utf8: $0) }
    }

    /// ``string(_:)`` for text given as valid UTF-8, such as a key encoded once.
    public func string(utf8 text: UnsafeBufferPointer<UInt8>) throws {
        let requested = StringScalarStyle.style(forUTF8: text)
        // StringScalarStyle's rules settle most of what libyaml's analysis would find: its
        // plain text has one line, no special characters and no edge spaces, and its literal
        // text no special characters and no trailing spaces on any line.
        let analysis: ScalarAnalysis
        switch requested {
        case .plain:
            analysis = ScalarAnalysis(
                multiline: false, blockPlainAllowed: !ScalarAnalysis.hasBlockIndicators(plainSafe: text),
                singleQuotedAllowed: true, blockAllowed: true)
        case .literal:
            analysis = ScalarAnalysis(
                multiline: true, blockPlainAllowed: false, singleQuotedAllowed: true, blockAllowed: true)
        default:
            // Double quotes it is; only a key still asks whether it spans lines.
            analysis = ScalarAnalysis(
                multiline: expectsKey && ScalarAnalysis.containsBreak(text), blockPlainAllowed: false,
                singleQuotedAllowed: false, blockAllowed: false)
        }
        try scalar(text, requested: requested, analysis)
    }

    /// Writes an unquoted plain scalar (numbers, booleans, null) exactly as given.
    ///
    /// The caller vouches that the text is a valid plain scalar; if it is not (say `a: b`),
    /// it is quoted rather than written as broken YAML, as libyaml does.
    public func plain(_ value: String) throws {
        try Self.withUTF8(of: value) { try plain(utf8: $0) }
    }

    /// ``plain(_:)`` for text given as UTF-8 bytes, such as a number formatted without a `String`.
    public func plain(utf8 text: UnsafeBufferPointer<UInt8>) throws {
        try scalar(text, requested: .plain, ScalarAnalysis(text))
    }

    /// The string's UTF-8 in place when it is stored contiguously (native strings are), a copy otherwise.
    private static func withUTF8(of value: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        if try value.utf8.withContiguousStorageIfAvailable(body) != nil { return }
        var copy = value
        try copy.withUTF8(body)
    }

    /// Writes a whole number as a plain scalar, without making a string of it first.
    public func integer(_ value: Int) throws {
        try check()
        // Digits with an optional sign are plain in every context, and short enough for a simple key.
        _ = try beginNode(simpleKey: true)
        Self.withDigits(of: value) { writePlain($0) }
        try deliverIfFull()
    }

    /// Calls `body` with the decimal digits of `value`, formatted on the stack.
    @inline(__always)
    static func withDigits(of value: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            let start = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            body(UnsafeBufferPointer(start: start, count: writeDigits(of: value, to: start)))
        }
    }

    /// The most bytes ``writeDigits(of:to:)`` writes: "-9223372036854775808".
    static var longestDigits: Int { 20 }

    /// Writes the decimal digits of `value` at `target` (room for ``longestDigits``) and
    /// returns how many it wrote.
    @inline(__always)
    static func writeDigits(of value: Int, to target: UnsafeMutablePointer<UInt8>) -> Int {
        var magnitude = value.magnitude
        let sign = value < 0 ? 1 : 0
        if sign == 1 { target.pointee = UInt8(ascii: "-") }
        // Counted first, so that the digits are written in place from the last.
        var count = 1
        var bound: UInt = 10
        while count < 20 && magnitude >= bound {
            count += 1
            bound = bound &* 10
        }
        var k = sign + count
        repeat {
            k -= 1
            target[k] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        return sign + count
    }

    /// Writes a scalar in `requested` style unless libyaml would not (`yaml_emitter_select_scalar_style`).
    private func scalar(
        _ text: UnsafeBufferPointer<UInt8>, requested: YAMLScalarStyle, _ analysis: ScalarAnalysis
    ) throws {
        try check()
        let isKey = expectsKey
        let simple = !analysis.multiline && text.count <= 128
        _ = try beginNode(simpleKey: simple)
        let simpleKeyContext = isKey && simple
        var style = requested
        if style == .plain && (!analysis.blockPlainAllowed || (text.isEmpty && simpleKeyContext)) {
            style = .singleQuoted
        }
        if style == .singleQuoted && !analysis.singleQuotedAllowed { style = .doubleQuoted }
        if style == .literal && (!analysis.blockAllowed || simpleKeyContext) { style = .doubleQuoted }
        // libyaml's `yaml_emitter_increase_indent(flow: 1)`: where the lines of a block or
        // a broken quoted scalar go.
        let savedIndent = indent
        indent = indent < 0 ? 2 : indent + 2
        switch style {
        case .plain: writePlain(text)
        case .singleQuoted: writeSingleQuoted(text)
        case .doubleQuoted: writeDoubleQuoted(text)
        // The writer never asks for folded blocks.
        case .literal, .folded: writeLiteral(text)
        }
        indent = savedIndent
        try deliverIfFull()
    }

    @inline(__always)
    func writePlain(_ text: UnsafeBufferPointer<UInt8>) {
        // No space after `key:` for an empty value: it would be a trailing space.
        if !whitespace && !text.isEmpty {
            output.append(UInt8(ascii: " "))
            column += 1
        }
        output.append(text)
        column += text.count
        whitespace = false
        indention = false
    }

    /// libyaml's single-quoted writer; its line breaks only come from ``plain(_:)`` text.
    private func writeSingleQuoted(_ text: UnsafeBufferPointer<UInt8>) {
        writeIndicator("'", needsWhitespace: true, isWhitespace: false, isIndention: false)
        var afterBreak = false
        var index = 0
        while index < text.count {
            let byte = text[index]
            if ScalarAnalysis.isBreak(text, at: index) {
                let width = ScalarAnalysis.width(text, at: index)
                // A single line break folds into a space when read: write it twice.
                if !afterBreak && byte == UInt8(ascii: "\n") { output.append(UInt8(ascii: "\n")) }
                output.append(UnsafeBufferPointer(rebasing: text[index..<index + width]))
                column = 0
                indention = true
                afterBreak = true
                index += width
                continue
            }
            if afterBreak && byte != UInt8(ascii: " ") { writeIndent() }
            if byte == UInt8(ascii: "'") { output.append(byte) }
            output.append(byte)
            column += 1
            if byte != UInt8(ascii: " ") {
                indention = false
                afterBreak = false
            }
            index += 1
        }
        if afterBreak { writeIndent() }
        writeIndicator("'", needsWhitespace: false, isWhitespace: false, isIndention: false)
    }

    private func writeDoubleQuoted(_ text: UnsafeBufferPointer<UInt8>) {
        writeIndicator("\"", needsWhitespace: true, isWhitespace: false, isIndention: false)
        // An escape is at most four bytes per byte of text (`\x1F` for one byte).
        let room = output.reserve(text.count * 4)
        var written = 0
        var index = 0
        let count = text.count
        while index < count {
            let byte = text[index]
            if !DoubleQuoting.needsLook[Int(byte)] {
                room[written] = byte
                written += 1
                index += 1
                continue
            }
            let width = ScalarAnalysis.width(text, at: index)
            if DoubleQuoting.isWrittenAsIs(text, at: index) {
                for offset in 0..<width { room[written + offset] = text[index + offset] }
                written += width
            } else {
                written += DoubleQuoting.writeEscape(of: DoubleQuoting.decode(text, at: index), to: room + written)
            }
            index += width
        }
        output.commit(written)
        column += written
        writeIndicator("\"", needsWhitespace: false, isWhitespace: false, isIndention: false)
    }

    /// libyaml's literal writer; the text has no line breaks but line feeds (other breaks are
    /// special characters, or not written as is by ``string(_:)``).
    private func writeLiteral(_ text: UnsafeBufferPointer<UInt8>) {
        writeIndicator("|", needsWhitespace: true, isWhitespace: false, isIndention: false)
        if text.first == UInt8(ascii: " ") || text.first == UInt8(ascii: "\n") {
            writeIndicator("2", needsWhitespace: false, isWhitespace: false, isIndention: false)
        }
        openEnded = 0
        let count = text.count
        if count == 0 || text[count - 1] != UInt8(ascii: "\n") {
            writeIndicator("-", needsWhitespace: false, isWhitespace: false, isIndention: false)
        } else if count == 1 || text[count - 2] == UInt8(ascii: "\n") {
            // Trailing empty lines are kept (`|+`); the stream has to end with `...` then.
            writeIndicator("+", needsWhitespace: false, isWhitespace: false, isIndention: false)
            openEnded = 2
        }
        output.append(UInt8(ascii: "\n"))
        column = 0
        indention = true
        whitespace = true
        var index = 0
        while index < count {
            if text[index] == UInt8(ascii: "\n") {
                output.append(UInt8(ascii: "\n"))
                column = 0
                indention = true
                index += 1
                continue
            }
            var end = index + 1
            while end < count && text[end] != UInt8(ascii: "\n") { end += 1 }
            writeIndent()
            output.append(UnsafeBufferPointer(rebasing: text[index..<end]))
            column += end - index
            indention = false
            index = end
        }
    }
}
