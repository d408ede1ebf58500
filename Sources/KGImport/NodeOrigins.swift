import KGGraph

/// Where each node of an import's delta was first read: the place an error about the node
/// points at when the store, not the file, finds it wrong (a user of an earlier import given
/// as an item here).
///
/// Nodes are recorded in the order the delta creates them, so node `i`'s origin is entry
/// `i`; an entry takes three 32-bit integers (file, line, column), not a `SourceLocation`.
package struct NodeOrigins: Sendable {
    private var files: [String] = []
    private var fileIndex: [String: Int32] = [:]
    private var entries: [Int32] = []
    /// The last file's index: nodes come file by file, so this saves a hash per node.
    private var lastFile: (name: String, index: Int32)?

    /// No origins.
    package init() {}

    /// The number of nodes recorded.
    package var count: Int { entries.count / 3 }

    /// Records the origin of the next node (the one whose index is `count`).
    mutating func append(_ location: SourceLocation) {
        let file: Int32
        if let last = lastFile, last.name == location.file {
            file = last.index
        } else if let known = fileIndex[location.file] {
            file = known
        } else {
            file = Int32(files.count)
            files.append(location.file)
            fileIndex[location.file] = file
        }
        lastFile = (location.file, file)
        entries.append(file)
        entries.append(Int32(clamping: location.line))
        entries.append(Int32(clamping: location.column))
    }

    /// Records nodes created in `delta` since it had `before` nodes, all at `location`.
    mutating func recordNew(in delta: GraphDelta, since before: Int, at location: @autoclosure () -> SourceLocation) {
        guard delta.nodeCount > before else { return }
        let here = location()
        for _ in before..<delta.nodeCount { append(here) }
    }

    /// Where node `index` was first read, when that is known (a line of 1 or more).
    package func location(of index: Int) -> SourceLocation? {
        guard index >= 0, index < count, entries[3 * index + 1] >= 1 else { return nil }
        return SourceLocation(file: files[Int(entries[3 * index])], line: Int(entries[3 * index + 1]),
                              column: Int(entries[3 * index + 2]))
    }
}

extension ImportResult {
    /// The error for a node the store already holds with another kind (`existing` and `new`
    /// as the store words them: "a user", "an item"): at the place this import first read
    /// the node, with a hint about prefixes when users and items of different imports meet.
    /// `source` names the input when the node's origin is not known.
    package func kindConflict(id: String, existing: String, new: String, source: String) -> ImportError {
        let node = delta.existingNode(id).map(Int.init)
        let location = node.flatMap { origins.location(of: $0) } ?? SourceLocation(file: source, line: 0, column: 0)
        var message = "node \(Excerpt.quoted(id)) is already \(existing) in the store and cannot also be \(new)"
        if !summary.format.isRDF, Set([existing, new]) == ["a user", "an item"] {
            message += "; ids are shared with earlier imports, so give them prefixes (--user-prefix u --item-prefix i)"
        }
        return .invalidGraph(location, message)
    }
}
