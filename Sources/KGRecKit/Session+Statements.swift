import KGGraph
import KGQuery
import KGStore

/// What a statement produced, typed: front ends render these values and nothing else.
public enum StatementResult: Sendable {
    /// `recommend …` and `similar …`.
    case recommendations(Recommendations)
    /// `why <item> for <user>`.
    case explanation(WhyAnswer)
    /// `match …`.
    case matches(MatchAnswer)
    /// `show <node>`.
    case node(NodeDescription)
    /// `explain plan …`: the plan, not run.
    case plan(Plan)
    /// `import "…"`.
    case imported(ImportOutcome)
    /// `train <model> …`.
    case trained(TrainingReport)
    /// `eval [<model>] …`.
    case evaluated(EvaluationReport)
    /// `stats`.
    case stats(StatisticsReport)
    /// `set default model <name>`.
    case defaultModel(DefaultModelChange)
    /// `retire`, `unretire` or `delete` of one node.
    case catalogChange(CatalogChange)
    /// `forget user <id>`.
    case forgotten(ForgetReport)
}

/// What `retire`, `unretire` or `delete` did to one node.
public struct CatalogChange: Sendable, Equatable {
    /// `retire`, `unretire` or `delete`.
    public let verb: String
    public let id: String
    public let label: String?
    public let report: CatalogChangeReport
}

/// What `set default model` changed: the model queries without `using` now rank with.
public struct DefaultModelChange: Sendable, Equatable {
    public let model: String
    public let previous: String
}

/// One executed statement: its text, its syntax tree, what it produced, the snapshot the
/// result's node ids refer to, and notes for the person who asked.
public struct StatementOutcome: Sendable {
    public let text: String
    public let statement: Statement
    public let result: StatementResult
    /// The store as the statement saw it (after it, for commands that change the store).
    public let snapshot: GraphSnapshot
    /// The plan of a query, when `execute` was asked for it (`:plan on`).
    public let plan: Plan?
    /// What the person should know: a model that leaves out new items, a lowered cut-off.
    public let notes: [String]
}

extension Session {
    /// Runs one statement: parsed once, planned once (queries), run, and returned typed.
    /// With `includingPlan`, a query's outcome also carries its plan. `checking` sees the parsed
    /// statement before anything runs, for the front end to prepare for it (Ctrl-C during a
    /// `train`) or refuse it: when it cannot present the result (a plan as CSV) it returns why,
    /// and the statement is not run (`KGRecError.refused`).
    public func execute(_ text: String, includingPlan: Bool = false,
                        checking refusal: (Statement) -> String? = { _ in nil }) throws(KGRecError) -> StatementOutcome {
        let statement: Statement
        do { statement = try Parser.parse(text) } catch { throw .query(error, text: text) }
        countParse()
        if let reason = refusal(statement) { throw .refused(reason) }
        switch statement {
        case .command(let command):
            return try run(command, statement: statement, text: text)
        case .explainPlan(let inner):
            let (view, plan) = try plan(inner, text: text)
            return StatementOutcome(text: text, statement: statement, result: .plan(plan), snapshot: view.snapshot,
                                    plan: nil, notes: [])
        default:
            let (view, plan) = try plan(statement, text: text)
            let result = try withRunner(view) { (runner) throws(KGRecError) -> QueryResult in
                do throws(QueryError) { return try runner.executor.run(plan) } catch { throw .query(error, text: text) }
            }
            let typed: StatementResult = switch result {
            case .recommendations(let r): .recommendations(r)
            case .why(let w): .explanation(w)
            case .match(let m): .matches(m)
            case .show(let d): .node(d)
            }
            return StatementOutcome(text: text, statement: statement, result: typed, snapshot: view.snapshot,
                                    plan: includingPlan ? plan : nil, notes: result.notes + defaultModelNote(statement, view))
        }
    }

    private func plan(_ statement: Statement, text: String) throws(KGRecError) -> (StoreView, Plan) {
        let view = try view()
        do {
            return (view, try Planner(catalog: view.catalog).plan(statement))
        } catch {
            throw .query(error, text: text)
        }
    }

    /// `import`, `train`, `eval`, `stats`: their options checked on the syntax tree, run, typed.
    private func run(_ command: Command, statement: Statement, text: String) throws(KGRecError) -> StatementOutcome {
        if [.setDefaultModel, .retire, .unretire, .delete, .forget].contains(command.verb), !allowsCatalogChanges {
            throw .query(QueryError(.invalid, "'\(command.verb.rawValue)' changes the store, and this session only reads it",
                                    at: command.position, length: command.verb.rawValue.count), text: text)
        }
        let result: StatementResult
        var notes: [String] = []
        switch command.verb {
        case .stats:
            result = .stats(try statistics())
        case .importData:
            let files = statementFiles
            let options = try CommandOptions(command, text: text).importOptions(files: files)
            let path = try files.check(command.argument?.text ?? "", for: "import")
            var outcome = try importData(path: path, options: options)
            outcome.source = command.argument?.text ?? path
            result = .imported(outcome)
        case .train:
            if let name = command.argument, !TrainingOptions.isModel(name.text) {
                throw .query(QueryError(.invalid, TrainingOptions.unknownModelMessage(name.text), at: name.position,
                                        length: name.length,
                                        suggestion: Suggestion.closest(to: name.text, in: TrainingOptions.modelNames)),
                             text: text)
            }
            let options = try CommandOptions(command, text: text).trainingOptions(model: command.argument?.text ?? "",
                                                                                   files: statementFiles)
            let report = try train(options, isCancelled: isCancelled)
            notes = report.notes
            result = .trained(report)
        case .eval:
            let parsed = try CommandOptions(command, text: text)
            let (ks, split, threads) = try parsed.evaluationOptions()
            let report = try evaluate(model: command.argument?.text, ks: ks, split: split, threads: threads)
            notes = report.notes
            result = .evaluated(report)
        case .setDefaultModel:
            result = .defaultModel(try setDefaultModel(command.argument, text: text))
        case .retire, .unretire, .delete:
            result = .catalogChange(try changeCatalog(command, text: text))
        case .forget:
            result = .forgotten(try forget(command, text: text))
        }
        return StatementOutcome(text: text, statement: statement, result: result, snapshot: try snapshot(), plan: nil,
                                notes: notes)
    }

    /// Retires, unretires or deletes the node the command names (by id, IRI or label, as
    /// queries name nodes).
    private func changeCatalog(_ command: Command, text: String) throws(KGRecError) -> CatalogChange {
        let (view, node) = try commandNode(command, expected: nil, text: text)
        let id = view.snapshot.externalIDs[Int(node)]
        let report = try withStore(.readWrite) { (store) throws(StoreError) -> CatalogChangeReport? in
            switch command.verb {
            case .retire: try store.retire(id)
            case .unretire: try store.unretire(id)
            default: try store.delete(id)
            }
        }
        guard let report else { throw .failed("node \(Excerpt.quoted(id)) is no longer in the store") }
        invalidate()
        return CatalogChange(verb: command.verb.rawValue, id: id, label: view.snapshot.labels[Int(node)], report: report)
    }

    /// Forgets the user the command names, with a random receipt for the audit table.
    private func forget(_ command: Command, text: String) throws(KGRecError) -> ForgetReport {
        let (view, node) = try commandNode(command, expected: .user, text: text)
        let id = view.snapshot.externalIDs[Int(node)]
        var generator = SystemRandomNumberGenerator()
        let receipt = (0..<2).map { _ in String(generator.next(), radix: 16) }.joined(separator: "-")
        let report = try withStore(.readWrite) { (store) throws(StoreError) in try store.forget(user: id, receipt: receipt) }
        guard let report else { throw .failed("user \(Excerpt.quoted(id)) is no longer in the store") }
        invalidate()
        return report
    }

    /// The node a catalog command names (by id, IRI or label, as queries name nodes), in the
    /// current view.
    private func commandNode(_ command: Command, expected: NodeKind?, text: String) throws(KGRecError) -> (StoreView, Int32) {
        let view = try view()
        guard let name = command.argument else { throw .failed("\(command.verb.rawValue) needs a node") }
        do throws(QueryError) {
            return (view, try Planner(catalog: view.catalog).resolveNode(name, expected: expected))
        } catch {
            throw .query(error, text: text)
        }
    }

    /// Said when a recommendation without `using` ranks with `paths` only because no default
    /// model was chosen, though the store has trained models.
    private func defaultModelNote(_ statement: Statement, _ view: StoreView) -> [String] {
        guard case .recommend(let recommend) = statement, recommend.clauses.using == nil, view.chosenDefault == nil,
              let trained = view.newest.keys.sorted().first else { return [] }
        return ["ranked by paths (no default model is set); 'set default model \(trained)' or 'using \(trained)' ranks "
                + "with a trained model"]
    }

    /// Stores the model queries without `using` rank with: a built-in scorer or a model the
    /// store has a checkpoint of.
    private func setDefaultModel(_ name: Name?, text: String) throws(KGRecError) -> DefaultModelChange {
        let view = try view()
        let names = view.catalog.modelNames
        guard let name, let model = names.first(where: { $0.lowercased() == name.text.lowercased() }) else {
            let given = name?.text ?? ""
            let trained = view.newest.keys.sorted()
            throw .query(QueryError(.invalid, "no model \(Excerpt.quoted(given)) to rank with; "
                                    + (trained.isEmpty ? "train one first, or choose paths or popularity"
                                       : "choose one of " + names.joined(separator: ", ")),
                                    at: name?.position ?? TextPosition(line: 1, column: 1), length: name?.length ?? 1,
                                    suggestion: Suggestion.closest(to: given, in: names)),
                         text: text)
        }
        let previous = view.catalog.defaultModel
        try withStore(.readWrite) { (store) throws(StoreError) in try store.setDefaultModel(model) }
        invalidate()
        return DefaultModelChange(model: model, previous: previous)
    }

    /// Counts for `kgrec stats`.
    public func statistics() throws(KGRecError) -> StatisticsReport {
        let statistics = try withStore { (store) throws(StoreError) in try store.statistics() }
        return StatisticsReport(storePath: storePath, statistics: statistics, snapshot: try snapshot())
    }
}
