import KGImport
import KGGraph
import KGRecKit

/// `kgrec import FILE|DIR`: one file or benchmark directory into the store, in one transaction.
enum ImportCommand {
    static let spec = CommandSpec(
        name: "import", summary: "Import interactions, an ontology or a benchmark dataset into the store.",
        usage: "kgrec import <file-or-directory> [--format FORMAT] [--store PATH] [options]",
        discussion: """
        Formats (detected from the extension, the directory's files or the content; --format forces one):
          ntriples, rdfxml          RDF, mapped to categories, tags, labels, properties and relations
          csv, tsv                  interactions: user,item[,weight][,timestamp] (header detected)
          kgcn                      KGCN Last.FM (user_artists.dat, item_index2entity_id.txt, kg.txt, split/)
          bookcrossing              KGCN/RippleNet Book-Crossing (ratings_final.txt, kg_final.txt)
          kgat                      KGAT/LightGCN/NGCF (train.txt, test.txt, optional kg_final.txt)
          recbole                   RecBole atomic files (NAME.inter, NAME.kg, NAME.link)

        The whole file is parsed before the store is touched, and written in one transaction:
        a file with an error changes nothing and reports file:line:column.

        Examples:
          kgrec import ../shared/datasets/gowalla --store gowalla.db
          kgrec import clicks.csv --user-col visitor --item-col sku --relation viewed
          kgrec import catalog.nt --id-namespace https://shop.example/
        """,
        positionals: [PositionalSpec(name: "path", help: "The file or benchmark directory to import.")],
        options: [
            StoreOption.spec, StoreOption.waitSpec,
            .value("--format", "FORMAT", "Force the format: " + ImportFormat.allCases.map(\.rawValue).joined(separator: ", ") + "."),
            .value("--delimiter", "CHAR", "CSV/TSV field separator ('tab', ',', ';'…); sniffed when absent."),
            .flag("--header", "CSV/TSV: the first row is a header (detected when neither flag is given)."),
            .flag("--no-header", "CSV/TSV: the first row is data."),
            .value("--user-col", "NAME|N", "CSV/TSV: the user column, by header name or 1-based position."),
            .value("--item-col", "NAME|N", "CSV/TSV: the item column."),
            .value("--weight-col", "NAME|N", "CSV/TSV: the weight (rating, count) column."),
            .value("--timestamp-col", "NAME|N", "CSV/TSV: the timestamp column (epoch seconds or ISO-8601)."),
            .value("--relation-col", "NAME|N", "CSV/TSV: a column naming each row's relation (viewed, bought…)."),
            .value("--split-col", "NAME|N", "CSV/TSV: a column giving each row's split (train, valid, test)."),
            .value("--relation", "NAME", "The relation of interactions when the file names none (default: interacted)."),
            .value("--user-prefix", "TEXT", "Prepend to every user id (to keep user and item ids apart)."),
            .value("--item-prefix", "TEXT", "Prepend to every item id (and a benchmark layout's KG entity ids)."),
            .value("--mapping", "FILE", "RDF: a mapping file overriding the default ontology mapping (see Ontologies/MAPPING.md)."),
            .value("--id-namespace", "IRI", "RDF: strip this namespace from IRIs to make short ids (repeatable).", repeatable: true),
            .value("--base", "IRI", "RDF/XML: the document's base IRI."),
            .value("--split-dir", "DIR", "KGCN: the directory of the fixed split (default: DIR/split when present)."),
            .value("--seed", "N", "Book-Crossing: the seed of the 6:2:2 split (default 555)."),
            .flag("--strict", "Fail on defects that are otherwise warnings (a malformed IRI, an ill-typed literal)."),
        ],
        run: { args, console in
            let options = try importOptions(args)
            let path = args.positional(0)!
            let workspace = try StoreOption.workspace(args, console)
            let outcome = try workspace.importData(path: path, options: options)
            for warning in outcome.warnings.prefix(20) { console.err("\(warning)\n") }
            if outcome.warnings.count > 20 { console.err("… and \(outcome.warnings.count - 20) more warnings\n") }
            console.line("Imported \(path) into \(workspace.storePath) in \(fixed(outcome.seconds, 2)) s")
            console.line("  " + outcome.summary.description)
            let r = outcome.report
            console.line("  store revision \(r.revision): \(grouped(r.nodesAdded)) new nodes, \(grouped(r.edgesAdded)) new edges"
                         + (r.edgesUpdated > 0 ? ", \(grouped(r.edgesUpdated)) updated" : ""))
            return ExitCode.success
        })

    static func importOptions(_ args: ParsedArguments) throws -> ImportOptions {
        var options = ImportOptions()
        if let format = args.string("--format") {
            guard let parsed = ImportFormat(name: format) else {
                let names = ImportFormat.allCases.map(\.rawValue)
                throw UsageError(message: "unknown format '\(format)'" + Suggestion.hint(for: format, in: names), command: args.command)
            }
            options.format = parsed
        }
        if let delimiter = args.string("--delimiter") {
            switch delimiter.lowercased() {
            case "tab", "\\t": options.delimiter = "\t"
            case "space": options.delimiter = " "
            default:
                guard delimiter.count == 1 else {
                    throw UsageError(message: "option '--delimiter' takes one character or 'tab', not '\(delimiter)'",
                                     command: args.command)
                }
                options.delimiter = delimiter.first
            }
        }
        if args.flag("--header") && args.flag("--no-header") {
            throw UsageError(message: "give '--header' or '--no-header', not both", command: args.command)
        }
        if args.flag("--header") { options.header = true }
        if args.flag("--no-header") { options.header = false }
        options.userColumn = args.string("--user-col")
        options.itemColumn = args.string("--item-col")
        options.weightColumn = args.string("--weight-col")
        options.timestampColumn = args.string("--timestamp-col")
        options.relationColumn = args.string("--relation-col")
        options.splitColumn = args.string("--split-col")
        if let relation = args.string("--relation") { options.relation = relation }
        if let prefix = args.string("--user-prefix") { options.userPrefix = prefix }
        if let prefix = args.string("--item-prefix") { options.itemPrefix = prefix }
        options.mappingFile = args.string("--mapping")
        options.idNamespaces = args.strings("--id-namespace")
        options.baseIRI = args.string("--base")
        options.splitDirectory = args.string("--split-dir")
        if let seed = try args.integer(.seed) { options.seed = UInt64(seed) }
        options.strict = args.flag("--strict")
        return options
    }
}
