import KGGraph

/// Imports KGCN's Last.FM layout (hwwang55/KGCN `data/music`).
///
/// - `item_index2entity_id.txt` (required): `artistID entityID`; each listed artist is an
///   item `i<artistID>`, and its KG entity is that same node.
/// - `user_artists.dat` (required, header `userID artistID weight`): rows of listed artists
///   are the positives (KGCN's threshold is 0), edges `u<userID> → i<artistID>` weighted by
///   the play count; rows of other artists are skipped, as KGCN's preprocessing does.
/// - `kg.txt` (required): `head relation tail` with named relations (`music.artist.origin`);
///   entities not linked to an item are `e<entityID>`.
/// - a split directory (`options.splitDirectory`, else `split/` when present) with
///   `train.tsv`, `valid.tsv`, `test.tsv` (`user_id item_id`, original ids) giving each
///   positive its split, and optional `ctr_train.tsv`, `ctr_valid.tsv`, `ctr_test.tsv`
///   (`user_id item_id label`) that become labelled pairs. A positive the split files leave
///   out stays `train`, with a warning; a split row that is not a positive is an error. A
///   missing split file is read as empty, with a warning.
struct KGCNImporter {
    let options: ImportOptions

    func load(directory: String) throws -> (delta: GraphDelta, lines: Int, warnings: [ImportWarning], origins: NodeOrigins) {
        let linkPath = try requiredFile("item_index2entity_id.txt", in: directory)
        let ratingsPath = try requiredFile("user_artists.dat", in: directory)
        let kgPath = try requiredFile("kg.txt", in: directory)
        if let given = options.splitDirectory, !ImportFormat.isDirectory(given) {
            throw ImportError.unreadable(path: given, reason: "no such directory (the split directory)")
        }
        let splitDirectory = options.splitDirectory ?? (ImportFormat.isDirectory(directory + "/split") ? directory + "/split" : nil)
        var builder = LayoutBuilder(options: options)
        var lines = 0
        var warnings: [ImportWarning] = []

        var links = try TokenLines(path: linkPath)
        while links.nextLine() {
            lines += 1
            let artist = try links.expectInteger("an artist id")
            let entity = try links.expectInteger("an entity id")
            try links.expectEnd(after: "the artist and entity ids")
            if builder.existingItem(artist) != nil {
                throw ImportError.invalidGraph(links.lineLocation, "artist \(artist) is linked to a KG entity twice")
            }
            if builder.linkedItem(entity) != nil {
                throw ImportError.invalidGraph(links.lineLocation, "entity \(entity) is linked to two artists")
            }
            builder.link(entity: entity, toItem: try builder.item(artist, at: links.lineLocation))
        }

        // Positives: (user, artist) → (play count, the line it was read on).
        let interacted = try builder.relation(options.relation, at: SourceLocation(file: ratingsPath, line: 1, column: 1))
        var positives: [Pair: (weight: Float, line: Int)] = [:]
        var order: [Pair] = []
        var ratings = try TokenLines(path: ratingsPath)
        var first = true
        while ratings.nextLine() {
            if first {
                first = false
                if ratings.lineLooksLikeHeader() { continue }
            }
            lines += 1
            let user = try ratings.expectInteger("a user id")
            let artist = try ratings.expectInteger("an artist id")
            let weight = try ratings.expectInteger("a play count")
            try ratings.expectEnd(after: "user, artist and weight")
            guard builder.existingItem(artist) != nil else { continue }
            let key = Pair(user: user, artist: artist)
            if positives.updateValue((Float(weight), ratings.line), forKey: key) == nil { order.append(key) }
        }

        var assigned = Set<Pair>()
        if let splitDirectory {
            for (file, split) in [("train.tsv", EdgeSplit.train), ("valid.tsv", .valid), ("test.tsv", .test)] {
                guard let path = optionalFile(file, in: splitDirectory) else {
                    warnings.append(missingSplitFileWarning(splitDirectory + "/" + file, split))
                    continue
                }
                var rows = try TokenLines(path: path)
                while let (user, artist, _) = try nextPair(&rows, labelled: false) {
                    lines += 1
                    let key = Pair(user: user, artist: artist)
                    guard let weight = positives[key]?.weight else {
                        throw ImportError.invalidGraph(rows.lineLocation, "user \(user) and artist \(artist) are not a "
                                                       + "positive of user_artists.dat (an artist of item_index2entity_id.txt)")
                    }
                    guard assigned.insert(key).inserted else {
                        throw ImportError.invalidGraph(rows.lineLocation, "user \(user) and artist \(artist) are already in a split")
                    }
                    let u = try builder.user(user, at: rows.lineLocation)
                    let i = try builder.item(artist, at: rows.lineLocation)
                    builder.delta.addEdge(u, interacted, i, weight: weight, split: split)
                }
            }
        }
        var unassigned = 0
        for key in order where !assigned.contains(key) {
            let (user, artist) = (key.user, key.artist)
            let read = SourceLocation(file: ratingsPath, line: positives[key]?.line ?? 0, column: 1)
            let u = try builder.user(user, at: read)
            let i = try builder.item(artist, at: read)
            builder.delta.addEdge(u, interacted, i, weight: positives[key]?.weight, split: .train)
            unassigned += 1
        }
        if splitDirectory != nil, unassigned > 0 {
            warnings.append(ImportWarning(SourceLocation(file: ratingsPath, line: 1, column: 1),
                                          "\(unassigned) positives are in no split file; imported as train"))
        }

        if let splitDirectory {
            for (file, split) in [("ctr_train.tsv", EdgeSplit.train), ("ctr_valid.tsv", .valid), ("ctr_test.tsv", .test)] {
                guard let path = optionalFile(file, in: splitDirectory) else { continue }
                var rows = try TokenLines(path: path)
                while let (user, artist, label) = try nextPair(&rows, labelled: true) {
                    lines += 1
                    guard let item = builder.existingItem(artist) else {
                        throw ImportError.invalidGraph(rows.lineLocation, "artist \(artist) is not an item "
                                                       + "(it is not in item_index2entity_id.txt)")
                    }
                    let u = try builder.user(user, at: rows.lineLocation)
                    builder.delta.addLabelledPair(user: u, item: item, label: label, split: split)
                }
            }
        }

        var kg = try TokenLines(path: kgPath)
        var relations: [String: Int32] = [:]
        while kg.nextLine() {
            lines += 1
            let head = try kg.expectInteger("a head entity id")
            let (name, nameLocation) = try kg.expectText("a relation name")
            let tail = try kg.expectInteger("a tail entity id")
            try kg.expectEnd(after: "head, relation and tail")
            let relation: Int32
            if let known = relations[name] {
                relation = known
            } else {
                relation = try builder.relation(name, at: nameLocation)
                relations[name] = relation
            }
            let h = try builder.entity(head, at: kg.lineLocation)
            let t = try builder.entity(tail, at: kg.lineLocation)
            builder.delta.addEdge(h, relation, t)
        }
        return (builder.delta, lines, warnings, builder.origins)
    }

    private struct Pair: Hashable {
        var user: Int
        var artist: Int
    }

    /// The next `user item [label]` row of a split file, skipping a header line.
    private func nextPair(_ rows: inout TokenLines, labelled: Bool) throws -> (Int, Int, Bool)? {
        while rows.nextLine() {
            if rows.line == 1, rows.lineLooksLikeHeader() { continue }
            let user = try rows.expectInteger("a user id")
            let item = try rows.expectInteger("an item id")
            var label = true
            if labelled {
                let value = try rows.expectInteger("a label (0 or 1)")
                guard value <= 1 else {
                    throw ImportError.syntax(rows.lineLocation, "expected a label (0 or 1), found '\(value)'")
                }
                label = value == 1
            }
            try rows.expectEnd(after: labelled ? "user, item and label" : "user and item")
            return (user, item, label)
        }
        return nil
    }
}
