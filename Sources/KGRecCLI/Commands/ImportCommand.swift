import KGRecKit

/// `kgrec import FILE|DIR`: one file or benchmark directory into the store, in one transaction.
enum ImportCommand {
    static let spec = CommandSpec(
        name: "import", summary: "Import interactions, an ontology or a benchmark dataset into the store.",
        usage: "kgrec import <file-or-directory> [--format FORMAT] [--store PATH] [options]",
        discussion: """
        Formats (detected from the extension, the directory's files or the content; --format forces one):
          ntriples, rdfxml, turtle  RDF, mapped to categories, tags, labels, properties and relations
          jsonld                    JSON-LD 1.1, as RDF (remote contexts only from --documents directories)
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
        options: StoreOption.specs + SettingFlags.specs(ImportSettings.all),
        run: { args, console in
            let options = try importOptions(args)
            let path = args.positional(0)!
            let workspace = try StoreOption.workspace(args, console)
            let outcome = try workspace.importData(path: path, options: options)
            for warning in outcome.warnings.prefix(20) { console.err("\(warning)\n") }
            if outcome.warnings.count > 20 { console.err("… and \(outcome.warnings.count - 20) more warnings\n") }
            console.line(ReportText.imported(outcome, into: workspace.storePath))
            return ExitCode.success
        })

    static func importOptions(_ args: ParsedArguments) throws -> ImportOptions {
        let values = try SettingFlags.values(args, ImportSettings.all)
        return try SettingFlags.reading(args) { () throws(SettingError) in try ImportSettings.options(values) }
    }
}
