import KGRecKit

/// `kgrec train <model>`: train on the store's interactions and save the best checkpoint.
enum TrainCommand {
    /// Each model with settings and their keys, `  ngcf: layer_sizes, message_dropout, …`,
    /// wrapped at 92 columns.
    static var modelSettings: String {
        TrainingOptions.modelNames.filter { !TrainingOptions.settingKeys(for: $0).isEmpty }.map { model in
            let label = "  \(model): "
            return TrainingOptions.settingKeys(for: model).joined(separator: ", ").wrapped(to: 92 - label.count)
                .enumerated().map { ($0 == 0 ? label : String(repeating: " ", count: label.count)) + $1 }
                .joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// `  lightgcn  light graph convolution over the user–item graph (He et al. 2020)`, one per model.
    static var models: String {
        let width = TrainingOptions.modelSummaries.map(\.name.count).max() ?? 0
        return TrainingOptions.modelSummaries.map { "  " + $0.name.padding(width) + "  " + $0.summary }.joined(separator: "\n")
    }

    static let spec = CommandSpec(
        name: "train", summary: "Train a model on the store's interactions and save its best checkpoint.",
        usage: "kgrec train <model> [--store PATH] [--epochs N] [--dim D] [--lr RATE] [--batch N] [--reg L] [options]",
        discussion: """
        Models:
        \(TrainCommand.models)

        Each epoch pairs every train interaction with a uniformly sampled negative (--sampling
        uniform-users instead draws a uniform user, then one of their items, as the NGCF/LightGCN
        reference code does); after each evaluation on the valid split the best epoch is kept,
        and training stops after --patience evaluations without improvement. The best epoch's
        checkpoint (parameters, settings, metrics, seed) is saved in the store, where queries use it:
          kgrec train lightgcn --epochs 200 --lr 0.005
          kgrec query "recommend items for u42 using lightgcn explain"
        The same seed and thread count give the same numbers. Ctrl-C stops training after the
        current batch, saves the best finished epoch and exits with status 130; a second Ctrl-C
        quits at once, saving nothing.

        Model settings (--set KEY=VALUE; BENCHMARKS.md and the models' documentation say what
        each does):
        \(TrainCommand.modelSettings)
        """,
        positionals: [PositionalSpec(name: "model", help: "The model to train: \(TrainingOptions.modelNames.joined(separator: ", ")).")],
        options: StoreOption.specs + TrainOptions.specs,
        run: { args, console in
            var options = try TrainOptions.parse(args, model: args.positional(0)!)
            let workspace = try StoreOption.workspace(args, console)
            for note in try workspace.resolveTraining(&options) { console.err("Note: \(note)\n") }
            let progress = TrainingProgress(metricNames: [options.trainer.validationMetric], isTerminal: console.outputIsTerminal,
                                            write: { console.out($0) })
            console.watchInterrupts()
            let report = try workspace.train(options, isCancelled: { [console] in console.interrupted }, observer: progress.handle)
            console.line(ReportText.trained(report))
            return report.result.cancelled ? ExitCode.interrupted : ExitCode.success
        })
}

/// `kgrec eval [model]`: the standard metrics of a trained model.
enum EvalCommand {
    static let spec = CommandSpec(
        name: "eval", summary: "Evaluate a trained model: Recall, NDCG, Precision, HitRate, MRR @K, and AUC/F1.",
        usage: "kgrec eval [model] [--store PATH] [--k 10,20] [--split test|valid] [--threads N] [--format table|json|csv]",
        discussion: """
        Full ranking: every user with held-out items scores every item; the user's train items
        (and valid items, when evaluating test) are masked; top-K in bounded memory. NDCG follows
        the NGCF/LightGCN definition. When the store has labelled pairs for the split (the KGCN
        protocol), AUC and F1 (threshold 0.5 on σ(score)) are reported too. Without a model name,
        the best model in the store is evaluated.
        """,
        positionals: [PositionalSpec(name: "model", help: "The trained model to evaluate (default: the best).", optional: true)],
        options: StoreOption.specs + SettingFlags.specs(EvalSettings.all + [OutputSettings.reportFormat]),
        run: { args, console in
            let format = try QueryCommand.outputFormat(args, OutputSettings.reportFormat)
            let values = try SettingFlags.values(args, EvalSettings.all)
            let (ks, split, threads) = try SettingFlags.reading(args) { () throws(SettingError) in try EvalSettings.options(values) }
            let workspace = try StoreOption.workspace(args, console)
            let report = try workspace.evaluate(model: args.positional(0), ks: ks, split: split, threads: threads)
            for note in report.notes { console.err("Note: \(note)\n") }
            switch format {
            case .json: console.line(JSONRenderer.report(CommandJSON.evaluated(report), "eval"))
            case .csv: console.line(CSVRenderer.evaluated(report))
            default: console.line(ReportText.evaluated(report))
            }
            return ExitCode.success
        })
}
