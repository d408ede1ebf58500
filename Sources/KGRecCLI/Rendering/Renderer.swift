import KGRecKit

/// Renders a statement's outcome in the format asked for; the one switch over formats that the
/// command line and the REPL share.
enum Renderer {
    static func render(_ outcome: StatementOutcome, as format: OutputFormat) throws(RenderError) -> String {
        switch format {
        case .table: TableRenderer.render(outcome)
        case .json: JSONRenderer.render(outcome)
        case .csv: try CSVRenderer.render(outcome)
        case .dot: try DOTRenderer.render(outcome)
        }
    }

    /// Why `statement`'s result cannot be written as `format`, before it runs; nil when it can.
    static func refusal(_ statement: Statement, as format: OutputFormat) -> String? {
        formats(of: statement.verb).contains(format) ? nil : RenderError(result: statement.verb, format: format).message
    }

    /// The formats a statement's result has: queries have all, `stats` and `eval` tables no
    /// graph, plans and the reports of `import` and `train` neither a table of rows nor a graph.
    static func formats(of verb: String) -> [OutputFormat] {
        switch verb {
        case "recommend", "similar", "why", "match", "show": OutputFormat.allCases
        case "stats", "eval": [.table, .json, .csv]
        default: [.table, .json]
        }
    }

    /// What to tell the person besides the rendered result: with CSV, which has no room for
    /// it, why a result is empty.
    static func notes(_ outcome: StatementOutcome, as format: OutputFormat) -> [String] {
        guard format == .csv else { return [] }
        switch outcome.result {
        case .recommendations(let r): return r.emptyReason.map { ["no results: \($0)"] } ?? []
        case .matches(let m): return m.emptyReason.map { ["no rows: \($0)"] } ?? []
        default: return []
        }
    }
}

/// A result that has no form in the format asked for (an `explain plan` as CSV, `stats` as a
/// graph).
struct RenderError: Error, Equatable {
    /// The verb of the statement whose result it is (`explain plan`, `stats`).
    var result: String
    var format: OutputFormat

    /// "'explain plan' results have no csv form; use table or json".
    var message: String {
        let names = Renderer.formats(of: result).map(\.rawValue)
        return "'\(result)' results have no \(format.rawValue) form; use "
            + (names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1])
    }
}
