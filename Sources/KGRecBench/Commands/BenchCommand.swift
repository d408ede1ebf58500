import Foundation
import KGAutodiff
import KGGraph
import KGImport
import KGJSON
import KGModels
import KGQuery
import KGRecCLI
import KGRecKit
import KGStore
import KGTensor

/// `kgrec bench <what>`: the benchmark commands behind BENCHMARKS.md. Every figure is
/// printed as one JSON line so runs can be compared; build with `swift build -c release`.
enum BenchCommand {
    static let kinds = ["import", "snapshot", "kernels", "train", "kg-effect", "leaderboard", "query", "coldstart", "explain",
                        "fuzz"]

    static let spec = CommandSpec(
        name: "bench", summary: "Measure kgrec's speed: import, snapshot, kernels, training, queries.",
        usage: "kgrec bench <import|snapshot|kernels|train|kg-effect|leaderboard|query|coldstart|explain|fuzz> [options]",
        discussion: """
        bench import [--file F.nt|F.ttl|F.rdf] [--dataset DIR] [--runs N]
            Parsing rate of an N-Triples or Turtle file (repeated 20 times in memory) or an
            RDF/XML file (streamed from disk); with none, 2M synthetic N-Triples. With
            --dataset, the parse of a dataset into a delta and its import into a new store (in
            a private temporary directory, removed afterwards).
        bench import --synthetic-rdfxml N [--runs N]
            Writes an RDF/XML file of N resources (9 triples each) to a private temporary
            directory, measures it and removes it.
        bench snapshot --store S [--runs N]
            Building the in-memory snapshot (CSR per relation) from a store.
        bench kernels [--dataset GOWALLA_DIR] [--runs N]
            GEMM on the GNN shapes, CSR × dense on Gowalla's normalised adjacency, fused top-20;
            1 and 2 threads. BENCHMARKS.md has the numpy/scipy lines they are compared with.
        bench train --dataset DIR --model M [--epochs N] [training options of 'kgrec train'] [--monitor N]
            Imports a dataset in memory, trains, evaluates after each epoch and on test at the end;
            one JSON line per epoch (loss, seconds, metrics), then a final line with peak RSS.
            --model kgcn on a KGCN-layout directory starts from the paper's settings for the
            dataset, reports CTR AUC/F1 and Recall/NDCG@20 per epoch and stops on the valid AUC
            (on --metric when given); --neighbours, --aggregator, --rank-every apply to it.
            --kg none|shuffled trains without the knowledge graph, or with each relation's tails
            shuffled (default real: as imported).
        bench kg-effect --dataset DIR --model M [--seeds N] [training options of 'bench train']
            Does the knowledge graph help? Trains M with the knowledge graph as imported, without
            it and with its tails shuffled, for seeds 1…N (default 3); one JSON line per run (test
            Recall/NDCG at the largest cut-off), then a summary with the means and the paired
            differences real − none and real − shuffled (mean, sd, min, max over the seeds).
        bench leaderboard --dataset DIR [--models M1,M2,…] [--svg FILE] [--seed N] [--threads N]
            Trains or fits every model with its recorded best settings on the dataset (BENCHMARKS.md;
            gfcf, als, kgcn, mf, lightgcn, ngcf, pinsage on lastfm-kgcn; defaults elsewhere), each in
            its own process, and prints one table: test Recall/NDCG@20, wall time (fit and
            evaluation) and peak RSS. Each run's final JSON line goes to standard error as it ends;
            --svg writes a chart of Recall against wall time.
        bench coldstart --dataset DIR [--cold-share F] [--cold-seed N] [training options of 'kgrec train']
            Item cold start: holds out a seeded share of the items (default 0.1) with all their
            interactions, trains PinSage on the rest, then ranks the held-out items for every user
            who interacted with one: PinSage from graph features alone, the 'paths' scorer and
            popularity (all zero for held-out items: a seeded random order). Recall/NDCG@K on
            those interactions.
        bench query --store S (--queries FILE | --template T --sample N) [--runs N] [--seed N]
            Latency of statements through the query engine on one thread (warm-up pass first):
            p50, p99, mean. FILE holds one statement per line; a template's {user} is replaced by
            N users drawn from the store with the seed.
        bench explain --store S --model M [--via PATH] [--sample N] [--limit K] [--seed N]
            Whether explanations are the model's reasons, over N sampled users (default 500) and
            their top K (default 10): coverage and truth of reasons and sentences; for models that
            recompute without an interaction (lightgcn, ngcf, pinsage, als, gfcf, and mf), the
            score and rank drop when the top reason's interaction is deleted (no retraining)
            beside a random interaction's, and the Spearman agreement of stated contributions with
            measured drops; latency of 'recommend … explain' and 'why'.
        \(fuzzHelp)
        Each line is a JSON object with the median and every run. Use a release build.
        """,
        positionals: [PositionalSpec(name: "what", help: "What to measure: \(kinds.joined(separator: ", ")).")],
        options: [
            StoreOption.spec,
            .value("--file", "FILE", "bench import: an N-Triples, Turtle or RDF/XML file to parse."),
            .value("--dataset", "DIR", "bench import: a dataset file or directory to import."),
            .value("--runs", "N", "How many timed runs (default 5); the median is reported."),
            .value("--synthetic-rdfxml", "N", "bench import: measure a generated RDF/XML file of N resources."),
            .value("--model", "NAME", "bench train: the model to train."),
            .value("--queries", "FILE", "bench query: statements, one per line ('--' comments)."),
            .value("--template", "TEXT", "bench query: a statement with {user}, filled with sampled users."),
            .value("--sample", "N", "bench query, bench explain: how many users to sample (default 500)."),
            .value("--limit", "K", "bench explain: results per user (default 10)."),
            .value("--via", "PATH", "bench explain: the candidates' path (e.g. category), for the paths scorer."),
            .value("--monitor", "N", "bench train, without a valid split: log test metrics every N epochs."),
            .value("--save", "FILE", "bench train: write the kept epoch's checkpoint to FILE (for --init-from)."),
            .value("--holdout", "F", "bench train, without a valid split: hold out a seeded share F of each user's train items as valid."),
            .value("--kg", "MODE", "bench train: the knowledge graph the model sees: real (default), none or shuffled."),
            .value("--seeds", "N", "bench kg-effect: seeds 1…N for each of real, none and shuffled (default 3)."),
            .value("--models", "LIST", "bench leaderboard: the models to run, comma-separated (default: every recorded one)."),
            .value("--svg", "FILE", "bench leaderboard: write a chart of Recall against wall time to FILE."),
            .value("--neighbours", "K", "bench train --model kgcn: neighbours sampled per entity (default 8)."),
            .value("--aggregator", "NAME", "bench train --model kgcn: sum, concat or neighbor (default sum)."),
            .value("--rank-every", "N", "bench train --model kgcn: rank test every N epochs (default 1; 0: at the end)."),
            .value("--cold-share", "F", "bench coldstart: share of the items held out (default 0.1)."),
            .value("--cold-seed", "N", "bench coldstart: seed of the held-out items (default 2026)."),
        ] + fuzzOptions + TrainOptions.specs,
        run: { args, console in
            let kind = args.positional(0)!
            if kind == "fuzz" { return try benchFuzz(args, console) }
            let runs = try args.integer(.runs) ?? 5
            switch kind {
            case "import": try benchImport(args, runs: runs, console)
            case "kernels":
                let gowalla = args.string("--dataset").map { URL(fileURLWithPath: $0) }
                let measurements = try KernelBenchmark.run(gowalla: gowalla, repetitions: args.string("--runs") == nil ? 21 : runs,
                                                           report: { _ in })
                for m in measurements {
                    console.line(JSON.object([("kernel", .string(m.kernel)), ("threads", .int(m.threads)),
                                              ("median_ms", .number(m.milliseconds)), ("gflops", .number(m.gflops))]).text)
                }
            case "train":
                let (dataset, options) = try trainingOptions(args, kind: kind)
                try TrainingBenchmark.run(dataset: dataset, options: options, output: { console.line($0) })
            case "kg-effect":
                let (dataset, options) = try trainingOptions(args, kind: kind)
                try KnowledgeGraphEffect.run(dataset: dataset, options: options, seeds: try args.integer(.seeds) ?? 3,
                                             output: { console.line($0) })
            case "leaderboard": try benchLeaderboard(args, console)
            case "coldstart":
                guard let dataset = args.string("--dataset") else {
                    throw UsageError(message: "bench coldstart needs --dataset DIR", command: "bench")
                }
                var options = ColdStartBenchmark.Options()
                options.training = try TrainOptions.parse(args, model: args.string("--model") ?? "pinsage")
                guard options.training.warmStart == nil else {
                    throw UsageError(message: "bench coldstart trains on fewer items than a saved model has; --init-from does not apply",
                                     command: "bench")
                }
                if let share = try args.number(.coldShare) { options.heldOutShare = share }
                options.seed = UInt64(try args.integer(.coldSeed) ?? 2026)
                try ColdStartBenchmark.run(dataset: URL(fileURLWithPath: dataset), options: options,
                                           output: { console.line($0) })
            case "query": try benchQuery(args, runs: args.string("--runs") == nil ? 3 : runs, console)
            case "explain":
                guard let store = args.string("--store"), let model = args.string("--model") else {
                    throw UsageError(message: "bench explain needs --store PATH and --model NAME", command: "bench")
                }
                var options = ExplanationBenchmark.Options(model: model)
                options.users = try args.integer(.sample) ?? 500
                options.limit = try args.integer(.limit) ?? 10
                options.seed = UInt64(try args.integer(.seed) ?? 2026)
                options.via = args.string("--via")
                let line = try ExplanationBenchmark.run(session: Session(storePath: store), options: options,
                                                        progress: { console.err($0 + "\n") })
                console.line(line.text)
            case "snapshot":
                guard let store = args.string("--store") else {
                    throw UsageError(message: "bench snapshot needs --store PATH", command: "bench")
                }
                report(try StoreBenchmark.snapshot(storePath: store, runs: runs), console)
            default:
                throw UsageError(message: "unknown benchmark '\(kind)'" + Suggestion.hint(for: kind, in: kinds), command: "bench")
            }
            return ExitCode.success
        })

    /// `bench leaderboard`: every recorded model on one dataset, a table and optionally a chart.
    private static func benchLeaderboard(_ args: ParsedArguments, _ console: Console) throws {
        guard let path = args.string("--dataset") else {
            throw UsageError(message: "bench leaderboard needs --dataset DIR", command: "bench")
        }
        let dataset = URL(fileURLWithPath: path)
        let models = args.string("--models").map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        for model in models ?? [] where !ModelCatalog.names.contains(model) {
            throw UsageError(message: "unknown model '\(model)'" + Suggestion.hint(for: model, in: ModelCatalog.names),
                             command: "bench")
        }
        var extra: [String] = []
        for flag in ["--seed", "--threads"] { if let value = args.string(flag) { extra += [flag, value] } }
        let entries = Leaderboard.entries(dataset: dataset.lastPathComponent, models: models)
        let rows = try Leaderboard.run(dataset: dataset, entries: entries, executable: selfExecutable(), cutoff: 20,
                                       extraFlags: extra, progress: { console.err($0 + "\n") })
        for line in Leaderboard.table(rows, cutoff: 20) { console.line(line) }
        if let svg = args.string("--svg") {
            try Files.replace(svg, with: Array(LeaderboardChart.svg(rows, dataset: dataset.lastPathComponent, cutoff: 20).utf8))
            console.err("wrote \(svg)\n")
        }
    }

    /// This program's path, for running its own commands in child processes.
    private static func selfExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// The dataset and the options of `bench train` and `bench kg-effect`.
    private static func trainingOptions(_ args: ParsedArguments, kind: String) throws -> (URL, TrainingBenchmark.Options) {
        guard let dataset = args.string("--dataset"), let model = args.string("--model") else {
            throw UsageError(message: "bench \(kind) needs --dataset DIR and --model NAME", command: "bench")
        }
        var options = TrainingBenchmark.Options(model: model)
        options.training = try TrainOptions.parse(args, model: model)
        options.monitorInterval = try args.integer(.monitor) ?? 0
        if let share = try args.number(.holdout) { options.validationHoldout = share }
        _ = try args.integer(.neighbours)
        _ = try args.integer(.rankEvery)
        options.saveFile = args.string("--save")
        if let text = args.string("--kg") {
            guard let mode = KnowledgeGraphAblation(rawValue: text.lowercased()) else {
                throw UsageError(message: "option '--kg' takes real, none or shuffled, not \(Excerpt.quoted(text))"
                                 + Suggestion.hint(for: text, in: KnowledgeGraphAblation.allCases.map(\.rawValue)),
                                 command: "bench")
            }
            options.knowledgeGraph = mode
        }
        for name in TrainOptions.specs.map(\.name) + TrainingBenchmark.kgcnFlags {
            if let value = args.string(name) { options.given[name] = value }
        }
        return (URL(fileURLWithPath: dataset), options)
    }

    private static func benchQuery(_ args: ParsedArguments, runs: Int, _ console: Console) throws {
        guard let store = args.string("--store") else {
            throw UsageError(message: "bench query needs --store PATH", command: "bench")
        }
        let workspace = Session(storePath: store)
        var statements: [String]
        if let file = args.string("--queries") {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw KGRecError.failed("cannot read the query file '\(file)'")
            }
            statements = Script.lines(text).map { $0.trimmingWhitespace() }
                .filter { !$0.isEmpty && !$0.hasPrefix("--") }
        } else if let template = args.string("--template") {
            let count = try args.integer(.sample) ?? 500
            let seed = try args.integer(.seed) ?? 2026
            statements = try QueryBenchmark.sample(workspace: workspace, template: template, count: count, seed: UInt64(seed))
        } else {
            throw UsageError(message: "bench query needs --queries FILE or --template TEXT", command: "bench")
        }
        let result = try QueryBenchmark.run(workspace: workspace, statements: statements, runs: runs)
        for failure in result.failures.prefix(5) { console.err("failed: \(failure)\n") }
        console.line(JSON.object([
            ("benchmark", .string("query latency on \(store)")), ("statements", .int(result.statements)),
            ("runs", .int(runs)), ("failures", .int(result.failures.count)),
            ("p50_ms", .number(result.quantile(0.5))), ("p99_ms", .number(result.quantile(0.99))),
            ("mean_ms", .number(result.mean)), ("max_ms", .number(result.milliseconds.max() ?? 0)),
            ("cpu_p50_ms", .number(result.quantile(0.5, cpu: true))), ("cpu_p99_ms", .number(result.quantile(0.99, cpu: true))),
        ]).text)
    }

    private static func benchImport(_ args: ParsedArguments, runs: Int, _ console: Console) throws {
        do {
            if let resources = try args.integer(.syntheticRDFXML) {
                let directory = try PrivateDirectory(prefix: "kgrec-bench")
                defer { directory.remove() }
                let path = directory.file("synthetic-\(resources).rdf")
                try RDFXMLReader.writeSyntheticDocument(path: path, resources: resources)
                report(try RDFXMLReader.benchmark(path: path, repetitions: runs), console)
            } else if let file = args.string("--file") {
                switch try ImportFormat.detect(path: file) {
                case .rdfxml:
                    report(try RDFXMLReader.benchmark(path: file, repetitions: runs), console)
                case .turtle:
                    report(try ImportBenchmark.turtle(path: file, runs: runs), console)
                default:
                    report(try ImportBenchmark.ntriples(path: file, runs: runs), console)
                }
            } else if args.string("--dataset") == nil {
                report(try ImportBenchmark.syntheticNTriples(runs: runs), console)
            }
            if let dataset = args.string("--dataset") {
                report(try ImportBenchmark.load(path: dataset, runs: runs), console)
                let scratch = try PrivateDirectory(prefix: "kgrec-bench")
                defer { scratch.remove() }
                report(try StoreBenchmark.importIntoNewStore(path: dataset, storePath: scratch.file("bench.db"), runs: runs),
                       console)
            }
        } catch let error as ImportError {
            throw KGRecError.importFailed(error)
        }
    }

    static func report(_ result: BenchmarkResult, _ console: Console) {
        line(result.name, items: result.items, unit: result.unit, seconds: result.seconds, median: result.median,
             rate: result.rate, extra: result.megabytesPerSecond.map { [("mb_per_s", .number($0))] } ?? [], console)
    }

    static func line(_ name: String, items: Int, unit: String, seconds: [Double], median: Double, rate: Double,
                     extra: [(String, JSON)], _ console: Console) {
        let fields: [(String, JSON)] = [
            ("benchmark", .string(name)), ("items", .int(items)), ("unit", .string(unit)),
            ("median_s", .number(median)), ("per_s", .number(rate.rounded())),
            ("runs_s", .array(seconds.map { .number($0) })),
        ] + extra
        console.line(JSON.object(fields).text)
    }
}
