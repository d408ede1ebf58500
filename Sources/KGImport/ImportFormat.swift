#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The input formats `Importer.load` reads.
public enum ImportFormat: String, CaseIterable, Sendable {
    /// N-Triples 1.1 (`.nt`), mapped to a graph by the ontology mapping.
    case ntriples
    /// RDF/XML (`.rdf`, `.owl`, `.xml`), mapped like N-Triples.
    case rdfxml
    /// Turtle 1.1 (`.ttl`), mapped like N-Triples.
    case turtle
    /// JSON-LD 1.1 (`.jsonld`), turned into RDF and mapped like N-Triples.
    case jsonld
    /// Comma-separated interactions (`.csv`); the delimiter is sniffed unless given.
    case csv
    /// Tab-separated interactions (`.tsv`, `.tab`).
    case tsv
    /// KGCN's layout: `user_artists.dat`, `item_index2entity_id.txt`, `kg.txt`, optional `split/`.
    case kgcn
    /// RippleNet/KGCN Book-Crossing: `ratings_final.txt` and `kg_final.txt`.
    case bookcrossing
    /// KGAT/LightGCN: `train.txt`, `test.txt`, optional `kg_final.txt` and `*_list.txt` files.
    case kgat
    /// RecBole atomic files: `<name>.inter`, optional `<name>.kg` and `<name>.link`.
    case recbole

    /// Parses a `--format` value: a case name or a common alias (`nt`, `n-triples`, `rdf`,
    /// `xml`, `ttl`, `json-ld`, `book-crossing`, `lightgcn`, `gowalla`).
    public init?(name: String) {
        let key = name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != "/" }
        switch key {
        case "ntriples", "nt": self = .ntriples
        case "rdfxml", "rdf", "xml", "owl": self = .rdfxml
        case "turtle", "ttl": self = .turtle
        case "jsonld": self = .jsonld
        case "csv": self = .csv
        case "tsv", "tab": self = .tsv
        case "kgcn", "lastfm": self = .kgcn
        case "bookcrossing", "ripplenet": self = .bookcrossing
        case "kgat", "lightgcn", "ngcf", "gowalla": self = .kgat
        case "recbole", "atomic": self = .recbole
        default: return nil
        }
    }

    /// Whether the format describes RDF triples (and so goes through the ontology mapping).
    public var isRDF: Bool { self == .ntriples || self == .rdfxml || self == .turtle || self == .jsonld }

    /// Tells the format of `path`: a directory by the files it holds, a file by its extension,
    /// and a file with another extension by its first bytes (XML, Turtle, JSON-LD, N-Triples,
    /// else CSV).
    public static func detect(path: String) throws(ImportError) -> ImportFormat {
        if path == "-" {
            throw .unknownFormat(path: "<stdin>", hint: "give --format when reading standard input")
        }
        if isDirectory(path) { return try detectLayout(directory: path) }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.contains(".") ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        switch ext {
        case "nt": return .ntriples
        case "rdf", "owl", "rdfs", "xml": return .rdfxml
        case "ttl": return .turtle
        case "jsonld": return .jsonld
        case "csv": return .csv
        case "tsv", "tab": return .tsv
        case "inter": return .recbole
        case "n3", "trig", "nq":
            throw .unknownFormat(path: path, hint: "'.\(ext)' files are not supported; convert them to "
                                 + "N-Triples (for example `riot --output=nt` or `rapper -o ntriples`)")
        default: return try sniff(path: path)
        }
    }

    /// The benchmark layout a directory holds.
    static func detectLayout(directory: String) throws(ImportError) -> ImportFormat {
        let files = Set(listDirectory(directory))
        if files.contains("user_artists.dat") || files.contains("item_index2entity_id.txt") && files.contains("kg.txt") {
            return .kgcn
        }
        if files.contains("ratings_final.txt") { return .bookcrossing }
        if files.contains("train.txt") || files.contains("test.txt") { return .kgat }
        if files.contains(where: { $0.hasSuffix(".inter") }) { return .recbole }
        throw .unknownFormat(path: directory, hint: "the directory holds no benchmark layout kgrec knows "
                             + "(KGCN user_artists.dat, Book-Crossing ratings_final.txt, KGAT train.txt, "
                             + "RecBole *.inter); give --format")
    }

    /// Looks at the first non-blank, non-comment line: an XML declaration, comment or DOCTYPE,
    /// or an element of a document that names the RDF namespace, is RDF/XML; a Turtle directive
    /// (`@prefix`, `@base`, `PREFIX p: <`, `BASE <`) is Turtle; JSON (`{` or `[`) whose first
    /// 4 KiB name `"@context"` or `"@id"` is JSON-LD; a line opening with an IRI term
    /// and another term (or `_:`) is N-Triples; anything else is CSV.
    static func sniff(path: String) throws(ImportError) -> ImportFormat {
        let input = try InputBytes(path: path, checkingText: false)
        let head = String(decoding: UnsafeBufferPointer(rebasing: input.bytes.prefix(4096)), as: UTF8.self)
        let lines = head.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { $0.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" } }
            .filter { !$0.isEmpty }
        guard let first = lines.first(where: { !$0.hasPrefix("#") }) ?? lines.first else {
            throw .unknownFormat(path: path, hint: "the file is empty; give --format")
        }
        if first.hasPrefix("<?") || first.hasPrefix("<!") { return .rdfxml }  // XML declaration, comment, DOCTYPE
        if first.hasPrefix("_:") { return .ntriples }
        if isTurtleDirective(first) { return .turtle }
        if first.hasPrefix("{") || first.hasPrefix("["), head.contains("\"@context\"") || head.contains("\"@id\"") {
            return .jsonld
        }
        guard first.hasPrefix("<") else { return .csv }
        // N-Triples opens with an IRI term, `<…>` without spaces, then another term.
        if let close = first.firstIndex(of: ">"), !first[..<close].contains(" ") {
            let rest = first[first.index(after: close)...].drop { $0 == " " || $0 == "\t" }
            if rest.hasPrefix("<") || rest.hasPrefix("_:") { return .ntriples }
        }
        return RDFXMLReader.looksLikeRDFXML(input.bytes.prefix(RDFXMLReader.sniffLength)) ? .rdfxml : .ntriples
    }

    /// Whether `line` opens with a Turtle directive: `@prefix` or `@base`, or the SPARQL forms
    /// (any case) followed by what they must hold, so that a CSV header such as `base,price`
    /// is not taken for one.
    static func isTurtleDirective(_ line: Substring) -> Bool {
        if line.hasPrefix("@prefix ") || line.hasPrefix("@prefix\t") || line.hasPrefix("@base ") || line.hasPrefix("@base<")
            || line.hasPrefix("@base\t") {
            return true
        }
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count >= 2 else { return false }
        switch words[0].lowercased() {
        case "base": return words[1].hasPrefix("<")
        case "prefix": return words[1].hasSuffix(":") && words.count >= 3 && words[2].hasPrefix("<")
        default: return false
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func fileExists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The size of a regular file in bytes (0 for anything else, standard input included).
    static func fileSize(_ path: String) -> Int {
        var info = stat()
        guard path != "-", stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return 0 }
        return Int(info.st_size)
    }

    /// The names in a directory, sorted (empty when it cannot be read).
    static func listDirectory(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
