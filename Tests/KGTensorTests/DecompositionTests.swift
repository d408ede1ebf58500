import Testing
@testable import KGTensor

@Suite struct DecompositionTests {
    /// [[2, 1], [1, 2]] has eigenvalues 3 and 1 with eigenvectors (1, 1)/√2 and (1, −1)/√2.
    @Test func eigenOfATwoByTwo() {
        let (values, vectors) = SymmetricEigen.decompose([2, 1, 1, 2], n: 2)
        #expect(abs(values[0] - 3) < 1e-12 && abs(values[1] - 1) < 1e-12)
        let h = 1 / 2.0.squareRoot()
        #expect(abs(abs(vectors[0]) - h) < 1e-12 && abs(abs(vectors[2]) - h) < 1e-12)
        #expect(abs(vectors[0] - vectors[2]) < 1e-12, "the first eigenvector is ±(1, 1)/√2")
        #expect(abs(vectors[1] + vectors[3]) < 1e-12, "the second eigenvector is ±(1, −1)/√2")
    }

    /// A V = V Λ, VᵀV = I and the values descend, for a random symmetric 12 × 12.
    @Test func eigenOfARandomSymmetricMatrix() {
        var rng = SeededRNG(seed: 3)
        let n = 12
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in i..<n { let x = rng.nextDouble() - 0.5; a[i * n + j] = x; a[j * n + i] = x } }
        let (values, v) = SymmetricEigen.decompose(a, n: n)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
        for j in 0..<n {
            for i in 0..<n {
                let av = (0..<n).reduce(0.0) { $0 + a[i * n + $1] * v[$1 * n + j] }
                #expect(abs(av - values[j] * v[i * n + j]) < 1e-9)
                let dot = (0..<n).reduce(0.0) { $0 + v[$1 * n + i] * v[$1 * n + j] }
                #expect(abs(dot - (i == j ? 1 : 0)) < 1e-9)
            }
        }
    }

    /// QᵀQ = I and Q spans the columns of Z (Q Qᵀ Z = Z); a repeated column comes out zero.
    @Test func orthonormalColumns() {
        var rng = SeededRNG(seed: 5)
        let z = Tensor.normal(rows: 200, columns: 10, standardDeviation: 1, using: &rng)
        let q = Orthonormal.columns(of: z, threads: 2)
        let gram = q.matmul(q, transposeSelf: true)
        for i in 0..<10 { for j in 0..<10 { #expect(abs(gram[i, j] - (i == j ? 1 : 0)) < 1e-5) } }
        let projected = q.matmul(q.matmul(z, transposeSelf: true))
        #expect(projected.maxAbsoluteDifference(z) < 1e-4)

        var columns = z.storage
        for r in 0..<200 { columns[r * 10 + 9] = columns[r * 10 + 3] }
        let dependent = Orthonormal.columns(of: Tensor(rows: 200, columns: 10, storage: columns), threads: 1)
        let norms = (0..<10).map { c in (0..<200).reduce(Float(0)) { $0 + dependent[$1, c] * dependent[$1, c] } }
        #expect(norms.filter { abs($0 - 1) < 1e-4 }.count == 9)
        #expect(norms.filter { $0 < 1e-6 }.count == 1)
    }

    /// The randomised SVD finds the singular values and the subspace of the top right singular
    /// vectors that a dense eigen-decomposition of AᵀA gives.
    @Test func truncatedSVDMatchesTheDenseDecomposition() {
        var rng = SeededRNG(seed: 9)
        var entries: [(row: Int32, column: Int32, value: Float)] = []
        for r in 0..<80 { for c in 0..<50 where rng.nextFloat() < 0.15 { entries.append((Int32(r), Int32(c), rng.nextFloat())) } }
        let a = SparseMatrix(rows: 80, columns: 50, entries: entries)
        let dense = a.dense()
        let ata = dense.matmul(dense, transposeSelf: true)
        let (values, vectors) = SymmetricEigen.decompose(ata.storage.map(Double.init), n: 50)
        let rank = 6
        var svdRNG = SeededRNG(seed: 1)
        let (singular, v) = TruncatedSVD.rightSingularVectors(of: a, transposed: a.transposed(), rank: rank, oversampling: 10,
                                                              iterations: 30, rng: &svdRNG, threads: 1)
        #expect(v.rows == 50 && v.columns == rank)
        for j in 0..<rank {
            #expect(abs(Double(singular[j]) - values[j].squareRoot()) < 1e-3 * values[0].squareRoot())
            // |⟨v_j, exact v_j⟩| = 1 up to sign.
            let dot = (0..<50).reduce(0.0) { $0 + Double(v[$1, j]) * vectors[$1 * 50 + j] }
            #expect(abs(abs(dot) - 1) < 1e-3, "vector \(j): |⟨v, v*⟩| = \(abs(dot))")
        }
        var again = SeededRNG(seed: 1)
        let repeated = TruncatedSVD.rightSingularVectors(of: a, transposed: a.transposed(), rank: rank, oversampling: 10,
                                                         iterations: 30, rng: &again, threads: 1)
        #expect(repeated.vectors == v && repeated.values == singular)
    }

    @Test(arguments: [1, 2]) func transposeAndColumnTopKAgreeWithTheRowForms(threads: Int) {
        var rng = SeededRNG(seed: 2)
        // Scores in steps of 1/8 so that ties occur; 300 × 70 crosses the parallel threshold only
        // when widened, so the 2-thread case uses 3,000 rows.
        let rows = threads == 1 ? 300 : 3_000, columns = 70
        let scores = Tensor(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in
            Float(rng.next(below: 16)) / 8
        })
        let transposed = scores.transposed(threads: threads)
        #expect(transposed.rows == columns && transposed.columns == rows)
        for r in stride(from: 0, to: rows, by: 37) { for c in 0..<columns { #expect(transposed[c, r] == scores[r, c]) } }
        #expect(transposed.transposed(threads: threads) == scores)
        // Column c excludes rows c, c + 1, … c + 4 (and column 0 everything but 3 rows: padding).
        let exclusions = ExclusionList(rows: (0..<columns).map { c in
            c == 0 ? (3..<rows).map(Int32.init) : (c..<(c + 5)).map(Int32.init)
        })
        let expected = transposed.topK(10, excluding: exclusions)
        #expect(scores.columnTopK(10, excluding: exclusions, threads: threads) == expected)
        #expect(scores.columnTopK(10, threads: threads) == transposed.topK(10))
        #expect(expected.items(ofRow: 0).suffix(7).allSatisfy { $0 == -1 })
    }
}
