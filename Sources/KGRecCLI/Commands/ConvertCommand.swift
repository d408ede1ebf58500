import KGRecKit

/// `kgrec convert FILE --to nt`: print the triples an RDF file parses to, as rapper or riot do.
enum ConvertCommand {
    static let spec = CommandSpec(
        name: "convert", summary: "Print the triples an RDF file parses to, as N-Triples.",
        usage: "kgrec convert <file> --to nt [--format ntriples|rdfxml|turtle] [--base IRI]",
        discussion: """
        Reads N-Triples, RDF/XML or Turtle (detected from the extension or content) and writes
        canonical N-Triples to standard output. On bad input it stops with file:line:column and
        exit status 65.
          kgrec convert catalog.rdf --to nt > catalog.nt
        """,
        positionals: [PositionalSpec(name: "file", help: "The RDF file to read ('-' is not supported).")],
        options: [
            .value("--to", "FORMAT", "The output format: nt (N-Triples)."),
            .value("--format", "FORMAT", "Force the input format: ntriples, rdfxml or turtle."),
            .value("--base", "IRI", "RDF/XML, Turtle: the document's base IRI (default: the file's file:// IRI)."),
            .flag("--strict", "Fail on defects that are otherwise warnings."),
        ],
        run: { args, console in
            _ = try args.choice("--to", ["nt"], default: "nt")
            guard args.string("--to") != nil else {
                throw UsageError(message: "missing '--to nt': N-Triples is the output format", command: "convert")
            }
            var options = ImportOptions()
            if let format = args.string("--format") {
                guard let parsed = ImportFormat(name: format), parsed.isRDF else {
                    throw UsageError(message: "option '--format' takes ntriples, rdfxml or turtle, not '\(format)'", command: "convert")
                }
                options.format = parsed
            }
            options.baseIRI = args.string("--base")
            options.strict = args.flag("--strict")
            let path = args.positional(0)!
            if let descriptor = console.outputFileDescriptor {
                try Conversion.nTriples(path: path, options: options, toFileDescriptor: descriptor)
            } else {
                var text = ""
                try Conversion.nTriples(path: path, options: options, into: &text)
                console.out(text)
            }
            return ExitCode.success
        })
}
