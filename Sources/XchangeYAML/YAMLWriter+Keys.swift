extension YAMLWriter {
    /// Writes text as ``string(utf8:)`` does, for text that stays at its address, unchanged,
    /// while the writer lives, such as the keys of a schema: as a mapping key its bytes are
    /// worked out the first time and copied from then on.
    public func key(permanent text: UnsafeBufferPointer<UInt8>) throws {
        guard expectsKey else { return try string(utf8: text) }
        switch renderedKeys.lookup(text) {
        case .simple(let rendered):
            try write(renderedKey: rendered)
            try deliverIfFull()
        case .notSimple:
            try string(utf8: text)
        case .unknown:
            renderedKeys.remember(text, rendered: Self.renderedSimpleKey(text))
            try string(utf8: text)
        }
    }

    /// Writes a mapping member: `text` as ``key(permanent:)`` writes it, then `value` as
    /// ``integer(_:)`` does, in one call when the key's bytes are known (most members of a
    /// report are counts).
    public func integer(_ value: Int, permanentKey text: UnsafeBufferPointer<UInt8>) throws {
        guard expectsKey, case .simple(let rendered) = renderedKeys.lookup(text) else {
            try key(permanent: text)
            try integer(value)
            return
        }
        try write(renderedKey: rendered)
        // What `beginNode` and `writePlain` would write for the value: `: ` and the digits.
        collections.setTop(.mappingKey)
        let room = output.reserve(2 + Self.longestDigits)
        room[0] = UInt8(ascii: ":")
        room[1] = UInt8(ascii: " ")
        let length = 2 + Self.writeDigits(of: value, to: room + 2)
        output.commit(length)
        column += length
        try deliverIfFull()
    }

    /// Writes a simple key whose bytes were worked out before, as `beginNode` and a plain
    /// scalar would: on a line of its own, the value due after it. A report is mostly such
    /// keys, so this is the short way.
    @inline(__always)
    private func write(renderedKey rendered: UnsafeBufferPointer<UInt8>) throws {
        try check()
        settlePendingCollection()
        writeIndent()
        collections.setTop(.mappingSimpleValue)
        YAMLOutputBuffer.copy(rendered, to: output.reserve(rendered.count))
        output.commit(rendered.count)
        column += rendered.count
        whitespace = false
        indention = false
    }

    /// What the writer writes for `text` as a simple key after the indentation, which is the
    /// same in every mapping; nil when the text cannot be a simple key (a `?` complex key).
    private static func renderedSimpleKey(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard text.count <= 128, !ScalarAnalysis.containsBreak(text) else { return nil }
        let scratch = YAMLWriter(scratchFor: { _ in })
        do {
            try scratch.beginDocument(explicitStart: false)
            try scratch.beginMapping()
            try scratch.string(utf8: text)
        } catch {
            return nil
        }
        return scratch.output.take()
    }
}
