import KGImport
import KGQuery

/// The options of `import` (the command and the statement), declared once.
public enum ImportSettings {
    public static let format = Setting("format", .choice(ImportFormat.allCases.map(\.rawValue)), placeholder: "FORMAT",
        help: "Force the format: " + ImportFormat.allCases.map(\.rawValue).joined(separator: ", ") + ".", example: "csv")
    public static let delimiter = Setting("delimiter", .text, placeholder: "CHAR", help:
        "CSV/TSV field separator ('tab', ',', ';'…); sniffed when absent.", example: ";")
    public static let header = Setting("header", .toggle, help:
        "CSV/TSV: the first row is a header (detected when neither flag is given).", negation: "--no-header",
        example: "true")
    public static let userColumn = column("user_col", "the user column, by header name or 1-based position.", "visitor")
    public static let itemColumn = column("item_col", "the item column.", "sku")
    public static let weightColumn = column("weight_col", "the weight (rating, count) column.", "rating")
    public static let timestampColumn = column("timestamp_col", "the timestamp column (epoch seconds or ISO-8601).", "ts")
    public static let relationColumn = column("relation_col", "a column naming each row's relation (viewed, bought…).", "event")
    public static let splitColumn = column("split_col", "a column giving each row's split (train, valid, test).", "split")
    public static let relation = Setting("relation", .text, placeholder: "NAME", help:
        "The relation of interactions when the file names none (default: interacted).", example: "viewed")
    public static let userPrefix = Setting("user_prefix", .text, placeholder: "TEXT", help:
        "Prepend to every user id (to keep user and item ids apart).", example: "u")
    public static let itemPrefix = Setting("item_prefix", .text, placeholder: "TEXT", help:
        "Prepend to every item id (and a benchmark layout's KG entity ids).", example: "i")
    public static let mapping = Setting("mapping", .text, placeholder: "FILE", help:
        "RDF: a mapping file overriding the default ontology mapping (see Ontologies/MAPPING.md).", example: "shop.map")
    public static let idNamespace = Setting("id_namespace", .text, placeholder: "IRI", help:
        "RDF: strip this namespace from IRIs to make short ids (repeatable).", repeatable: true,
        example: "https://shop.example/")
    public static let base = Setting("base", .text, placeholder: "IRI", help: "RDF/XML, Turtle, JSON-LD: the document's base IRI.",
        example: "https://shop.example/catalog")
    public static let documents = Setting("documents", .text, placeholder: "IRI-PREFIX=DIR", help:
        "JSON-LD: read remote contexts whose IRI starts with IRI-PREFIX from the directory DIR (repeatable); "
        + "kgrec never uses the network.", repeatable: true, example: "https://schema.org/=contexts")
    public static let splitDirectory = Setting("split_dir", .text, placeholder: "DIR", help:
        "KGCN: the directory of the fixed split (default: DIR/split when present).", example: "split")
    public static let seed = Setting.number(.seed, placeholder: "N", help:
        "Book-Crossing: the seed of the 6:2:2 split (default \(ImportOptions().seed)).", example: "9")
    public static let strict = Setting("strict", .toggle, help:
        "Fail on defects that are otherwise warnings (a malformed IRI, an ill-typed literal).", example: "true")

    public static let mode = Setting("mode", .choice(ImportOptions.UpdateMode.allCases.map(\.rawValue)), placeholder: "MODE",
        help: "replace (RDF's default: a described subject's properties and relations become the file's) or merge "
            + "(add to what is stored; interactions' default).", example: "merge")
    public static let createMissing = Setting("create_missing", .toggle, help:
        "CSV/TSV into a store with a catalog: create the items it does not know (default: an error).", example: "true")
    public static let skipMissing = Setting("skip_missing", .toggle, help:
        "CSV/TSV into a store with a catalog: skip the rows naming items it does not know, and count them.",
        example: "true")

    /// Every import option, in `--help` order.
    public static let all = [format, delimiter, header, userColumn, itemColumn, weightColumn, timestampColumn, relationColumn,
                             splitColumn, relation, userPrefix, itemPrefix, mapping, idNamespace, base, documents, splitDirectory, seed,
                             strict, mode, createMissing, skipMissing]

    /// The options that name files, which statements may read only inside their allowed directories.
    public static let paths = [mapping, documents, splitDirectory]

    /// The `--documents IRI-PREFIX=DIR` mappings `values` give.
    static func documentMappings(_ values: [SettingValues.Value]) throws(SettingError) -> [JSONLDDocumentLoader.Mapping] {
        var mappings: [JSONLDDocumentLoader.Mapping] = []
        for value in values {
            guard let mapping = JSONLDDocumentLoader.Mapping(option: value.text) else {
                throw SettingError(documents, value, takes: "IRI-PREFIX=DIR")
            }
            mappings.append(mapping)
        }
        return mappings
    }

    private static func column(_ name: String, _ help: String, _ example: String) -> Setting {
        Setting(name, .text, placeholder: "NAME|N", help: "CSV/TSV: " + help, example: example)
    }

    /// The import options `values` give.
    public static func options(_ values: SettingValues) throws(SettingError) -> ImportOptions {
        let read = SettingReader(values: values)
        var options = ImportOptions()
        if let value = read.value(format) {
            guard let parsed = ImportFormat(name: value.text) else {
                let names = ImportFormat.allCases.map(\.rawValue)
                throw SettingError(format, value, takes: SettingReader.alternatives(names),
                                   suggestion: Suggestion.closest(to: value.text, in: names))
            }
            options.format = parsed
        }
        if let value = read.value(delimiter) {
            switch value.text.lowercased() {
            case "tab", "\\t", "\t": options.delimiter = "\t"
            case "space", " ": options.delimiter = " "
            default:
                guard value.text.count == 1 else { throw SettingError(delimiter, value, takes: "one character or 'tab'") }
                options.delimiter = value.text.first
            }
        }
        options.header = try read.toggle(header)
        options.userColumn = read.text(userColumn)
        options.itemColumn = read.text(itemColumn)
        options.weightColumn = read.text(weightColumn)
        options.timestampColumn = read.text(timestampColumn)
        options.relationColumn = read.text(relationColumn)
        options.splitColumn = read.text(splitColumn)
        if let v = read.text(relation) { options.relation = v }
        if let v = read.text(userPrefix) { options.userPrefix = v }
        if let v = read.text(itemPrefix) { options.itemPrefix = v }
        options.mappingFile = read.text(mapping)
        options.idNamespaces = read.texts(idNamespace)
        options.baseIRI = read.text(base)
        options.documents = try documentMappings(read.values.all(documents.name))
        options.splitDirectory = read.text(splitDirectory)
        if let v = try read.integer(seed) { options.seed = UInt64(v) }
        options.strict = try read.toggle(strict) ?? false
        if let value = read.value(mode) {
            let names = ImportOptions.UpdateMode.allCases.map(\.rawValue)
            guard let parsed = ImportOptions.UpdateMode(rawValue: value.text.lowercased()) else {
                throw SettingError(mode, value, takes: SettingReader.alternatives(names),
                                   suggestion: Suggestion.closest(to: value.text, in: names))
            }
            options.mode = parsed
        }
        let create = try read.toggle(createMissing) ?? false, skip = try read.toggle(skipMissing) ?? false
        if create && skip, let value = read.value(skipMissing) {
            throw SettingError(at: value) { form in
                "\(createMissing.named(form)) and \(skipMissing.named(form)) exclude each other; give one"
            }
        }
        options.missingItems = create ? .create : skip ? .skip : .error
        return options
    }
}
