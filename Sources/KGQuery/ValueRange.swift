import KGGraph

/// The values a numeric setting accepts: whole numbers or any finite numbers, between bounds
/// that may be open. Error messages describe it ("a whole number from 1 to 4096", "a number
/// greater than 0 and at most 10"), so every check of a range reads the same.
public struct ValueRange: Sendable, Equatable, CustomStringConvertible {
    /// Whether only whole numbers are accepted.
    var wholeNumbers: Bool
    package var lower: Double?
    var lowerIncluded: Bool
    package var upper: Double?
    var upperIncluded: Bool

    /// Whole numbers in `range`; an upper bound of `Int.max` reads as "at least".
    public static func integers(_ range: ClosedRange<Int>) -> ValueRange {
        ValueRange(wholeNumbers: true, lower: Double(range.lowerBound), lowerIncluded: true,
                   upper: range.upperBound == Int.max ? nil : Double(range.upperBound), upperIncluded: true)
    }

    /// Finite numbers in `range`.
    public static func numbers(_ range: ClosedRange<Double>) -> ValueRange {
        ValueRange(wholeNumbers: false, lower: range.lowerBound, lowerIncluded: true, upper: range.upperBound,
                   upperIncluded: true)
    }

    /// Finite numbers greater than `lower` and at most `upper`.
    public static func numbers(greaterThan lower: Double, atMost upper: Double) -> ValueRange {
        ValueRange(wholeNumbers: false, lower: lower, lowerIncluded: false, upper: upper, upperIncluded: true)
    }

    /// Finite numbers strictly between `lower` and `upper`.
    public static func numbers(between lower: Double, and upper: Double) -> ValueRange {
        ValueRange(wholeNumbers: false, lower: lower, lowerIncluded: false, upper: upper, upperIncluded: false)
    }

    /// Whether `value` is in the range (never for NaN or an infinity; only whole values when `wholeNumbers`).
    public func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        if wholeNumbers && (value != value.rounded() || Int(exactly: value) == nil) { return false }
        if let lower, lowerIncluded ? value < lower : value <= lower { return false }
        if let upper, upperIncluded ? value > upper : value >= upper { return false }
        return true
    }

    /// `text` as a value in the range, or nil when it is not a number or out of range.
    public func value(of text: String) -> Double? {
        if wholeNumbers {
            guard let integer = Int(text) else { return nil }
            return contains(Double(integer)) ? Double(integer) : nil
        }
        guard let number = Double(text), contains(number) else { return nil }
        return number
    }

    /// `text` as a whole number in the range, or nil.
    public func integer(of text: String) -> Int? {
        value(of: text).flatMap { Int(exactly: $0) }
    }

    /// "a whole number from 1 to 4096", "a number greater than 0 and at most 10", "a whole number at least 0"…
    public var description: String {
        let kind = wholeNumbers ? "a whole number" : "a number"
        func text(_ bound: Double) -> String { PropertyValue.format(bound) }
        switch (lower, upper) {
        case (let low?, let high?):
            if lowerIncluded && upperIncluded { return "\(kind) from \(text(low)) to \(text(high))" }
            if !lowerIncluded && !upperIncluded { return "\(kind) between \(text(low)) and \(text(high))" }
            return "\(kind) \(lowerIncluded ? "at least" : "greater than") \(text(low)) and "
                + "\(upperIncluded ? "at most" : "less than") \(text(high))"
        case (let low?, nil): return "\(kind) \(lowerIncluded ? "at least" : "greater than") \(text(low))"
        case (nil, let high?): return "\(kind) \(upperIncluded ? "at most" : "less than") \(text(high))"
        case (nil, nil): return kind
        }
    }
}
