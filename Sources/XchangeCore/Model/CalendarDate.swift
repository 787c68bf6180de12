/// A calendar date without time or zone, as reports print them (2018-02-23, 2018年2月23日).
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    // Stored compactly: a date sits in every report's value table.
    private let storedYear: Int16
    private let storedMonth: UInt8
    private let storedDay: UInt8

    public var year: Int { Int(storedYear) }
    public var month: Int { Int(storedMonth) }
    public var day: Int { Int(storedDay) }

    /// A date, if the day exists in that month.
    public init?(year: Int, month: Int, day: Int) {
        guard (1000...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        self.storedYear = Int16(year)
        self.storedMonth = UInt8(month)
        self.storedDay = UInt8(day)
    }

    /// Parses `YYYY-MM-DD`, also accepting `/` or `.` separators, one-digit months and days,
    /// and `YYYY年M月D日`.
    public init?(parsing text: some StringProtocol) {
        var numbers: [Int] = []
        var current: Int?
        for scalar in text.unicodeScalars {
            if (0x30...0x39).contains(scalar.value) {
                let digit = Int(scalar.value - 0x30)
                current = (current ?? 0) * 10 + digit
                if current! > 9999 { return nil }
            } else {
                guard let value = current else { return nil }
                guard "-/.年月日".unicodeScalars.contains(scalar) else { return nil }
                numbers.append(value)
                current = nil
            }
        }
        if let current { numbers.append(current) }
        guard numbers.count == 3 else { return nil }
        self.init(year: numbers[0], month: numbers[1], day: numbers[2])
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
