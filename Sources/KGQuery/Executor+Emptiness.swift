import KGGraph

extension Executor {
    /// Why a `recommend` or `similar` has no results: what the candidate source gives, then what
    /// each step removed, the step that removed the last candidate last.
    ///
    ///     the path reaches no items
    ///     the path reaches 120 items; 'where price < 1' removed all of them
    ///     the path reaches 120 items; u42 has seen 16 and 'where price < 1' removed the other 104
    ///     the store has 276 items; model 'mf' cannot score any of them
    func emptyReason(_ plan: RecommendPlan, _ counts: CandidateCounts, scorer: String) -> String {
        let kind = plan.targetKind
        let source: String
        switch plan.candidates {
        case .allOfKind:
            source = counts.reached == 0 ? "the store has no \(kind.pluralName)"
                : "the store has \(Self.count(counts.reached, kind))"
        case .path:
            source = counts.reached == 0 ? "the path reaches no \(kind.pluralName)"
                : "the path reaches \(Self.count(counts.reached, kind))"
        }
        let anchor = snapshot.externalIDs[Int(plan.anchor)]
        let steps: [(count: Int, step: Step)] = [
            (counts.anchor, .anchor(anchor)), (counts.seen, .seen(by: anchor)), (counts.excluded, .excluded),
            (counts.retired, .retired), (counts.unavailable, .unavailable),
            (counts.unscorable, .unscorable(model: scorer)),
            (counts.filtered, .filtered(plan.predicate.map { "where " + $0.rendered(snapshot) } ?? "where")),
        ].filter { $0.count > 0 }
        guard let last = steps.last else { return source }
        if steps.count == 1 {
            if case .anchor(let id) = last.step { return source + ": \(id) itself" }
            return source + "; " + last.step.all(last.count)
        }
        let earlier = steps.dropLast().map { $0.step.some($0.count) }
        return source + "; " + earlier.joined(separator: ", ") + " and " + last.step.rest(last.count)
    }

    /// Why a `match` has no rows: the path reaches nothing, or the condition removed all it reached.
    func emptyReason(_ plan: MatchPlan, reached: Int) -> String {
        guard reached > 0 else { return "the path reaches no nodes" }
        let condition = plan.predicate.map { "'where \($0.rendered(snapshot))'" } ?? "'where'"
        return "the path reaches \(reached) node\(reached == 1 ? "" : "s"); \(condition) removed "
            + (reached == 1 ? "it" : "all of them")
    }

    /// "1 item", "104 items".
    static func count(_ n: Int, _ kind: NodeKind) -> String {
        "\(n) \(n == 1 ? kind.name : kind.pluralName)"
    }

    /// A step that removes candidates, and how an empty result's reason phrases it.
    enum Step {
        /// The anchor of `similar`, never its own result.
        case anchor(String)
        /// The user's train interactions.
        case seen(by: String)
        /// `exclude` clauses.
        case excluded
        /// Retired nodes.
        case retired
        /// Products the catalog says are out of stock or discontinued.
        case unavailable
        /// Nodes the model cannot score.
        case unscorable(model: String)
        /// The `where` condition, as written after `where`.
        case filtered(String)

        /// The step removed all `n` candidates there were.
        func all(_ n: Int) -> String {
            switch self {
            case .anchor(let id): "\(id) itself"
            case .seen: removed(n == 1 ? "it" : "all of them") + " ('include seen' keeps \(n == 1 ? "it" : "them"))"
            case .unscorable: removed(n == 1 ? "it" : "any of them")
            case .excluded, .filtered: removed(n == 1 ? "it" : "all of them")
            case .retired: n == 1 ? "it is retired" : "all of them are retired"
            case .unavailable: n == 1 ? "it is unavailable" : "all of them are unavailable"
            }
        }

        /// The step removed `n` of several candidates, before a later step removed the rest.
        func some(_ n: Int) -> String { removed("\(n)") }

        /// The step removed the `n` candidates earlier steps left.
        func rest(_ n: Int) -> String { removed(n == 1 ? "the other one" : "the other \(n)") }

        /// What the step removed, `count` saying how many ("16", "the other 104"). The anchor,
        /// one node that comes first, is always "one".
        private func removed(_ count: String) -> String {
            switch self {
            case .anchor(let id): "one is \(id) itself"
            case .seen(let user): "\(user) has seen \(count)"
            case .excluded: "'exclude' removed \(count)"
            case .retired: "\(count) \(count == "1" || count == "the other one" ? "is" : "are") retired"
            case .unavailable: "\(count) \(count == "1" || count == "the other one" ? "is" : "are") unavailable"
            case .unscorable(let model): "model '\(model)' cannot score \(count)"
            case .filtered(let condition): "'\(condition)' removed \(count)"
            }
        }
    }
}
