import KGGraph

/// Shared bookkeeping of the benchmark layouts: dense integer ids of users, items and KG
/// entities mapped to delta nodes with the conventional external ids `u<id>`, `i<id>` and
/// `e<id>`, without a dictionary lookup per line.
///
/// `--user-prefix` and `--item-prefix` (`ImportOptions.userPrefix`, `itemPrefix`) are put
/// before them, so that two datasets with the same numeric ids stay apart: `gw-u0`,
/// `gw-i1`; KG entities belong to the items' side and take the item prefix (`gw-e7`).
///
/// An item that is also a KG entity is one node, the item: `entity(_:)` returns the item's
/// node for an entity linked to one (`link(entity:toItem:)`), and otherwise an `entity` node.
struct LayoutBuilder {
    var delta = GraphDelta()
    /// Where each node was first read.
    var origins = NodeOrigins()
    private let userPrefix: String
    private let itemPrefix: String
    private let entityPrefix: String
    private var users = IDTable()
    private var items = IDTable()
    private var entities = IDTable()
    /// The item node standing for each linked entity id.
    private var entityItems = IDTable()

    /// A builder whose ids start with the options' user and item prefixes.
    init(options: ImportOptions) {
        userPrefix = options.userPrefix + "u"
        itemPrefix = options.itemPrefix + "i"
        entityPrefix = options.itemPrefix + "e"
    }

    /// The node of user `id`, created on first use.
    mutating func user(_ id: Int, at location: @autoclosure () -> SourceLocation) throws -> Int32 {
        try LayoutBuilder.lookup(&users, &delta, &origins, id, prefix: userPrefix, kind: .user, location)
    }

    /// The node of item `id`, created on first use.
    mutating func item(_ id: Int, at location: @autoclosure () -> SourceLocation) throws -> Int32 {
        try LayoutBuilder.lookup(&items, &delta, &origins, id, prefix: itemPrefix, kind: .item, location)
    }

    /// The node of item `id` when it exists.
    func existingItem(_ id: Int) -> Int32? { items[id] }

    /// Makes KG entity `entity` stand for the item node `item`.
    mutating func link(entity: Int, toItem item: Int32) { entityItems[entity] = item }

    /// The item node linked to `entity`, if any.
    func linkedItem(_ entity: Int) -> Int32? { entityItems[entity] }

    /// The node of KG entity `id`: its linked item, or an `entity` node `e<id>`.
    mutating func entity(_ id: Int, at location: @autoclosure () -> SourceLocation) throws -> Int32 {
        if let item = linkedItem(id) { return item }
        return try LayoutBuilder.lookup(&entities, &delta, &origins, id, prefix: entityPrefix, kind: .entity, location)
    }

    private static func lookup(_ table: inout IDTable, _ delta: inout GraphDelta, _ origins: inout NodeOrigins,
                               _ id: Int, prefix: String, kind: NodeKind,
                               _ location: () -> SourceLocation) throws -> Int32 {
        if let known = table[id] { return known }
        let index = try node(prefix + String(id), kind, &delta, &origins, location())
        table[id] = index
        return index
    }

    /// Finds or creates a relation by name.
    mutating func relation(_ name: String, at location: @autoclosure () -> SourceLocation) throws -> Int32 {
        try relationIndex(name, &delta, location())
    }
}

/// A map from non-negative integer ids to node indices: an array for ids below 2^22 (the
/// benchmark files' dense ids), a dictionary above, so that one huge id in a file costs an
/// entry, not gigabytes.
struct IDTable {
    private var dense: [Int32] = []
    private var sparse: [Int: Int32] = [:]
    private static let denseLimit = 1 << 22

    subscript(id: Int) -> Int32? {
        get {
            if id < dense.count { return dense[id] >= 0 ? dense[id] : nil }
            return id < IDTable.denseLimit ? nil : sparse[id]
        }
        set {
            let value = newValue ?? -1
            guard id < IDTable.denseLimit else {
                sparse[id] = newValue
                return
            }
            if id >= dense.count {
                dense += Array(repeating: -1, count: max(id + 1 - dense.count, dense.count / 2))
            }
            dense[id] = value
        }
    }
}

/// The path of `name` in `directory`, or `missingFile` when it is absent.
func requiredFile(_ name: String, in directory: String) throws(ImportError) -> String {
    let path = directory + "/" + name
    guard ImportFormat.fileExists(path) else { throw .missingFile(directory: directory, expected: name) }
    return path
}

/// The warning for a split file a layout lacks and reads as empty.
func missingSplitFileWarning(_ path: String, _ split: EdgeSplit) -> ImportWarning {
    ImportWarning(SourceLocation(file: path, line: 1, column: 1),
                  "the file is missing; read as empty, so the \(split) split has no edges")
}

/// The path of `name` in `directory` when it exists.
func optionalFile(_ name: String, in directory: String) -> String? {
    let path = directory + "/" + name
    return ImportFormat.fileExists(path) ? path : nil
}

/// Compacts relation IRIs to names that read well in queries: the part after the last `/`
/// or `#` (`http://rdf.freebase.com/ns/book.book.genre` → `book.book.genre`,
/// `…/22-rdf-syntax-ns#type` → `type`). When two IRIs compact to the same name, each of
/// them keeps one more path segment, joined with `.`, until the names differ; an IRI with
/// nothing after its last separator keeps the segment before it.
func compactRelationNames(_ iris: [String]) -> [String] {
    func segments(_ iri: String) -> [Substring] {
        iri.split(whereSeparator: { $0 == "/" || $0 == "#" }).filter { !$0.isEmpty }
    }
    let parts = iris.map(segments)
    var depth = Array(repeating: 1, count: iris.count)
    func name(_ i: Int) -> String {
        let p = parts[i]
        guard !p.isEmpty else { return iris[i].filter { !$0.isWhitespace } }
        return p.suffix(depth[i]).joined(separator: ".").filter { !$0.isWhitespace }
    }
    for _ in 0..<8 {
        var byName: [String: [Int]] = [:]
        for i in iris.indices { byName[name(i), default: []].append(i) }
        let clashes = byName.values.filter { $0.count > 1 }
        guard !clashes.isEmpty else { break }
        for group in clashes { for i in group where depth[i] < parts[i].count { depth[i] += 1 } }
    }
    return iris.indices.map(name)
}
