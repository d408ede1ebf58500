import Testing
@testable import KGGraph

@Suite struct CSRTests {
    @Test func buildsRowsSortedByColumnFromUnorderedCoordinates() {
        let csr = CSR(rows: 3, columns: 4, sources: [2, 0, 2, 0, 1], targets: [1, 3, 0, 2, 3],
                      weights: [0.5, 1, 2, 3, 4])
        #expect(csr.offsets == [0, 2, 3, 5])
        #expect(csr.targets == [2, 3, 3, 0, 1])
        #expect(csr.weights == [3, 1, 4, 2, 0.5])
        #expect(csr.degree(2) == 2)
        #expect(csr.contains(row: 2, column: 0))
        #expect(!csr.contains(row: 1, column: 0))
    }

    @Test func transposeReversesEveryEntry() {
        let csr = CSR(rows: 3, columns: 2, sources: [0, 1, 2, 2], targets: [1, 0, 0, 1], weights: [1, 2, 3, 4])
        let t = csr.transposed()
        #expect(t.rowCount == 2 && t.columnCount == 3)
        #expect(t.offsets == [0, 2, 4])
        #expect(t.targets == [1, 2, 0, 2])
        #expect(t.weights == [2, 3, 1, 4])
        #expect(t.transposed() == csr)
    }

    @Test func emptyRowsAndEmptyMatrix() {
        let csr = CSR(rows: 4, columns: 4, sources: [], targets: [])
        #expect(csr.offsets == [0, 0, 0, 0, 0])
        #expect(csr.nonZeroCount == 0)
        #expect(csr == CSR.empty(rows: 4, columns: 4))
    }
}
