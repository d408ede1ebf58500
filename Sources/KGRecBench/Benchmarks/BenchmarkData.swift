import Foundation
import KGAutodiff
import KGGraph
import KGImport
import KGJSON
import KGModels
import KGQuery
import KGRecCLI
import KGRecKit
import KGStore
import KGTensor

/// A failure while loading benchmark data: `file:line:column: message`.
public struct BenchmarkError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Reads the train interactions of a LightGCN-layout directory (`train.txt`: `user item item …`
/// per line, dense ids) straight into an `InteractionMatrix`, keeping the file's ids.
///
/// The kernel benchmark uses this rather than the importer so that its adjacency is exactly the
/// matrix the Python reference in BENCHMARKS.md builds from the same file (same ids, same order).
enum BenchmarkData {
    static func loadLightGCNTrain(_ directory: URL) throws -> InteractionMatrix {
        let train = try readAdjacencyLists(directory.appendingPathComponent("train.txt"))
        var userCount = 0, itemCount = 0
        for (u, i) in train {
            userCount = max(userCount, Int(u) + 1)
            itemCount = max(itemCount, Int(i) + 1)
        }
        return InteractionMatrix(userCount: userCount, itemCount: itemCount, train: train)
    }

    private static func readAdjacencyLists(_ url: URL) throws -> [(Int32, Int32)] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw BenchmarkError("\(url.path): cannot read the file")
        }
        let text = String(decoding: data, as: UTF8.self)
        var pairs: [(Int32, Int32)] = []
        pairs.reserveCapacity(text.utf8.count / 6)
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let first = fields.first else { continue }
            guard let user = Int32(first), user >= 0 else {
                throw BenchmarkError("\(url.path):\(lineNumber):1: expected a user id, found '\(first)'")
            }
            for field in fields.dropFirst() {
                guard let item = Int32(field), item >= 0 else {
                    let column = line.distance(from: line.startIndex, to: field.startIndex) + 1
                    throw BenchmarkError("\(url.path):\(lineNumber):\(column): expected an item id, found '\(field)'")
                }
                pairs.append((user, item))
            }
        }
        return pairs
    }
}
