/// Everything a caller can tell an import; every field has a default that works for the
/// common case, so `ImportOptions()` imports any supported file by detection.
public struct ImportOptions: Sendable, Equatable {
    /// The input's format; `nil` detects it (see `ImportFormat.detect`).
    public var format: ImportFormat?

    // MARK: Delimited interactions (CSV/TSV)

    /// The field separator of a CSV/TSV file; `nil` sniffs it from the first line (tab, comma,
    /// semicolon, in that order of preference; space when there is none of them).
    public var delimiter: Character?
    /// Whether the first row is a header; `nil` detects it (a first row that names known
    /// columns, or whose would-be numeric columns are not numeric while the second row's are).
    public var header: Bool?
    /// The user column: a header name, or a 1-based position. `nil`: a column named like
    /// `user`/`user_id`/`userId`, else the first column.
    public var userColumn: String?
    /// The item column (a name or a 1-based position). `nil`: `item`/`item_id`/…, else the second.
    public var itemColumn: String?
    /// The weight column (`rating`, `weight`, `count`…). `nil`: by name, else the third if any.
    public var weightColumn: String?
    /// The timestamp column (epoch seconds or ISO-8601). `nil`: by name, else the fourth if any.
    public var timestampColumn: String?
    /// A column holding each row's relation (`click`, `buy`…). `nil`: a column named `relation` or `event`.
    public var relationColumn: String?
    /// A column holding each row's split (`train`/`valid`/`test`). `nil`: a column named `split`.
    public var splitColumn: String?
    /// The relation of interaction edges when the file names none.
    public var relation: String = "interacted"
    /// Prepended to every user id (default none). Give users and items different prefixes
    /// when their ids overlap (`u` and `i`). The benchmark layouts name users `u<id>`, so
    /// `gw-` there gives `gw-u0`: two datasets with the same numeric ids stay apart.
    public var userPrefix: String = ""
    /// Prepended to every item id (default none); in a benchmark layout, also to its KG
    /// entities (`gw-i1`, `gw-e7`).
    public var itemPrefix: String = ""

    // MARK: RDF

    /// A mapping file that overrides or extends the built-in ontology mapping (Ontologies/MAPPING.md).
    public var mappingFile: String?
    /// IRI prefixes stripped from node ids (`https://kgrec.dev/demo/i7` becomes `i7`), in
    /// addition to the mapping's `id-namespace` lines.
    public var idNamespaces: [String] = []
    /// The base IRI for relative references (RDF/XML, Turtle; N-Triples has none); `nil`
    /// takes the file's `file://` IRI.
    public var baseIRI: String?
    /// JSON-LD: the local directories remote contexts are read from, by IRI prefix
    /// (`--documents IRI-PREFIX=DIR`); kgrec never uses the network, so a context under no
    /// prefix is an error.
    package var documents: [JSONLDDocumentLoader.Mapping] = []

    /// Adds a `--documents IRI-PREFIX=DIR` mapping; false when `option` has no `=` or an empty side.
    public mutating func addDocuments(_ option: String) -> Bool {
        guard let mapping = JSONLDDocumentLoader.Mapping(option: option) else { return false }
        documents.append(mapping)
        return true
    }
    /// Turn warnings (defects a lenient reader works around) into errors.
    public var strict = false
    /// What the target store already knows (its categories and their superclasses); `nil`
    /// maps the file on its own. `Session.importData` fills it in.
    public var context: ImportContext?

    // MARK: Updates

    /// How an import treats what the store already says about the subjects it describes.
    public enum UpdateMode: String, Sendable, CaseIterable {
        /// A described subject's values of each property it gives, and its edges of each
        /// relation it gives, become the file's (a new price replaces the old one).
        case replace
        /// The file's values and edges are added to what is stored; nothing is removed.
        case merge
    }

    /// What happens to interactions naming items a store with a catalog does not know.
    public enum MissingItems: String, Sendable, CaseIterable {
        /// An error at the first such row, with how many there are (the default).
        case error
        /// The items are created.
        case create
        /// Those rows are left out, and counted.
        case skip
    }

    /// `nil`: replace for RDF (a catalog or an ontology describes its subjects whole), merge for
    /// interactions and benchmark layouts.
    public var mode: UpdateMode?
    /// CSV/TSV into a store with a catalog (an RDF import): what to do with unknown items. Default error.
    public var missingItems = MissingItems.error

    // MARK: Benchmark layouts

    /// Seeds the random 6:2:2 split of Book-Crossing rows. The default, 555, is the seed
    /// KGCN's preprocessing uses for this dataset (our generator differs from numpy's, so the
    /// rows drawn differ from KGCN's, but every run with one seed draws the same rows).
    public var seed: UInt64 = 555
    /// The directory of a fixed KGCN split (`train.tsv`, `valid.tsv`, `test.tsv`, `ctr_*.tsv`);
    /// `nil` uses `split/` inside the dataset directory when it exists.
    public var splitDirectory: String?

    /// Every option at its default: detect the format, the delimiter, the header and the columns.
    public init() {}
}
