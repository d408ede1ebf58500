import KGAutodiff
import KGTensor

/// KGCN's user–relation attention (eq. 2 and 4): π(u, r) = ⟨u, r⟩, normalised by a softmax over
/// each entity's K sampled neighbours, π̃(u, r_vj) = exp π(u, r_vj) / Σ_{j′ ∈ S(v)} exp π(u, r_vj′).
///
/// The paper scores with the inner product; the reference code uses its mean over the d
/// dimensions (⟨u, r⟩ / d). kgrec follows the paper.
enum KGCNAttention {
    /// π for each neighbour row: `users` is n × d, one row per (user, item) pair, and `relations`
    /// is (n · s) × d, the relations of the pair's s neighbour rows at one level of its receptive
    /// field (s = K^(h+1) at level h); returns (n · s) × 1 with row r = ⟨users[r / s], relations[r]⟩.
    ///
    /// One pass that never materialises the user repeated per neighbour row. Backward:
    /// d relations[r] = g[r] · users[r / s], d users[p] = Σ_{r ∈ p's rows} g[r] · relations[r].
    static func scores(users: Variable, relations: Variable) -> Variable {
        let u = users.value, r = relations.value
        precondition(u.columns == r.columns && u.columns > 0 && (u.rows == 0 ? r.rows == 0 : r.rows % u.rows == 0),
                     "\(u.rows)×\(u.columns) users for \(r.rows)×\(r.columns) relation rows")
        let span = u.rows == 0 ? 1 : r.rows / u.rows, d = u.columns, userRows = u.rows, relationRows = r.rows
        let value = Tensor(rows: r.rows, columns: 1) { out in
            u.withUnsafeBufferPointer { u in
                r.withUnsafeBufferPointer { r in
                    guard let u = u.baseAddress, let r = r.baseAddress else { return }
                    for row in 0..<out.count { out[row] = KGCNKernels.dot(u + (row / span) * d, r + row * d, d) }
                }
            }
        }
        return users.tape.record(value, inputs: [users, relations], backward: { g, index -> Tensor in
            g.withUnsafeBufferPointer { g in
                u.withUnsafeBufferPointer { u in
                    r.withUnsafeBufferPointer { r in
                        guard let g = g.baseAddress, let u = u.baseAddress, let r = r.baseAddress else {
                            return Tensor(rows: index == 0 ? userRows : relationRows, columns: d)
                        }
                        if index == 0 {
                            var gradient = Tensor(rows: userRows, columns: d)
                            gradient.withUnsafeMutableBufferPointer { out in
                                for row in 0..<(out.count / d * span) {
                                    KGCNKernels.axpy(out.baseAddress! + (row / span) * d, g[row], r + row * d, d)
                                }
                            }
                            return gradient
                        }
                        return Tensor(rows: relationRows, columns: d) { out in
                            for row in 0..<(out.count / d) {
                                let target = out.baseAddress! + row * d, source = u + (row / span) * d, weight = g[row]
                                for c in 0..<d { target[c] = weight * source[c] }
                            }
                        }
                    }
                }
            }
        })
    }

    /// π̃: softmax of `scores` ((n · K) × 1) within each consecutive group of `k`.
    static func normalized(_ scores: Variable, k: Int) -> Variable {
        precondition(scores.rows % k == 0, "\(scores.rows) scores do not split into groups of \(k)")
        return scores.segmentSoftmax(Segments(count: scores.rows / k, size: k))
    }

    /// π̃ from the pairs' user rows (n × d) and one level's relation rows ((n · s) × d).
    static func weights(users: Variable, relations: Variable, k: Int) -> Variable {
        normalized(scores(users: users, relations: relations), k: k)
    }
}
