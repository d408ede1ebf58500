import KGGraph
import KGTestSupport
import Testing
@testable import KGQuery

/// The lexer, parser and planner never crash or hang: every input gets a result or a clean error.
@Suite struct FuzzTests {
    static let vocabulary = [
        "recommend", "similar", "why", "match", "show", "explain", "plan", "items", "categories", "tags", "for",
        "to", "via", "using", "where", "diversify", "by", "max", "exclude", "include", "seen", "limit", "and", "or",
        "not", "in", "contains", "u42", "u7", "i1", "i3", "Footwear", "in_category", "has_tag", "brand", "bought",
        "category", "tag", "paths", "popularity", "price", "label", ">", "<", ">=", "<=", "=", "!=", "(", ")", "|",
        "{", "}", ",", ";", "0", "1", "2", "50", "-3", "1e9", "\"Trail Shoe\"", "'x'", "\"", "{0,2}", "stats", "train",
        "eval", "import", "k", "@", "—", "\\", "\n", "--", "99999999999999999999",
    ]
    static let seeds = [
        "recommend items for u42 via category where price < 50 limit 2 explain",
        "recommend items for u42 via bought > in_category < in_category diversify by brand max 1",
        "similar items to i1 via (brand | has_tag) exclude i3",
        "why i3 for u42 via tag",
        "match u42 > (bought | viewed) > in_category > subclass_of{0,1}",
        "recommend categories for u42 via bought > in_category > subclass_of where label contains 'a'",
        "show \"Trail Shoe\"",
    ]

    @Test func randomAndMutatedQueriesEndInAResultOrACleanError() throws {
        let snapshot = try Shop.snapshot()
        let catalog = SnapshotCatalog(snapshot: snapshot)
        var executor = Executor(snapshot: snapshot)
        var rng = SplitMix(seed: 20261123)
        var ran = 0, failedCleanly = 0, badErrors: [String] = []
        for round in 0..<100_000 {
            let query = round % 2 == 0 ? Self.randomQuery(&rng) : Self.mutatedQuery(&rng)
            switch Self.outcome(of: query, catalog: catalog, executor: &executor) {
            case .ran: ran += 1
            case .failedCleanly: failedCleanly += 1
            case .badError(let description): badErrors.append(description)
            }
        }
        #expect(badErrors.isEmpty, "\(badErrors.prefix(5))")
        // Both paths are exercised: some inputs run, most fail cleanly.
        #expect(ran > 1000 && failedCleanly > 10_000)
    }

    enum Outcome { case ran, failedCleanly, badError(String) }

    static func outcome(of query: String, catalog: SnapshotCatalog, executor: inout Executor) -> Outcome {
        do {
            let statement = try Parser.parse(query)
            if case .command = statement { return .ran }
            _ = try executor.run(try Planner(catalog: catalog).plan(statement))
            return .ran
        } catch {
            let positionIsValid = error.position.map { $0.line >= 1 && $0.column >= 1 } ?? true
            return positionIsValid && !error.message.isEmpty ? .failedCleanly : .badError("\(query): \(error)")
        }
    }

    static func randomQuery(_ rng: inout SplitMix) -> String {
        let length = 1 + rng.next(below: 14)
        let separator = rng.next(below: 8) == 0 ? "" : " "
        return (0..<length).map { _ in vocabulary[rng.next(below: vocabulary.count)] }.joined(separator: separator)
    }

    static func mutatedQuery(_ rng: inout SplitMix) -> String {
        var scalars = Array(seeds[rng.next(below: seeds.count)].unicodeScalars)
        for _ in 0..<(1 + rng.next(below: 4)) {
            let position = rng.next(below: scalars.count + 1)
            let replacement = Unicode.Scalar(UInt8(32 + rng.next(below: 95)))
            let operation = rng.next(below: 3)
            if operation == 0 && position < scalars.count {
                scalars.remove(at: position)
            } else if operation == 1 {
                scalars.insert(replacement, at: position)
            } else if position < scalars.count {
                scalars[position] = replacement
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }
}
