/// `value` with exactly `decimals` digits after the point (no Foundation formatting).
public func fixed(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int64(scaled / scale)
    var fraction = String(Int64(scaled) - whole * Int64(scale))
    fraction = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
    return (value < 0 && scaled > 0 ? "-" : "") + "\(whole)" + (decimals > 0 ? "." + fraction : "")
}
