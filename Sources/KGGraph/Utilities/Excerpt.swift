/// How messages quote input text: a short excerpt of the offending token, never a whole
/// line or field. A file passed by mistake (`/etc/shadow` as a CSV or a mapping file) must
/// not be echoed to a terminal or a log by its errors, and a 16 MiB token must not become a
/// 16 MiB message.
///
/// Every place that puts text from an input file or a statement into an error or a warning
/// goes through `Excerpt.quoted` (or `Excerpt.of` where the quotes are the message's own).
public enum Excerpt {
    /// The most characters an excerpt shows, the ellipsis included.
    public static let maxCharacters = 40
    /// The most characters an IRI's excerpt shows: IRIs are identifiers a reader has to
    /// find again (`http://www.heppnetz.de/gr4shops/index.html#company` is 50), and only
    /// parse as IRIs in RDF files, so they get more room than other tokens.
    public static let maxIRICharacters = 100

    /// `text` cut to `limit` characters (the last one an ellipsis, `…`, when it was cut),
    /// with control, format, separator, private-use and unassigned characters written as
    /// `\u{…}` (hexadecimal code point), so an excerpt is one printable line.
    public static func of<S: StringProtocol>(_ text: S, limit: Int = maxCharacters) -> String {
        var out = ""
        var shown = 0
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            let piece = isPrintable(scalar) ? String(scalar) : "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            let width = piece.unicodeScalars.count
            if shown + width > limit - 1 {
                // Room for this piece only when it is the very last one.
                var rest = scalars
                if shown + width <= limit, rest.next() == nil { out += piece } else { out += "…" }
                return out
            }
            out += piece
            shown += width
        }
        return out
    }

    /// The most characters a file path shows: a path is the user's own and may be long, but a
    /// pathological one (a statement's 40,000-character name) must not become the message.
    public static let maxPathCharacters = 300

    /// A file path as messages show it (up to `maxPathCharacters`, control characters escaped).
    public static func path<S: StringProtocol>(_ path: S) -> String { of(path, limit: maxPathCharacters) }

    /// The excerpt of an IRI (up to `maxIRICharacters`).
    public static func iri<S: StringProtocol>(_ iri: S) -> String { of(iri, limit: maxIRICharacters) }

    /// `'excerpt'`: the excerpt of `text` in single quotes, as messages show tokens.
    public static func quoted<S: StringProtocol>(_ text: S, limit: Int = maxCharacters) -> String {
        "'" + of(text, limit: limit) + "'"
    }

    /// `'a', 'b', 'c'`: names from the input (a header's fields), each an excerpt, the first
    /// `limit` of them, then how many there are in all.
    public static func list(_ names: [String], limit: Int = 8) -> String {
        let shown = names.prefix(limit).map { quoted($0) }.joined(separator: ", ")
        return names.count > limit ? shown + ", … (\(names.count) in all)" : shown
    }

    /// Whether a scalar can be shown as it is in a one-line message.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x20 && scalar.value < 0x7F { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
            return false
        default:
            return true
        }
    }
}
