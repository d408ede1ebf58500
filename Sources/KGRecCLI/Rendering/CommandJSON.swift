import KGRecKit

/// `--format json` for the reports of `import`, `train`, `eval` and `stats`: one object,
/// counts and metrics as numbers.
enum CommandJSON {
    static func imported(_ outcome: ImportOutcome) -> JSON {
        let s = outcome.summary, r = outcome.report
        return .object([
            ("imported", .string(outcome.source)), ("format", .string(s.format.rawValue)),
            ("records", .int(s.recordsRead)), ("seconds", .number(outcome.seconds)),
            ("nodes", .object(NodeKind.allCases.compactMap { kind in s.nodesByKind[kind].map { (kind.pluralName, .int($0)) } })),
            ("edges", .int(s.edges)), ("duplicate_edges", .int(s.duplicateEdges)),
            ("revision", .int(Int(r.revision))), ("nodes_added", .int(r.nodesAdded)), ("nodes_updated", .int(r.nodesUpdated)),
            ("edges_added", .int(r.edgesAdded)), ("edges_updated", .int(r.edgesUpdated)),
            ("edges_unchanged", .int(r.edgesUnchanged)), ("edges_removed", .int(r.edgesRemoved)),
            ("properties_added", .int(r.propertiesAdded)), ("properties_changed", .int(r.propertiesChanged)),
            ("properties_unchanged", .int(r.propertiesUnchanged)), ("changed", .bool(!r.changedNothing)),
            ("mode", .string(outcome.mode.rawValue)), ("rows_skipped", .int(outcome.skippedRows)),
            ("warnings", .int(outcome.warnings.count)),
        ])
    }

    static func trained(_ report: TrainingReport) -> JSON {
        let r = report.result
        var fields: [(String, JSON)] = [
            ("checkpoint", .int(Int(report.checkpointID))), ("model", .string(r.checkpoint.model)),
            ("best_epoch", .int(r.bestEpoch)), ("epochs", .int(r.epochs.count)), ("cancelled", .bool(r.cancelled)),
            ("validation_metric", .string(report.validationMetric)),
        ]
        if let score = r.bestValidationScore { fields.append(("validation_score", .number(score))) }
        if let valid = r.bestMetrics { fields.append(("valid", metrics(valid.named))) }
        if let test = report.test { fields.append(("test", metrics(test.named))) }
        if let ctr = report.testCTR {
            fields.append(("test_ctr", .object([("pairs", .int(ctr.pairCount)), ("auc", .number(ctr.auc)), ("f1", .number(ctr.f1))])))
        }
        fields.append(("seconds", .number(report.seconds)))
        fields.append(("notes", .array(report.notes.map(JSON.string))))
        return .object(fields)
    }

    static func evaluated(_ report: EvaluationReport) -> JSON {
        var fields: [(String, JSON)] = [
            ("model", .string(report.model)), ("checkpoint", .int(Int(report.checkpointID))),
            ("split", .string(report.split.rawValue)), ("users", .int(report.ranking.userCount)),
            ("metrics", metrics(report.ranking.named)),
        ]
        if let ctr = report.ctr {
            fields.append(("ctr", .object([("pairs", .int(ctr.pairCount)), ("auc", .number(ctr.auc)), ("f1", .number(ctr.f1))])))
        }
        fields.append(("seconds", .number(report.seconds)))
        fields.append(("notes", .array(report.notes.map(JSON.string))))
        return .object(fields)
    }

    static func stats(_ report: StatisticsReport) -> JSON {
        let s = report.statistics
        return .object([
            ("store", .string(report.storePath)), ("revision", .int(Int(s.revision))), ("imports", .int(s.imports)),
            ("nodes", .object(NodeKind.allCases.compactMap { kind in s.nodesByKind[kind].map { (kind.pluralName, .int($0)) } })),
            ("relations", .array(report.relationsBySize.map { r in
                .object([("name", .string(r.name)), ("train", .int(r.train)), ("valid", .int(r.valid)),
                         ("test", .int(r.test)), ("total", .int(r.total))])
            })),
            ("knowledge_graph", .object([("triples", .int(report.knowledgeGraphTriples)),
                                         ("relations", .int(report.knowledgeGraphRelations)),
                                         ("entities", .int(report.knowledgeGraphEntities))])),
            ("properties", .int(s.properties)),
            ("labelled_pairs", .object([("total", .int(s.labelledPairs)), ("positive", .int(s.positiveLabelledPairs))])),
            ("degrees", .array(report.degrees.map { d in
                .object([("kind", .string(d.kind.pluralName)), ("min", .int(d.min)), ("median", .number(d.median)),
                         ("mean", .number(d.mean)), ("max", .int(d.max))])
            })),
            ("checkpoints", .int(s.checkpoints)),
        ])
    }

    private static func metrics(_ named: [(name: String, value: Double)]) -> JSON {
        .object(named.map { ($0.name, .number($0.value)) })
    }
}
