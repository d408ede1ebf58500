import KGGraph
import KGImport
import KGStore

/// The outcome of importing one file or benchmark directory.
public struct ImportOutcome: Sendable {
    /// The file or directory as the person named it.
    public var source: String
    public var summary: ImportSummary
    public var report: ApplyReport
    public var warnings: [ImportWarning]
    /// Rows left out because they name items the store does not know (`--skip-missing`).
    public var skippedRows: Int
    /// Whether the import replaced or merged what the store said about its subjects.
    public var mode: ApplyMode
    public var seconds: Double
}

extension Session {
    /// Parses `path` completely, then applies it to the store in one transaction; a file that
    /// fails to parse never creates the store.
    ///
    /// An RDF file is mapped with what the store already knows (`ImportContext`: its
    /// categories and `subclass_of` edges), so a catalog imported after schema.org sees
    /// schema.org's classes. With `strict`, a file with warnings fails instead of being imported.
    /// A node the store already holds with another kind is an import error at the place the
    /// file first names it (`ImportResult.kindConflict`), not a store failure.
    public func importData(path: String, options: ImportOptions) throws(KGRecError) -> ImportOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        var options = options
        if options.context == nil, storeExists, (options.format ?? (try? ImportFormat.detect(path: path)))?.isRDF == true {
            options.context = try importContext()
        }
        var result: ImportResult
        do {
            result = try Importer.load(path: path, options: options)
        } catch {
            throw .importFailed(error)
        }
        var skippedRows = 0
        if result.summary.format == .csv || result.summary.format == .tsv, options.missingItems != .create, storeExists {
            (result, skippedRows) = try checkItemReferences(result, options: options, source: path)
        }
        if options.strict, let first = result.warnings.first {
            throw .importFailed(.syntax(first.location, first.message + " (--strict turns warnings into errors)"))
        }
        let mode: ApplyMode = switch options.mode ?? (result.summary.format.isRDF ? .replace : .merge) {
        case .replace: .replace
        case .merge: .merge
        }
        let report: ApplyReport
        do {
            report = try withStore(.create) { (store) throws(StoreError) in
                try store.apply(result.delta, source: path, format: result.summary.format.rawValue, mode: mode)
            }
        } catch .store(.kindConflict(let id, let existing, let new)) {
            throw .importFailed(result.kindConflict(id: id, existing: existing, new: new, source: path))
        }
        invalidate()
        return ImportOutcome(source: path, summary: result.summary, report: report, warnings: result.warnings,
                             skippedRows: skippedRows, mode: mode, seconds: (clock.now - start).seconds)
    }

    /// Interactions into a store with a catalog (an RDF import so far) must name nodes it knows
    /// (an entity the catalog named may become an item; another kind is a kind conflict):
    /// an error at the first unknown one, or (with `--skip-missing`) the result without those
    /// rows. A store whose items all came from interactions (a click log, a benchmark) takes
    /// every new item as it always has.
    private func checkItemReferences(_ result: ImportResult, options: ImportOptions,
                                     source: String) throws(KGRecError) -> (ImportResult, Int) {
        let store = try store()
        let known: Set<String>
        do {
            guard try store.hasImported(formats: ImportFormat.allCases.filter(\.isRDF).map(\.rawValue)) else {
                return (result, 0)
            }
            known = try store.existingIDs(result.itemIDs)
        } catch {
            throw .store(error)
        }
        let unknown = result.unknownItems(known: known)
        guard !unknown.isEmpty else { return (result, 0) }
        guard options.missingItems == .skip else { throw .importFailed(result.unknownItemsError(unknown, source: source)) }
        do {
            return try result.skipping(unknown)
        } catch {
            throw .failed("cannot leave out the rows naming unknown items: \(error)")
        }
    }

    /// What the store knows that an RDF import needs: its categories and their superclasses.
    func importContext() throws(KGRecError) -> ImportContext {
        let store = try store()
        do {
            var superclasses: [String: [String]] = [:]
            for edge in try store.edgeExternalIDs(relation: "subclass_of") {
                superclasses[edge.source, default: []].append(edge.target)
            }
            return ImportContext(categories: Set(try store.externalIDs(of: .category)), superclasses: superclasses)
        } catch {
            throw .store(error)
        }
    }
}
