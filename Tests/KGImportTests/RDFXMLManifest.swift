/// The W3C RDF/XML test manifest (`manifest.ttl`), read with a test-only Turtle subset:
/// `@prefix`, IRIs (`<…>`, resolved against nothing: they stay relative), prefixed names,
/// `a`, strings (`"…"` and `"""…"""`), collections `( … )`, `;`, `,` and `.`, comments.
/// Enough for the manifests' shape:
/// `<#id> a rdft:TestXMLEval ; mf:name "…" ; mf:action <dir/test.rdf> ; mf:result <dir/test.nt> .`
struct RDFXMLManifest: Sendable {
    enum Kind: String, Sendable {
        case eval = "TestXMLEval"
        case negativeSyntax = "TestXMLNegativeSyntax"
    }

    struct Entry: Sendable, CustomStringConvertible {
        var name: String
        var kind: Kind
        var action: String
        var result: String?
        var description: String { name }
    }

    struct ParseError: Error, CustomStringConvertible {
        var message: String
        var description: String { "manifest: \(message)" }
    }

    var assumedTestBase: String?
    var entries: [Entry] = []

    init(_ text: String) throws {
        let tokens = try Self.tokens(text)
        var prefixes: [String: String] = [:]
        var index = 0
        var subjects: [(subject: String, properties: [String: [String]])] = []
        func expand(_ token: String) -> String {
            if token.hasPrefix("<") { return String(token.dropFirst().dropLast()) }
            if token.hasPrefix("\"") { return String(token.dropFirst()) }
            if token == "a" { return "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" }
            if let colon = token.firstIndex(of: ":"), let namespace = prefixes[String(token[..<colon])] {
                return namespace + token[token.index(after: colon)...]
            }
            return token
        }
        while index < tokens.count {
            if tokens[index] == "@prefix" {
                guard index + 3 < tokens.count else { throw ParseError(message: "truncated @prefix") }
                prefixes[String(tokens[index + 1].dropLast())] = expand(tokens[index + 2])
                index += 4
                continue
            }
            let subject = expand(tokens[index])
            index += 1
            var properties: [String: [String]] = [:]
            while index < tokens.count, tokens[index] != "." {
                let predicate = expand(tokens[index])
                index += 1
                repeat {
                    if tokens[index] == "," { index += 1 }
                    if tokens[index] == "(" {
                        while index < tokens.count, tokens[index] != ")" { index += 1 }
                        index += 1
                        properties[predicate, default: []].append("()")
                    } else {
                        properties[predicate, default: []].append(expand(tokens[index]))
                        index += 1
                    }
                } while index < tokens.count && tokens[index] == ","
                if index < tokens.count, tokens[index] == ";" { index += 1 }
            }
            index += 1
            subjects.append((subject, properties))
        }
        let rdftNS = "http://www.w3.org/ns/rdftest#", mfNS = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
        let typeIRI = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
        for (_, properties) in subjects {
            if let base = properties[mfNS + "assumedTestBase"]?.first { assumedTestBase = base }
            guard let type = properties[typeIRI]?.first, type.hasPrefix(rdftNS),
                  let kind = Kind(rawValue: String(type.dropFirst(rdftNS.count))),
                  let name = properties[mfNS + "name"]?.first,
                  let action = properties[mfNS + "action"]?.first else { continue }
            entries.append(Entry(name: name, kind: kind, action: action, result: properties[mfNS + "result"]?.first))
        }
    }

    /// Splits Turtle text into tokens; a string token is its content after one `"`.
    private static func tokens(_ text: String) throws -> [String] {
        var tokens: [String] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1; continue }
            if c == "#" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            }
            if c == "<" {
                var token = ""
                while i < chars.count, chars[i] != ">" { token.unicodeScalars.append(chars[i]); i += 1 }
                tokens.append(token + ">")
                i += 1
                continue
            }
            if c == "\"" {
                let long = i + 2 < chars.count && chars[i + 1] == "\"" && chars[i + 2] == "\""
                let quote = long ? 3 : 1
                i += quote
                var token = ""
                while i < chars.count {
                    if chars[i] == "\\", i + 1 < chars.count {
                        token.unicodeScalars.append(chars[i + 1])
                        i += 2
                        continue
                    }
                    if chars[i] == "\"" && (!long || (i + 2 < chars.count && chars[i + 1] == "\"" && chars[i + 2] == "\"")) {
                        break
                    }
                    token.unicodeScalars.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { throw ParseError(message: "unterminated string") }
                i += quote
                tokens.append("\"" + token)
                continue
            }
            if ";,.()[]".unicodeScalars.contains(c) {
                // A '.' inside a prefixed name is part of it; a token-final '.' is punctuation.
                tokens.append(String(c))
                i += 1
                continue
            }
            var token = ""
            while i < chars.count, !" \t\n\r;,()[]".unicodeScalars.contains(chars[i]) {
                if chars[i] == ".", i + 1 >= chars.count || " \t\n\r".unicodeScalars.contains(chars[i + 1]) { break }
                token.unicodeScalars.append(chars[i])
                i += 1
            }
            tokens.append(token)
        }
        return tokens
    }
}
