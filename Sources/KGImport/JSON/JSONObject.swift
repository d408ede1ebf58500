#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON object: its members (a later duplicate key replaces an earlier one, as
/// ECMAScript's `JSON.parse` does), and where it starts in its document.
struct JSONObject: Equatable, Sendable {
    /// The members by key.
    var members: [String: JSONValue]
    /// Where the `{` is: the document's index in the reader's table and the byte offset;
    /// nil for objects the algorithms make.
    var origin: JSONOrigin?

    init(_ members: [String: JSONValue] = [:], origin: JSONOrigin? = nil) {
        self.members = members
        self.origin = origin
    }

    subscript(key: String) -> JSONValue? {
        get { members[key] }
        set { members[key] = newValue }
    }

    /// The keys in code point order (the order the JSON-LD algorithms use with `ordered`).
    var sortedKeys: [String] { members.keys.sorted(by: JSONObject.codePointOrder) }

    var count: Int { members.count }
    var keys: Dictionary<String, JSONValue>.Keys { members.keys }

    /// Whether `a` sorts before `b` by Unicode code points. UTF-8 preserves code point order,
    /// so the bytes are compared (a keyword, `@…`, sorts before a letter, as the algorithms expect).
    static func codePointOrder(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in
            guard let p = x.baseAddress, let q = y.baseAddress else { return x.count < y.count }
            let order = memcmp(p, q, min(x.count, y.count))
            return order != 0 ? order < 0 : x.count < y.count
        } }
    }

    static func == (a: JSONObject, b: JSONObject) -> Bool { a.members == b.members }
}

/// Where a parsed object starts: which document (an index into the reader's table of loaded
/// documents) and the byte offset of its `{`.
struct JSONOrigin: Hashable, Sendable {
    var document: Int
    var offset: Int
}
