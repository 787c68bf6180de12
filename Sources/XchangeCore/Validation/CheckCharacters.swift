/// Check characters of Chinese organisation identifiers.
public enum CheckCharacters {
    private static let usccAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    private static let usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    /// Each ASCII byte's value in the USCC alphabet, or −1.
    private static let usccValues: [Int] = (0..<128).map { byte in
        usccAlphabet.firstIndex(of: Character(Unicode.Scalar(UInt8(byte)))) ?? -1
    }

    /// Whether an 18-character unified social credit code has the check character GB 32100
    /// demands (Σ value × 3^(i−1) mod 31 over the first 17 characters).
    public static func isValidUSCC(_ code: String) -> Bool {
        // Every character of the alphabet is one ASCII byte, so a valid code is 18 such bytes.
        var code = code
        // The tables fetched once: read in the loop, each global is a call to its once-only
        // initialisation check.
        let (values, weights) = (usccValues, usccWeights)
        return code.withUTF8 { bytes in
            guard bytes.count == 18 else { return false }
            var sum = 0
            for position in 0..<18 {
                let byte = Int(bytes[position])
                guard byte < 128, values[byte] >= 0 else { return false }
                if position < 17 { sum += values[byte] * weights[position] }
            }
            return values[Int(bytes[17])] == (31 - sum % 31) % 31
        }
    }

    private static let orgWeights = [3, 7, 9, 10, 5, 8, 4, 2]

    /// Whether the GB 11714 organisation code inside a USCC (characters 9–17) has a valid check
    /// character. Also accepts a 9-character code, with or without its hyphen.
    public static func isValidOrganisationCode(inUSCC code: String) -> Bool {
        var code = code
        // Printable ASCII (nearly every code) is one character per byte: no grapheme breaking.
        if let valid = code.withUTF8({ bytes in
            bytes.allSatisfy({ (0x21...0x7E).contains($0) }) ? organisationCodeIsValid(bytes) : nil
        }) {
            return valid
        }
        return organisationCodeIsValid(Array(code))
    }

    /// The check over printable ASCII bytes, one per character.
    private static func organisationCodeIsValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let body: (Int) -> UInt8
        switch bytes.count {
        case 18: body = { bytes[8 + $0] }
        case 10 where bytes[8] == UInt8(ascii: "-"): body = { $0 < 8 ? bytes[$0] : bytes[9] }
        case 9: body = { bytes[$0] }
        default: return false
        }
        var sum = 0
        for position in 0..<8 {
            let byte = body(position)
            let value: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = Int(byte) - 55
            default: return false
            }
            sum += value * orgWeights[position]
        }
        let check = 11 - sum % 11
        let expected =
            check == 10 ? UInt8(ascii: "X") : check == 11 ? UInt8(ascii: "0") : UInt8(ascii: "0") + UInt8(check)
        return body(8) == expected
    }

    private static func organisationCodeIsValid(_ characters: [Character]) -> Bool {
        let body: [Character]
        switch characters.count {
        case 18: body = Array(characters[8..<17])
        case 10 where characters[8] == "-": body = Array(characters[0..<8]) + [characters[9]]
        case 9: body = characters
        default: return false
        }
        var sum = 0
        for (position, character) in body.prefix(8).enumerated() {
            let value: Int
            if let digit = character.wholeNumberValue, character.isASCII {
                value = digit
            } else if let ascii = character.asciiValue, (65...90).contains(ascii) {
                value = Int(ascii) - 55
            } else {
                return false
            }
            sum += value * orgWeights[position]
        }
        let check = 11 - sum % 11
        let expected: Character = check == 10 ? "X" : check == 11 ? "0" : Character(String(check))
        return body[8] == expected
    }
}
