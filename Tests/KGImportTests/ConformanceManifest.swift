import Foundation
import KGTestSupport

/// One test of a W3C RDF test-suite manifest.
struct ConformanceEntry: Sendable, CustomStringConvertible {
    /// `mf:name`.
    var name: String
    /// The local name of the `rdf:type`, e.g. `TestNTriplesPositiveSyntax`.
    var type: String
    /// The `mf:action` file, as a path.
    var action: String
    /// The `mf:result` file, when the test has one.
    var result: String?

    var isPositive: Bool { !type.contains("Negative") }
    var description: String { name }
}

/// A reader for the Turtle subset W3C test manifests use: `@prefix`, IRIs (relative ones
/// resolved against the manifest's directory), prefixed names, the `a` keyword, strings,
/// single- and double-quoted strings, `;` and `,` lists, `( … )` collections and comments. Enough for `manifest.ttl`; it is
/// test-only and makes no claim to parse Turtle.
enum ConformanceManifest {
    /// The entries of `../shared/conformance/<suite>/manifest.ttl`, or `[]` when it is absent.
    static func entries(suite: String) -> [ConformanceEntry] {
        guard let root = SharedData.root else { return [] }
        let manifest = root.appendingPathComponent("conformance/\(suite)/manifest.ttl")
        guard let text = try? String(contentsOf: manifest, encoding: .utf8) else { return [] }
        return entries(turtle: text, directory: manifest.deletingLastPathComponent().path)
    }

    /// Parses manifest text; action files are resolved against `directory`.
    static func entries(turtle text: String, directory: String) -> [ConformanceEntry] {
        var statements: [String: [String: [String]]] = [:]
        var order: [String] = []
        var tokens = tokenize(text)[...]
        var prefixes: [String: String] = [:]
        func expand(_ token: String) -> String {
            if token == "a" { return "rdf:type" }
            if token.hasPrefix("<") { return token }
            guard let colon = token.firstIndex(of: ":") else { return token }
            let prefix = String(token[..<colon])
            return prefixes[prefix].map { "<" + $0 + token[token.index(after: colon)...] + ">" } ?? token
        }
        while let first = tokens.popFirst() {
            if first == "@prefix" {
                let name = tokens.popFirst() ?? ""
                let iri = tokens.popFirst() ?? "<>"
                _ = tokens.popFirst()  // "."
                prefixes[String(name.dropLast())] = String(iri.dropFirst().dropLast())
                continue
            }
            let subject = expand(first)
            if statements[subject] == nil { order.append(subject) }
            var predicates = statements[subject] ?? [:]
            statement: while let predicateToken = tokens.popFirst() {
                if predicateToken == "." { break }
                let predicate = expand(predicateToken)
                objects: while let object = tokens.popFirst() {
                    switch object {
                    case "(":
                        while let member = tokens.popFirst(), member != ")" {
                            predicates[predicate, default: []].append(expand(member))
                        }
                    default:
                        predicates[predicate, default: []].append(expand(object))
                    }
                    switch tokens.popFirst() {
                    case ",": continue objects
                    case ";":
                        if tokens.first == "." { _ = tokens.popFirst(); break statement }
                        continue statement
                    default: break statement
                    }
                }
            }
            statements[subject] = predicates
        }
        let rdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        let mf = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
        return order.compactMap { subject -> ConformanceEntry? in
            guard let predicates = statements[subject],
                  let type = predicates[rdfType]?.first, type.contains("Test"),
                  let action = predicates["<\(mf)action>"]?.first else { return nil }
            let name = predicates["<\(mf)name>"]?.first.map { String($0.dropFirst().dropLast()) } ?? subject
            let typeName = String(type.dropLast().split(separator: "#").last ?? "")
            func file(_ iri: String) -> String { directory + "/" + iri.dropFirst().dropLast() }
            return ConformanceEntry(name: name, type: typeName, action: file(action),
                                    result: predicates["<\(mf)result>"]?.first.map(file))
        }
    }

    /// Splits manifest text into IRIs, strings, names and punctuation, dropping comments.
    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        func isBreak(_ c: Unicode.Scalar) -> Bool {
            c.properties.isWhitespace || c == ";" || c == "," || c == "(" || c == ")"
        }
        while i < chars.count {
            let c = chars[i]
            if c.properties.isWhitespace { i += 1; continue }
            if c == "#" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            }
            var j = i + 1
            if c == "<" {
                while j < chars.count, chars[j] != ">" { j += 1 }
                j += 1
            } else if c == "\"" || c == "'" {
                while j < chars.count, chars[j] != c { j += chars[j] == "\\" ? 2 : 1 }
                j += 1
            } else if !(c == ";" || c == "," || c == "(" || c == ")") {
                while j < chars.count, !isBreak(chars[j]) { j += 1 }
                // A statement's final "." may touch the last token.
                if chars[j - 1] == ".", j - 1 > i { j -= 1 }
            }
            var token = String.UnicodeScalarView()
            token.append(contentsOf: chars[i..<min(j, chars.count)])
            tokens.append(String(token))
            i = j
        }
        return tokens
    }
}
