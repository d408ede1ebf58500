import KGRecKit

/// `kgrec convert FILE --to nt|nq`: print the triples an RDF file parses to, as rapper or riot do.
enum ConvertCommand {
    static let spec = CommandSpec(
        name: "convert", summary: "Print the triples an RDF file parses to, as N-Triples or N-Quads.",
        usage: "kgrec convert <file> --to nt|nq [--format ntriples|rdfxml|turtle|jsonld] [--base IRI] [--documents IRI-PREFIX=DIR]",
        discussion: """
        Reads N-Triples, RDF/XML, Turtle or JSON-LD (detected from the extension or content) and
        writes canonical N-Triples (nt) or N-Quads (nq, which keep JSON-LD's named graphs) to
        standard output. On bad input it stops with file:line:column and exit status 65.
          kgrec convert catalog.rdf --to nt > catalog.nt
          kgrec convert page.jsonld --to nq --documents https://schema.org/=contexts
        """,
        positionals: [PositionalSpec(name: "file", help: "The RDF file to read ('-' is not supported).")],
        options: [
            .value("--to", "FORMAT", "The output format: nt (N-Triples) or nq (N-Quads)."),
            .value("--format", "FORMAT", "Force the input format: ntriples, rdfxml, turtle or jsonld."),
            .value("--base", "IRI", "RDF/XML, Turtle, JSON-LD: the document's base IRI (default: the file's file:// IRI)."),
            .value("--documents", "IRI-PREFIX=DIR", "JSON-LD: read remote contexts under IRI-PREFIX from DIR "
                   + "(repeatable); kgrec never uses the network.", repeatable: true),
            .flag("--strict", "Fail on defects that are otherwise warnings."),
        ],
        run: { args, console in
            let to = try args.choice("--to", ["nt", "nq"], default: "nt")
            guard args.string("--to") != nil else {
                throw UsageError(message: "missing '--to nt' or '--to nq': the output format (N-Triples or N-Quads)", command: "convert")
            }
            var options = ImportOptions()
            if let format = args.string("--format") {
                guard let parsed = ImportFormat(name: format), parsed.isRDF else {
                    throw UsageError(message: "option '--format' takes ntriples, rdfxml, turtle or jsonld, not '\(format)'",
                                     command: "convert")
                }
                options.format = parsed
            }
            options.baseIRI = args.string("--base")
            for mapping in args.strings("--documents") {
                guard options.addDocuments(mapping) else {
                    throw UsageError(message: "option '--documents' takes IRI-PREFIX=DIR, not '\(mapping)'", command: "convert")
                }
            }
            options.strict = args.flag("--strict")
            let path = args.positional(0)!
            if let descriptor = console.outputFileDescriptor {
                if to == "nq" { try Conversion.nQuads(path: path, options: options, toFileDescriptor: descriptor) }
                else { try Conversion.nTriples(path: path, options: options, toFileDescriptor: descriptor) }
            } else {
                var text = ""
                if to == "nq" { try Conversion.nQuads(path: path, options: options, into: &text) }
                else { try Conversion.nTriples(path: path, options: options, into: &text) }
                console.out(text)
            }
            return ExitCode.success
        })
}
