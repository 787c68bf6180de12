/// A tolerant HTML tokenizer for pages saved from government websites: tags with quoted,
/// unquoted or bare attributes, comments, doctypes, and raw-text elements (`script`, `style`)
/// whose content is skipped. Malformed markup never stops it; stray `<` is text.
struct HTMLTokenizer {
    enum Token {
        case text(Range<Int>)
        case startTag(TagName, attributes: [String: String], selfClosing: Bool, offset: Int)
        case endTag(TagName, offset: Int)
    }

    /// A tag's name, lowercased, and its number: the names a page uses are numbered in the
    /// order it first uses them, so a reader can keep what it knows of each in an array.
    struct TagName: Equatable {
        let string: String
        let number: Int
    }

    let scalars: [Unicode.Scalar]
    /// The attributes start tags report, lowercased; nil for all of them.
    private let keptAttributes: [[Unicode.Scalar]]?

    /// Tokenizes `html`, reporting only the attributes named in `keptAttributes` (nil for all):
    /// pages carry styles and classes on every tag, and building their names and values is
    /// most of the cost of reading a tag.
    init(scalars: [Unicode.Scalar], keeping keptAttributes: [String]? = nil) {
        self.scalars = scalars
        self.keptAttributes = keptAttributes?.map { Array($0.lowercased().unicodeScalars) }
    }

    init(_ html: String, keeping keptAttributes: [String]? = nil) {
        self.init(scalars: ReportText.scalars(of: html), keeping: keptAttributes)
    }

    /// Elements whose content is raw text, not markup.
    private static let rawTextElements = ["script", "style", "noscript", "template", "textarea"]

    /// Every token in order.
    func tokens() -> [Token] {
        var tokens: [Token] = []
        forEachToken { tokens.append($0) }
        return tokens
    }

    /// Hands each token to `body` in order, as it is read (no list of them is made).
    func forEachToken(_ body: (Token) -> Void) {
        var names = TagNames()
        var index = 0
        var textStart = 0
        func flushText(_ end: Int) {
            if end > textStart { body(.text(textStart..<end)) }
        }
        while index < scalars.count {
            guard scalars[index] == "<", index + 1 < scalars.count else {
                index += 1
                continue
            }
            let next = scalars[index + 1]
            if next == "!" {
                flushText(index)
                index = skipDeclaration(from: index)
                textStart = index
            } else if next == "/" || isLetter(next) {
                guard let (token, end) = tag(at: index, names: &names) else {
                    index += 1
                    continue
                }
                flushText(index)
                body(token)
                index = end
                // The raw-text elements' names have five letters or more: shorter ones (p, td,
                // span) are not compared with each.
                if case .startTag(let name, _, false, _) = token, name.string.utf8.count >= 5,
                    Self.rawTextElements.contains(name.string)
                {
                    index = skipRawText(of: name.string, from: index)
                }
                textStart = index
            } else {
                index += 1
            }
        }
        flushText(scalars.count)
    }

    private func skipDeclaration(from start: Int) -> Int {
        if matches("<!--", at: start) {
            var index = start + 4
            while index < scalars.count {
                if matches("-->", at: index) { return index + 3 }
                index += 1
            }
            return scalars.count
        }
        var index = start
        while index < scalars.count, scalars[index] != ">" { index += 1 }
        return min(index + 1, scalars.count)
    }

    private func skipRawText(of name: String, from start: Int) -> Int {
        var index = start
        while index < scalars.count {
            if scalars[index] == "<", index + 1 < scalars.count, scalars[index + 1] == "/",
                lowercasedName(index + 2..<nameEnd(from: index + 2)) == name
            {
                return index
            }
            index += 1
        }
        return scalars.count
    }

    private func tag(at start: Int, names: inout TagNames) -> (Token, Int)? {
        var index = start + 1
        let isEnd = scalars[index] == "/"
        if isEnd { index += 1 }
        let afterName = nameEnd(from: index)
        guard afterName > index else { return nil }
        let name = names.name(scalars[index..<afterName])
        index = afterName
        var attributes: [String: String] = [:]
        var selfClosing = false
        while index < scalars.count {
            skipSpaces(&index)
            guard index < scalars.count else { break }
            let scalar = scalars[index]
            if scalar == ">" {
                index += 1
                break
            }
            if scalar == "/" {
                selfClosing = true
                index += 1
                continue
            }
            let attributeEnd = nameEnd(from: index, attribute: true)
            guard attributeEnd > index else {
                index += 1
                continue
            }
            // Named only when kept: the names of styles and classes are compared, not built.
            let isKept = keptAttributes?.contains { isName($0, at: index..<attributeEnd) } ?? true
            let attribute = isKept ? lowercasedName(index..<attributeEnd) : ""
            index = attributeEnd
            skipSpaces(&index)
            var value = ""
            if index < scalars.count, scalars[index] == "=" {
                index += 1
                skipSpaces(&index)
                if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" {
                    let quote = scalars[index]
                    index += 1
                    let valueStart = index
                    while index < scalars.count, scalars[index] != quote { index += 1 }
                    if isKept { value = ReportText.utf8String(scalars[valueStart..<index]) }
                    index = min(index + 1, scalars.count)
                } else {
                    let valueStart = index
                    while index < scalars.count, scalars[index] != ">", !Scalars.isWhitespace(scalars[index]) {
                        index += 1
                    }
                    if isKept { value = ReportText.utf8String(scalars[valueStart..<index]) }
                }
            }
            if isKept { attributes[attribute] = HTMLEntities.decode(value) }
        }
        let token: Token =
            isEnd
            ? .endTag(name, offset: start)
            : .startTag(name, attributes: attributes, selfClosing: selfClosing, offset: start)
        return (token, index)
    }

    /// The end of a tag name (letters, digits, `-`) or, with `attribute`, of an attribute name
    /// (also `_`, `:`, `.`) starting at `start`.
    private func nameEnd(from start: Int, attribute: Bool = false) -> Int {
        var end = start
        while end < scalars.count {
            let value = scalars[end].value
            guard value < 0x80,
                isLetter(scalars[end]) || (0x30...0x39).contains(value) || value == 0x2D
                    || (attribute && (value == 0x5F || value == 0x3A || value == 0x2E))
            else { break }
            end += 1
        }
        return end
    }

    /// The ASCII name in `range`, lowercased.
    private func lowercasedName(_ range: Range<Int>) -> String {
        Self.lowercasedName(scalars[range])
    }

    /// The ASCII name `scalars`, lowercased. Written straight into the string: a name of up
    /// to 15 bytes, nearly every one, is then stored inline, with no allocation.
    fileprivate static func lowercasedName(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(unsafeUninitializedCapacity: scalars.count) { bytes in
            for (offset, scalar) in zip(0..., scalars) { bytes[offset] = lowercased(scalar.value) }
            return scalars.count
        }
    }

    /// Whether the ASCII name in `range` is `lowercasedName`, in any case.
    private func isName(_ lowercasedName: [Unicode.Scalar], at range: Range<Int>) -> Bool {
        guard lowercasedName.count == range.count else { return false }
        for offset in 0..<range.count
        where Self.lowercased(scalars[range.lowerBound + offset].value) != lowercasedName[offset].value {
            return false
        }
        return true
    }

    fileprivate static func lowercased(_ value: UInt32) -> UInt8 {
        UInt8(truncatingIfNeeded: (0x41...0x5A).contains(value) ? value + 32 : value)
    }

    private func skipSpaces(_ index: inout Int) {
        while index < scalars.count, Scalars.isWhitespace(scalars[index]) { index += 1 }
    }

    private func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
    }

    private func matches(_ literal: String, at index: Int) -> Bool {
        var offset = index
        for scalar in literal.unicodeScalars {
            guard offset < scalars.count, scalars[offset] == scalar else { return false }
            offset += 1
        }
        return true
    }
}

/// The tag names a page has used so far, numbered. A page uses a dozen or so names thousands
/// of times: a name of up to eight letters is packed into an integer and found among those
/// seen before, where making its string each time took most of the cost of reading a tag.
private struct TagNames {
    private var packed: [UInt64] = []
    private var names: [HTMLTokenizer.TagName] = []

    mutating func name(_ scalars: ArraySlice<Unicode.Scalar>) -> HTMLTokenizer.TagName {
        guard scalars.count <= 8 else {
            // Longer names (`blockquote`) are rare: compared as strings. Their key, zero, is no
            // short name's (a name has no zero byte).
            let string = HTMLTokenizer.lowercasedName(scalars)
            return name(key: 0, string: string) ?? add(key: 0, string: string)
        }
        var key: UInt64 = 0
        for scalar in scalars { key = key << 8 | UInt64(HTMLTokenizer.lowercased(scalar.value)) }
        if let index = packed.firstIndex(of: key) { return names[index] }
        return add(key: key, string: HTMLTokenizer.lowercasedName(scalars))
    }

    private func name(key: UInt64, string: String) -> HTMLTokenizer.TagName? {
        zip(packed, names).first { $0 == key && $1.string == string }?.1
    }

    private mutating func add(key: UInt64, string: String) -> HTMLTokenizer.TagName {
        let name = HTMLTokenizer.TagName(string: string, number: names.count)
        packed.append(key)
        names.append(name)
        return name
    }
}
