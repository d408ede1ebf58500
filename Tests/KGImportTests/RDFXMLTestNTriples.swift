@testable import KGImport

/// A minimal N-Triples line parser for the expected results of the W3C RDF/XML tests.
/// Test-only: it stands in until the real `NTriplesReader` (branch `import`) is on main.
/// It handles IRIs, blank nodes, literals with `\t \b \n \r \f \" \' \\ \uXXXX \UXXXXXXXX`
/// escapes, language tags and datatypes, comments and blank lines.
enum RDFXMLTestNTriples {
    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    static func parse(_ text: String) throws -> [RDFTriple] {
        var triples: [RDFTriple] = []
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .enumerated() {
            var scanner = Scanner(scalars: Array(line.unicodeScalars), line: number + 1)
            scanner.skipSpace()
            if scanner.atEnd || scanner.peek == "#" { continue }
            let subject = try scanner.term()
            scanner.skipSpace()
            guard case .iri(let predicate) = try scanner.term() else { throw scanner.error("predicate must be an IRI") }
            scanner.skipSpace()
            let object = try scanner.term()
            scanner.skipSpace()
            guard scanner.peek == "." else { throw scanner.error("expected '.'") }
            triples.append(RDFTriple(subject, predicate, object))
        }
        return triples
    }

    private struct Scanner {
        var scalars: [Unicode.Scalar]
        var index = 0
        var line: Int

        init(scalars: [Unicode.Scalar], line: Int) {
            self.scalars = scalars
            self.line = line
        }

        var atEnd: Bool { index >= scalars.count }
        var peek: Unicode.Scalar? { atEnd ? nil : scalars[index] }

        func error(_ message: String) -> ParseError { ParseError(line: line, message: message) }

        mutating func skipSpace() {
            while let c = peek, c == " " || c == "\t" { index += 1 }
        }

        mutating func next() throws -> Unicode.Scalar {
            guard let c = peek else { throw error("unexpected end of line") }
            index += 1
            return c
        }

        mutating func term() throws -> RDFTerm {
            switch peek {
            case "<": return .iri(try iri())
            case "_":
                index += 1
                guard try next() == ":" else { throw error("expected ':' after '_'") }
                var label = ""
                while let c = peek, c != " ", c != "\t" { label.unicodeScalars.append(c); index += 1 }
                if label.hasSuffix(".") { label.removeLast(); index -= 1 }
                return .blank(label)
            case "\"":
                index += 1
                var lexical = ""
                while true {
                    let c = try next()
                    if c == "\"" { break }
                    if c == "\\" { lexical.unicodeScalars.append(try escape()) } else { lexical.unicodeScalars.append(c) }
                }
                if peek == "@" {
                    index += 1
                    var language = ""
                    while let c = peek, c.properties.isAlphabetic || c == "-" || ("0"..."9").contains(c) {
                        language.unicodeScalars.append(c)
                        index += 1
                    }
                    return .literal(lexical, language: language)
                }
                if peek == "^" {
                    index += 1
                    guard try next() == "^" else { throw error("expected '^^'") }
                    let datatype = try iri()
                    return .literal(lexical, datatype: datatype == XSD.string ? nil : datatype)
                }
                return .literal(lexical)
            default:
                throw error("expected a term")
            }
        }

        mutating func iri() throws -> String {
            guard try next() == "<" else { throw error("expected '<'") }
            var value = ""
            while true {
                let c = try next()
                if c == ">" { return value }
                if c == "\\" { value.unicodeScalars.append(try escape()) } else { value.unicodeScalars.append(c) }
            }
        }

        mutating func escape() throws -> Unicode.Scalar {
            let c = try next()
            switch c {
            case "t": return "\t"
            case "b": return "\u{08}"
            case "n": return "\n"
            case "r": return "\r"
            case "f": return "\u{0C}"
            case "\"", "'", "\\": return c
            case "u", "U":
                var hex = ""
                for _ in 0..<(c == "u" ? 4 : 8) { hex.unicodeScalars.append(try next()) }
                guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                    throw error("bad escape '\\\(c)\(hex)'")
                }
                return scalar
            default:
                throw error("bad escape '\\\(c)'")
            }
        }
    }
}
