/// "Did you mean" suggestions for a misspelt name, by edit distance: the one rule every
/// message in kgrec uses (query names, command-line options, model settings, header columns,
/// mapping directives).
public enum Suggestion {
    /// The candidate closest to `name` (case-insensitive Levenshtein distance), when it is close
    /// enough to be a likely typo: at most a third of the name's length, and at least 1..3.
    /// Ties go to the longer common prefix, then alphabetical order.
    public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        let limit = max(1, min(3, (target.count + 2) / 3))
        var best: (name: String, distance: Int, prefix: Int)?
        for candidate in candidates {
            let scalars = Array(candidate.lowercased().unicodeScalars)
            let distance = editDistance(target, scalars, limit: limit)
            guard distance <= limit else { continue }
            let prefix = zip(target, scalars).prefix { $0 == $1 }.count
            if let current = best {
                if distance > current.distance { continue }
                if distance == current.distance {
                    if prefix < current.prefix { continue }
                    if prefix == current.prefix && candidate >= current.name { continue }
                }
            }
            best = (candidate, distance, prefix)
        }
        return best?.name
    }

    /// `. Did you mean 'x'?` for the candidate closest to `name`, or the empty string when none
    /// is close: the end of a message that names `name` (the message itself has no full stop).
    /// The suggestion is quoted as an excerpt, since candidates may come from an input file.
    public static func hint(for name: String, in candidates: some Sequence<String>) -> String {
        closest(to: name, in: candidates).map { ". Did you mean \(Excerpt.quoted($0))?" } ?? ""
    }

    /// Levenshtein distance, stopping early once it exceeds `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
