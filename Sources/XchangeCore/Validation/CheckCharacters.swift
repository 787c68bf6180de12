/// Check characters of Chinese organisation identifiers.
public enum CheckCharacters {
    private static let usccAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    private static let usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Whether an 18-character unified social credit code has the check character GB 32100
    /// demands (Σ value × 3^(i−1) mod 31 over the first 17 characters).
    public static func isValidUSCC(_ code: String) -> Bool {
        let characters = Array(code)
        guard characters.count == 18 else { return false }
        var sum = 0
        for (position, character) in characters.prefix(17).enumerated() {
            guard let value = usccAlphabet.firstIndex(of: character) else { return false }
            sum += value * usccWeights[position]
        }
        let check = (31 - sum % 31) % 31
        return characters[17] == usccAlphabet[check]
    }

    private static let orgWeights = [3, 7, 9, 10, 5, 8, 4, 2]

    /// Whether the GB 11714 organisation code inside a USCC (characters 9–17) has a valid check
    /// character. Also accepts a 9-character code, with or without its hyphen.
    public static func isValidOrganisationCode(inUSCC code: String) -> Bool {
        let characters = Array(code)
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
