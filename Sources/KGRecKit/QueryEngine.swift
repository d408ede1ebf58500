import KGGraph
import KGQuery

/// What running one query produced, with the snapshot its node ids refer to.
public struct QueryOutcome: Sendable {
    public let text: String
    public let statement: Statement
    public let result: QueryResult
    public let snapshot: GraphSnapshot
}

/// Parses, plans and runs queries against one snapshot. Holds the executor's buffers, so a
/// REPL or a benchmark reuses one engine for many queries.
public final class QueryEngine {
    public let snapshot: GraphSnapshot
    public let catalog: SnapshotCatalog
    private var executor: Executor

    /// - Parameters:
    ///   - models: trained models the store holds, besides the built-in scorers.
    ///   - scorerNamed: the scorer of a trained model, by name.
    public init(snapshot: GraphSnapshot, models: [String] = [], defaultModel: String = BuiltinScorers.paths,
                scorerNamed: @escaping (String) throws(QueryError) -> (any Scorer)? = { _ in nil }) {
        self.snapshot = snapshot
        catalog = SnapshotCatalog(snapshot: snapshot, modelNames: BuiltinScorers.names + models,
                                  defaultModel: defaultModel)
        executor = Executor(snapshot: snapshot, scorerNamed: scorerNamed)
    }

    /// Parses and plans `text`; commands come back unrun as `.command` plans.
    public func plan(_ text: String) throws(KGRecError) -> (Statement, Plan) {
        do {
            let statement = try Parser.parse(text)
            return (statement, try Planner(catalog: catalog).plan(statement))
        } catch {
            throw .query(error, text: text)
        }
    }

    /// Runs a query statement (not a command: those need the workspace).
    public func run(_ text: String) throws(KGRecError) -> QueryOutcome {
        let (statement, plan) = try self.plan(text)
        if case .explainPlan = statement {
            return QueryOutcome(text: text, statement: statement, result: .plan(plan), snapshot: snapshot)
        }
        do {
            let result = try executor.run(plan)
            return QueryOutcome(text: text, statement: statement, result: result, snapshot: snapshot)
        } catch {
            throw .query(error, text: text)
        }
    }
}
