import KGTensor

extension Variable {
    /// Per-segment sums, segments × columns (sum aggregation over each node's neighbours).
    package func segmentSum(_ segments: Segments) -> Variable {
        tape.record(value.segmentSum(segments), inputs: [self]) { g, _ in g.segmentExpanded(segments) }
    }

    /// Per-segment means (mean aggregation; an empty segment gives zeros).
    package func segmentMean(_ segments: Segments) -> Variable {
        let inverseSizes = Tensor(column: (0..<segments.count).map {
            let size = segments.range($0).count
            return size == 0 ? 0 : 1 / Float(size)
        })
        return tape.record(value.segmentMean(segments), inputs: [self]) { g, _ in
            g.multiplyingRows(by: inverseSizes).segmentExpanded(segments)
        }
    }

    /// Row s copied to every row of segment s (broadcast a node's vector to its neighbours).
    package func segmentExpanded(_ segments: Segments) -> Variable {
        tape.record(value.segmentExpanded(segments), inputs: [self]) { g, _ in g.segmentSum(segments) }
    }

    /// Softmax within each segment, per column (KGCN's user–relation attention over sampled
    /// neighbours, GAT-style edge attention).
    package func segmentSoftmax(_ segments: Segments) -> Variable {
        let y = value.segmentSoftmax(segments)
        return tape.record(y, inputs: [self]) { g, _ in
            Tensor.segmentSoftmaxGradient(output: y, upstream: g, segments: segments)
        }
    }
}
