/// Parses interaction timestamps into seconds since the Unix epoch.
enum Timestamp {
    /// Epoch seconds from an integer (`1303040302`), a decimal (`1303040302.5`, truncated
    /// toward zero) or an ISO-8601 date or date-time (`2011-04-17`, `2011-04-17T11:38:22Z`,
    /// `2011-04-17 11:38:22+02:00`, fractions of a second ignored). A date-time without a zone
    /// is read as UTC. Returns `nil` for anything else, or an impossible date.
    static func parse(_ text: String) -> Int64? {
        if let n = Int64(text) { return n }
        let bytes = Array(text.utf8)
        if bytes.count >= 10, bytes[4] == Byte.minus, bytes[7] == Byte.minus { return iso8601(bytes) }
        if let d = Double(text), d.isFinite, abs(d) < 9e18 { return Int64(d) }
        return nil
    }

    private static func iso8601(_ b: [UInt8]) -> Int64? {
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= b.count else { return nil }
            var value = 0
            for k in i..<(i + width) {
                guard Byte.isDigit(b[k]) else { return nil }
                value = value * 10 + Int(b[k] - 0x30)
            }
            i += width
            return value
        }
        func take(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), take(Byte.minus), let month = number(2), take(Byte.minus),
              let day = number(2), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        var seconds = 0
        if i < b.count {
            guard b[i] == 0x54 || b[i] == 0x74 || b[i] == Byte.space else { return nil }  // T, t or space
            i += 1
            guard let hour = number(2), hour <= 23, take(Byte.colon), let minute = number(2), minute <= 59
            else { return nil }
            var second = 0
            if take(Byte.colon) {
                guard let s = number(2), s <= 60 else { return nil }
                second = s
                if take(Byte.dot) || take(Byte.comma) {
                    let start = i
                    while i < b.count, Byte.isDigit(b[i]) { i += 1 }
                    guard i > start else { return nil }
                }
            }
            seconds = hour * 3600 + minute * 60 + second
            if i < b.count {
                if b[i] == 0x5A || b[i] == 0x7A {  // Z or z
                    i += 1
                } else if b[i] == Byte.plus || b[i] == Byte.minus {
                    let sign = b[i] == Byte.plus ? 1 : -1
                    i += 1
                    guard let zh = number(2), zh <= 23 else { return nil }
                    var zm = 0
                    if take(Byte.colon) {
                        guard let m = number(2) else { return nil }
                        zm = m
                    } else if i < b.count {
                        guard let m = number(2) else { return nil }
                        zm = m
                    }
                    guard zm <= 59 else { return nil }
                    seconds -= sign * (zh * 3600 + zm * 60)
                }
            }
        }
        guard i == b.count else { return nil }
        return Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400 + Int64(seconds)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
