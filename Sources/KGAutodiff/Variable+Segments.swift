import KGTensor

extension Variable {
    /// Per-segment sums, segments × columns (sum aggregation over each node's neighbours).
    public func segmentSum(_ segments: Segments) -> Variable {
        derived(value.segmentSum(segments), from: [self]) { tape, g in
            tape.accumulate(g.segmentExpanded(segments), into: self)
        }
    }

    /// Per-segment means (mean aggregation; an empty segment gives zeros).
    public func segmentMean(_ segments: Segments) -> Variable {
        let inverseSizes = Tensor(column: (0..<segments.count).map {
            let size = segments.range($0).count
            return size == 0 ? 0 : 1 / Float(size)
        })
        return derived(value.segmentMean(segments), from: [self]) { tape, g in
            tape.accumulate(g.multiplyingRows(by: inverseSizes).segmentExpanded(segments), into: self)
        }
    }

    /// Row s copied to every row of segment s (broadcast a node's vector to its neighbours).
    public func segmentExpanded(_ segments: Segments) -> Variable {
        derived(value.segmentExpanded(segments), from: [self]) { tape, g in
            tape.accumulate(g.segmentSum(segments), into: self)
        }
    }

    /// Softmax within each segment, per column (KGCN's user–relation attention over sampled
    /// neighbours, GAT-style edge attention).
    public func segmentSoftmax(_ segments: Segments) -> Variable {
        let y = value.segmentSoftmax(segments)
        return derived(y, from: [self]) { tape, g in
            tape.accumulate(Tensor.segmentSoftmaxGradient(output: y, upstream: g, segments: segments), into: self)
        }
    }
}
