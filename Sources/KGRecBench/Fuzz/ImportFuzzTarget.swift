import Foundation
import KGImport
import KGRecKit

/// Feeds mutated files to one importer, then to a store: a file that parses is imported into a
/// store already holding the seed (so kind conflicts and duplicates happen), and a failed
/// import must leave that store byte for byte as it was.
public final class ImportFuzzTarget: FuzzTarget {
    /// Which file a case replaces.
    enum Shape {
        /// The input file itself, at this name.
        case file(String)
        /// One file of a benchmark layout (the case's slot); the others keep their seed text.
        case layout([String: [UInt8]])
        /// The mapping file (at this name) of an import of a fixed N-Triples document.
        case mapping(String, document: [UInt8])
    }

    public let name: String
    public let seeds: [FuzzInput]
    public let dictionary: [String]
    private let options: ImportOptions
    private let shape: Shape
    private let files: PrivateDirectory
    private let scratch: PrivateDirectory
    private let storePath: String
    private let pristine: Data
    private var parseFailures = 0

    init(name: String, format: ImportFormat, shape: Shape, seeds: [FuzzInput], dictionary: [String]) throws(KGRecError) {
        self.name = name
        self.seeds = seeds
        self.dictionary = dictionary
        self.shape = shape
        var options = ImportOptions()
        options.format = format
        files = try PrivateDirectory(prefix: "kgrec-fuzz-\(name)")
        scratch = try PrivateDirectory(prefix: "kgrec-fuzz-store")
        storePath = scratch.file("store.db")
        switch shape {
        case .file: break
        case .layout(let layout): for (file, bytes) in layout { try files.write(file, bytes) }
        case .mapping(let file, let document):
            try files.write("document.nt", document)
            options.mappingFile = files.file(file)
        }
        self.options = options
        let first = try ImportFuzzTarget.place(seeds[0], in: files, shape: shape)
        let workspace = Session(storePath: storePath)
        _ = try workspace.importData(path: first, options: options)
        workspace.close()
        guard let bytes = FileManager.default.contents(atPath: storePath) else {
            throw .failed("fuzz \(name): cannot read the store it made at '\(storePath)'")
        }
        pristine = bytes
    }

    /// Writes `input` where the importer reads it; returns the path to import.
    private static func place(_ input: FuzzInput, in files: PrivateDirectory, shape: Shape) throws(KGRecError) -> String {
        func replace(_ name: String, _ bytes: [UInt8]) throws(KGRecError) {
            unlink(files.file(name))
            try files.write(name, bytes)
        }
        switch shape {
        case .file(let name):
            try replace(name, input.bytes)
            return files.file(name)
        case .layout(let layout):
            // Put back the layout's other files, which an earlier case may have replaced.
            for (name, bytes) in layout { try replace(name, name == input.slot ? input.bytes : bytes) }
            return files.path
        case .mapping(let name, _):
            try replace(name, input.bytes)
            return files.file("document.nt")
        }
    }

    public func run(_ input: FuzzInput) -> FuzzVerdict {
        let path: String
        do { path = try ImportFuzzTarget.place(input, in: files, shape: shape) } catch {
            return .defect("the fuzzer could not write its input: \(error)")
        }
        do {
            _ = try Importer.load(path: path, options: options)
        } catch {
            if let defect = ImportFuzzTarget.verdict(error, names: [path, files.path]) { return defect }
            // Parse failures never reach the store; every 25th goes through it to prove it.
            parseFailures += 1
            guard parseFailures % 25 == 0 else { return .rejected }
        }
        return importIntoStore(path)
    }

    /// Imports `path` into the seeded store; checks a failure left it unchanged, and restores
    /// it after a success.
    private func importIntoStore(_ path: String) -> FuzzVerdict {
        let workspace = Session(storePath: storePath)
        do {
            _ = try workspace.importData(path: path, options: options)
            workspace.close()
            restoreStore()
            return .accepted
        } catch {
            workspace.close()
            let now = FileManager.default.contents(atPath: storePath)
            let wal = FileManager.default.contents(atPath: storePath + "-wal") ?? Data()
            guard now == pristine, wal.isEmpty else {
                restoreStore()
                return .defect("a failed import changed the store: \(error)")
            }
            switch error {
            case .importFailed(let importError):
                return ImportFuzzTarget.verdict(importError, names: [path, files.path]) ?? .rejected
            case .store(.sqlite(let code, let message, _)):
                return .defect("SQLite error \(code) reached the user: \(message)")
            default:
                return FuzzChecks.messageLength(error.description, names: [path, files.path, storePath]) ?? .rejected
            }
        }
    }

    private func restoreStore() {
        for suffix in ["-wal", "-shm", "-journal"] { unlink(storePath + suffix) }
        try? Files.replace(storePath, with: pristine)
    }

    /// A defect when an import error lacks its position, reports an internal error, or quotes too much.
    static func verdict(_ error: ImportError, names: [String]) -> FuzzVerdict? {
        switch error {
        case .syntax(let location, let message), .invalidGraph(let location, let message):
            if location.line < 1 || location.column < 1 { return .defect("no position: \(error)") }
            if message.contains("internal error") { return .defect("\(error)") }
        default:
            break
        }
        return FuzzChecks.messageLength(error.description, names: names)
    }
}

extension ImportFuzzTarget {
    /// One target per reader kgrec has.
    public static func all() throws(KGRecError) -> [ImportFuzzTarget] {
        let delimited = [",", ";", "\t", "\"", "\"\"", "\n", "\r\n", "\r", " ", "user", "item", "u1", "i1", "\u{FEFF}"]
        let rdf = ["<", ">", "\"", "\\", "\\u0000", "\\U0001F600", "@en", "^^", "_:b1", " .", "#", "<https://schema.org/Product>",
                   "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "http:/www.x", "\"\"\""]
        let xml = ["<rdf:Description>", "</rdf:Description>", "rdf:about=\"x\"", "rdf:resource=\"#a\"", "rdf:parseType=\"Literal\"",
                   "rdf:parseType=\"Resource\"", "rdf:parseType=\"Collection\"", "xmlns:ex=\"http://ex/\"", "xml:base=\"../a\"",
                   "rdf:ID=\"a\"", "rdf:nodeID=\"n\"", "&amp;", "&#0;", "<!DOCTYPE rdf:RDF [<!ENTITY e \"x\">]>", "&e;",
                   "<![CDATA[", "]]>", "xml:lang=\"en\"", "rdf:datatype=\"xsd:float\"", "<rdf:li>", "<!--", "-->"]
        let turtle = rdf + ["@prefix", "@base", "PREFIX", "BASE", "s:", ":", " a ", ";", ",", "[", "]", "(", ")", "'",
                            "'''", "true", "1.5e3", ".5", "-7", "\\~", "%2", "\r\n", "\u{0}"]
        let jsonld = ["{", "}", "[", "]", ":", ",", "\"", "\\u00e9", "\\ud83d\\ude00", "null", "true", "-0.5e-3", "1e400",
                      "\"@context\"", "\"@id\"", "\"@type\"", "\"@graph\"", "\"@list\"", "\"@set\"", "\"@reverse\"",
                      "\"@nest\"", "\"@included\"", "\"@json\"", "\"@value\"", "\"@language\"", "\"@index\"",
                      "\"@container\"", "\"@vocab\"", "\"@base\"", "\"@protected\"", "\"@propagate\"", "\"@import\"",
                      "\"_:b1\"", "\"s:\"", "\"https://schema.org\"", "\"../\""]
        let numbers = [" ", "\t", "\n", "0", "1", "-1", "99999999999999999999", "2147483648", "1.5", "x", "\r\n"]
        let mapping = ["prefix", "property", "category", "tag", "relation", "entity-relation", "ignore", "<", ">", "/", "^",
                       "[", "]", "|", "number", "string", "#", ":"]
        return [
            try file("csv", .csv, "input.csv", FuzzSeeds.csv, delimited),
            try file("tsv", .tsv, "input.tsv", FuzzSeeds.tsv, delimited),
            try file("ntriples", .ntriples, "input.nt", FuzzSeeds.ntriples, rdf),
            try file("rdfxml", .rdfxml, "input.rdf", FuzzSeeds.rdfxml, xml),
            try file("turtle", .turtle, "input.ttl", FuzzSeeds.turtle, turtle),
            try file("jsonld", .jsonld, "input.jsonld", FuzzSeeds.jsonld, jsonld),
            try layout("kgat", .kgat, FuzzSeeds.kgat, numbers),
            try layout("kgcn", .kgcn, FuzzSeeds.kgcn, numbers + delimited),
            try layout("bookcrossing", .bookcrossing, FuzzSeeds.bookCrossing, numbers),
            try file("recbole", .recbole, "input.inter", FuzzSeeds.recbole,
                     delimited + [":token", ":float", ":token_seq", "user_id", "item_id"]),
            try ImportFuzzTarget(name: "mapping", format: .ntriples,
                                 shape: .mapping("shop.map", document: Array(FuzzSeeds.ntriples[0].utf8)),
                                 seeds: FuzzSeeds.mapping.map { FuzzInput($0) }, dictionary: mapping),
        ]
    }

    private static func file(_ name: String, _ format: ImportFormat, _ fileName: String, _ seeds: [String],
                             _ dictionary: [String]) throws(KGRecError) -> ImportFuzzTarget {
        try ImportFuzzTarget(name: name, format: format, shape: .file(fileName), seeds: seeds.map { FuzzInput($0) },
                             dictionary: dictionary)
    }

    private static func layout(_ name: String, _ format: ImportFormat, _ files: [String: String],
                               _ dictionary: [String]) throws(KGRecError) -> ImportFuzzTarget {
        let names = files.keys.sorted()
        return try ImportFuzzTarget(name: name, format: format, shape: .layout(files.mapValues { Array($0.utf8) }),
                                    seeds: names.map { FuzzInput(slot: $0, files[$0]!) }, dictionary: dictionary)
    }
}
