import KGGraph

/// Imports the KGAT/LightGCN/NGCF layout (Gowalla, Amazon-book, Last-FM as KGAT ships them).
///
/// - `train.txt`, `test.txt`: `userID itemID itemID …` per line, remapped ids; a line may
///   list no item. Each pair is an interaction edge `u<user> → i<item>`, split `train` or
///   `test`. A pair repeated in a file (or in both) is kept once, as first seen. One of the
///   two may be missing: it is read as empty, with a warning (an error under `--strict`);
///   a directory with neither is an error.
/// - `user_list.txt`, `item_list.txt` (optional, header `org_id remap_id …`): every listed
///   user and item becomes a node, even one without interactions.
/// - `kg_final.txt` (optional): `head relation tail` integers. Entity ids below the item count
///   are the items themselves (KGAT's convention), so an item is one node; other entities are
///   `e<id>`.
/// - `relation_list.txt` (optional, `org_id remap_id`): relation names, compacted by
///   `compactRelationNames` (`http://rdf.freebase.com/ns/book.book.genre` → `book.book.genre`);
///   without it relations are `r<id>`.
struct KGATImporter {
    let options: ImportOptions

    func load(directory: String) throws -> (delta: GraphDelta, lines: Int, warnings: [ImportWarning], origins: NodeOrigins) {
        var present: [(path: String, split: EdgeSplit)] = []
        var warnings: [ImportWarning] = []
        for (name, split) in [("train.txt", EdgeSplit.train), ("test.txt", .test)] {
            if let path = optionalFile(name, in: directory) {
                present.append((path, split))
            } else {
                warnings.append(missingSplitFileWarning(directory + "/" + name, split))
            }
        }
        guard let first = present.first else { throw ImportError.missingFile(directory: directory, expected: "train.txt") }
        var builder = LayoutBuilder(options: options)
        var lines = 0
        if let users = optionalFile("user_list.txt", in: directory) {
            try readList(users) { id, location throws in _ = try builder.user(id, at: location) }
        }
        var itemCount = 0
        if let items = optionalFile("item_list.txt", in: directory) {
            try readList(items) { id, location throws in
                _ = try builder.item(id, at: location)
                itemCount = max(itemCount, id + 1)
            }
        }
        let interacted = try builder.relation(options.relation, at: SourceLocation(file: first.path, line: 1, column: 1))
        for (path, split) in present {
            var file = try TokenLines(path: path)
            builder.delta.reserveEdges(builder.delta.edges.count + file.input.bytes.count / 6)
            while file.nextLine() {
                lines += 1
                let userID = try file.expectInteger("a user id")
                let user = try builder.user(userID, at: file.lineLocation)
                while let range = file.field() {
                    guard let itemID = file.integer(range) else {
                        throw ImportError.syntax(file.location(at: range.lowerBound),
                                                 "expected an item id, found \(file.quoted(range))")
                    }
                    let item = try builder.item(itemID, at: file.location(at: range.lowerBound))
                    itemCount = max(itemCount, itemID + 1)
                    builder.delta.addEdge(user, interacted, item, split: split)
                }
            }
        }
        if let kg = optionalFile("kg_final.txt", in: directory) {
            let names = try optionalFile("relation_list.txt", in: directory).map(readRelationNames) ?? [:]
            lines += try readKG(kg, itemCount: itemCount, relationNames: names, into: &builder)
        }
        return (builder.delta, lines, warnings, builder.origins)
    }

    /// Reads `org_id remap_id …` rows after a header, calling `body` with each remap id.
    private func readList(_ path: String, _ body: (Int, SourceLocation) throws -> Void) throws {
        var file = try TokenLines(path: path)
        var first = true
        while file.nextLine() {
            let (_, location) = try file.expectText("an original id")
            if first {
                first = false
                if file.lineLooksLikeHeader() { continue }
            }
            let remap = try file.expectInteger("a remap id")
            try body(remap, location)
        }
    }

    /// `org_id remap_id` rows of relation_list.txt, compacted into names by remap id.
    private func readRelationNames(_ path: String) throws -> [Int: String] {
        var file = try TokenLines(path: path)
        var iris: [(Int, String)] = []
        var first = true
        while file.nextLine() {
            let (iri, _) = try file.expectText("a relation IRI")
            if first {
                first = false
                if file.lineLooksLikeHeader() { continue }
            }
            iris.append((try file.expectInteger("a remap id"), iri))
        }
        let compact = compactRelationNames(iris.map(\.1))
        var names: [Int: String] = [:]
        for (k, entry) in iris.enumerated() { names[entry.0] = compact[k] }
        return names
    }
}

/// Reads a `head relation tail` file of integers (KGAT's and KGCN's `kg_final.txt`).
///
/// Entity ids below `itemCount` are items (`i<id>`); others are `e<id>`, or the item an entity
/// was linked to. Relations are named by `relationNames`, else `r<id>`. Returns the triple count.
func readKG(_ path: String, itemCount: Int, relationNames: [Int: String],
            into builder: inout LayoutBuilder) throws -> Int {
    var file = try TokenLines(path: path)
    var relations = IDTable()
    var triples = 0
    builder.delta.reserveEdges(builder.delta.edges.count + file.input.bytes.count / 12)
    func entityNode(_ id: Int, _ location: SourceLocation, _ builder: inout LayoutBuilder) throws -> Int32 {
        id < itemCount ? try builder.item(id, at: location) : try builder.entity(id, at: location)
    }
    while file.nextLine() {
        let headLocation = file.lineLocation
        let head = try file.expectInteger("a head entity id")
        let relationID = try file.expectInteger("a relation id")
        let tail = try file.expectInteger("a tail entity id")
        try file.expectEnd(after: "head, relation and tail")
        let relation: Int32
        if let known = relations[relationID] {
            relation = known
        } else {
            relation = try builder.relation(relationNames[relationID] ?? "r\(relationID)", at: headLocation)
            relations[relationID] = relation
        }
        let h = try entityNode(head, headLocation, &builder)
        let t = try entityNode(tail, headLocation, &builder)
        builder.delta.addEdge(h, relation, t)
        triples += 1
    }
    return triples
}
