import Foundation
import Testing
import XchangeCore

/// Cell text → typed values: what data formats (CSV cells, forms) rely on.
struct FieldValueParsingTests {
    let count = CanonicalSchema.v1.field("applications.new_received.total")!
    let money = CanonicalSchema.v1.field("active_disclosure.administrative_fees.amount_wan_yuan")!
    let signed = CanonicalSchema.v1.field("active_disclosure_2019.administrative_licensing.items_change_this_year")!
    let date = CanonicalSchema.v1.field("meta.published_on")!
    let postcode = CanonicalSchema.v1.field("meta.contact.postcode")!
    let format = CanonicalSchema.v1.field("meta.format_version")!
    let rate = CanonicalSchema.v1.field("legacy.applications.on_time_rate_percent")!

    @Test func countsAcceptDigitsFullWidthAndThousands() throws {
        #expect(try FieldValue.parse("839", for: count).get() == .integer(839))
        #expect(try FieldValue.parse("８３９", for: count).get() == .integer(839))
        #expect(try FieldValue.parse("1,234", for: count).get() == .integer(1234))
        #expect(try FieldValue.parse(" 12 ", for: count).get() == .integer(12))
    }

    @Test(arguments: ["abc", "-1", "1.5", "1,23", "", "1 2"])
    func countsRejectAnythingElse(_ text: String) {
        #expect(throws: ValueProblem.self) { try FieldValue.parse(text, for: count).get() }
    }

    @Test func problemsSayWhatWasExpectedAndFound() {
        guard case .failure(let problem) = FieldValue.parse("-1", for: count) else {
            Issue.record("accepted -1")
            return
        }
        #expect(problem.message.contains("integer ≥ 0"))
        #expect(problem.message.contains("\"-1\""))
        #expect(problem.message.contains("negative"))
    }

    @Test func signedCountsMayBeNegative() throws {
        #expect(try FieldValue.parse("-3", for: signed).get() == .integer(-3))
    }

    @Test func moneyIsExactDecimal() throws {
        let value = try FieldValue.parse("0.0001", for: money).get()
        #expect(value == .decimal(Decimal(string: "0.0001")!))
        #expect(value.plainText == "0.0001")
        #expect(try FieldValue.parse("1,523.4567", for: money).get().plainText == "1523.4567")
        #expect(throws: ValueProblem.self) { try FieldValue.parse("-5", for: money).get() }
    }

    @Test(arguments: [
        ("86.92", "86.92"), ("86.92%", "86.92"), ("８６．９２％", "86.92"), (" 100 ", "100"), ("1,000.5", "1000.5"),
    ])
    func percentagesKeepTheirDigits(_ text: String, _ digits: String) throws {
        #expect(try FieldValue.parse(text, for: rate).get() == .percentage(Percentage(checkedDigits: digits)))
    }

    /// A comma that groups no thousands is no percentage: "98,5" was once read as 985.
    @Test(arguments: ["98,5", "1,2", "9,85%", "12,34,5", "%", "abc", "5%%"])
    func percentagesRefuseCommasThatGroupNoThousands(_ text: String) {
        #expect(throws: ValueProblem.self) { try FieldValue.parse(text, for: rate).get() }
    }

    @Test func blankMarkersAreAbsentNotZero() {
        for text in ["", "  ", "/", "—", "无", "-"] { #expect(FieldValue.isBlank(text), "\(text)") }
        #expect(!FieldValue.isBlank("0"))
    }

    @Test func datesAcceptCommonSpellings() throws {
        #expect(
            try FieldValue.parse("2018-02-23", for: date).get() == .date(CalendarDate(year: 2018, month: 2, day: 23)!))
        #expect(try FieldValue.parse("2018年2月23日", for: date).get().plainText == "2018-02-23")
        #expect(throws: ValueProblem.self) { try FieldValue.parse("2018-02-30", for: date).get() }
    }

    @Test func codesAreCheckedAgainstPatternAndValues() throws {
        #expect(try FieldValue.parse("157399", for: postcode).get() == .text("157399"))
        #expect(throws: ValueProblem.self) { try FieldValue.parse("1573", for: postcode).get() }
        #expect(throws: ValueProblem.self) { try FieldValue.parse("unified_2020", for: format).get() }
    }

    @Test func reportSetRefusesValuesOfTheWrongKind() throws {
        var report = Report()
        #expect(throws: ValueProblem.self) { try report.set("applications.new_received.total", to: .integer(-1)) }
        #expect(throws: ValueProblem.self) { try report.set("applications.new_received.total", to: .text("5")) }
        #expect(throws: ValueProblem.self) { try report.set("applications.new_recieved.total", to: .integer(1)) }
        try report.set("applications.new_received.total", to: .integer(5))
        #expect(report["applications.new_received.total"] == .integer(5))
        #expect(report["applications.carried_over.total"] == nil)
    }
}

/// Reading a code by field handle gives what the strict parser gives, for every code field.
struct CodeByFieldTests {
    @Test func agreesWithTheParserOnEveryCodeField() {
        let texts = [
            "11371000004359010J", "113710000043590I0J", "01424668-5", "014416330", "157399", "15739", "１５７３９９",
            " 157399 ", "157399\n", "", " ", "unified_2021", "unified_2019", "national_2019", "甲乙", "号12", "yes",
        ]
        for (index, field) in CanonicalSchema.v1.fields.enumerated() where field.kind == .code {
            var candidates = texts + field.values
            if let allowed = field.values.first { candidates += [" \(allowed)", allowed.uppercased(), allowed + "x"] }
            for text in candidates {
                let parsed = try? FieldValue.parse(text, for: field).get()
                #expect(FieldValue.code(text, for: FieldID(index: index)) == parsed, "\(field.key) on \"\(text)\"")
            }
        }
    }
}

/// Every pattern of the schema compiles to the fast matcher, which agrees with a regex engine.
struct CodePatternTests {
    @Test func everySchemaPatternCompiles() {
        for field in CanonicalSchema.v1.fields {
            if let pattern = field.pattern { #expect(CodePattern(pattern) != nil, "\(field.key): \(pattern)") }
        }
    }

    @Test(arguments: [
        ("^[0-9]{6}$", "157399", true), ("^[0-9]{6}$", "15739", false), ("^[0-9]{6}$", "1573990", false),
        ("^[0-9A-Z]{8}-?[0-9X]$", "01424668-5", true), ("^[0-9A-Z]{8}-?[0-9X]$", "014416330", true),
        ("^[0-9A-Z]{8}-?[0-9X]$", "0144163--0", false),
        ("^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$", "11371000004359010J", true),
        ("^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$", "113710000043590I0J", false),
        ("a+b*c?", "aaab", true), ("a+b*c?", "bc", false), ("x{2,3}", "xxxx", false), ("x{2,}", "xxxx", true),
        // Text that is not ASCII is matched by its characters.
        ("^[0-9]{6}$", "１５７３９９", false), ("^[0-9]{6}$", "15739é", false), ("号?[0-9]+", "号12", true),
        ("[一-龥]{2}", "甲乙", true), ("[一-龥]{2}", "甲A", false), ("a*[b-d]?", "", true),
    ])
    func matchesLikeARegex(_ pattern: String, _ text: String, _ expected: Bool) throws {
        let compiled = try #require(CodePattern(pattern))
        #expect(compiled.matches(text) == expected)
        let body = pattern.trimmingCharacters(in: CharacterSet(charactersIn: "^$"))
        #expect(
            (text.wholeMatch(of: try Regex(body)) != nil) == expected, "the regex engine disagrees with the expectation"
        )
    }

    /// Every schema pattern agrees with the regex engine on many texts made of the characters
    /// codes hold, near-misses included (wrong lengths, letters the patterns leave out).
    @Test func schemaPatternsAgreeWithARegexOnRandomCodes() throws {
        // Mostly digits and letters codes hold, at the lengths codes have, so that many match.
        let alphabet = Array(String(repeating: "0123456789", count: 3) + "ABHJX-" + "IOZy号")
        var generator = SystemRandomNumberGenerator()
        for pattern in Set(CanonicalSchema.v1.fields.compactMap(\.pattern)) {
            let compiled = try #require(CodePattern(pattern))
            let regex = try Regex(pattern.trimmingCharacters(in: CharacterSet(charactersIn: "^$")))
            for _ in 0..<400 {
                let length = [0, 5, 6, 7, 8, 9, 10, 17, 18, 19].randomElement(using: &generator)!
                let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
                #expect(compiled.matches(text) == (text.wholeMatch(of: regex) != nil), "\(pattern) on \(text)")
            }
        }
    }
}
