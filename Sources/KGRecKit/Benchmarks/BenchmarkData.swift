import Foundation
import KGGraph

/// A failure while loading benchmark data: `file:line:column: message`.
public struct BenchmarkError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// A private reader for the two benchmark layouts the training benchmark needs, until the
/// importers (KGImport) land on main: it builds an `InteractionMatrix` directly, without a store.
///
/// - LightGCN/NGCF (`train.txt`, `test.txt`): one line per user, `user item item …`, dense ids.
/// - The lastfm-kgcn fixed split (`split/train.tsv`, `valid.tsv`, `test.tsv` with a
///   `user_id<TAB>item_id` header, original ids; `user_map.tsv`, `item_map.tsv` give the dense
///   indices).
enum BenchmarkData {
    /// Loads whichever layout `directory` holds.
    static func load(_ directory: URL) throws -> InteractionMatrix {
        let fm = FileManager.default
        if fm.fileExists(atPath: directory.appendingPathComponent("train.txt").path) {
            return try loadLightGCN(directory)
        }
        let split = fm.fileExists(atPath: directory.appendingPathComponent("split/train.tsv").path)
            ? directory.appendingPathComponent("split") : directory
        if fm.fileExists(atPath: split.appendingPathComponent("train.tsv").path) {
            return try loadTSVSplit(split)
        }
        throw BenchmarkError("\(directory.path): expected train.txt/test.txt (LightGCN layout) or "
                             + "split/train.tsv, valid.tsv, test.tsv (lastfm-kgcn layout)")
    }

    /// `train.txt` / `test.txt`: `user item item …` per line.
    static func loadLightGCN(_ directory: URL) throws -> InteractionMatrix {
        let train = try readAdjacencyLists(directory.appendingPathComponent("train.txt"))
        let testURL = directory.appendingPathComponent("test.txt")
        let test = FileManager.default.fileExists(atPath: testURL.path) ? try readAdjacencyLists(testURL) : []
        var userCount = 0, itemCount = 0
        for (u, i) in train + test {
            userCount = max(userCount, Int(u) + 1)
            itemCount = max(itemCount, Int(i) + 1)
        }
        return InteractionMatrix(userCount: userCount, itemCount: itemCount, train: train, test: test)
    }

    private static func readAdjacencyLists(_ url: URL) throws -> [(Int32, Int32)] {
        let text = try readText(url)
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

    /// The lastfm-kgcn fixed split: original ids mapped through `user_map.tsv` / `item_map.tsv`.
    static func loadTSVSplit(_ directory: URL) throws -> InteractionMatrix {
        let userMap = try readMap(directory.appendingPathComponent("user_map.tsv"))
        let itemMap = try readMap(directory.appendingPathComponent("item_map.tsv"))
        func pairs(_ name: String) throws -> [(Int32, Int32)] {
            let url = directory.appendingPathComponent(name)
            return try readRows(url, columns: 2).map { row in
                guard let u = userMap[row.fields[0]] else {
                    throw BenchmarkError("\(url.path):\(row.line):1: unknown user '\(row.fields[0])'")
                }
                guard let i = itemMap[row.fields[1]] else {
                    throw BenchmarkError("\(url.path):\(row.line):\(row.fields[0].count + 2): unknown item '\(row.fields[1])'")
                }
                return (u, i)
            }
        }
        let userCount = Int(userMap.values.max() ?? -1) + 1, itemCount = Int(itemMap.values.max() ?? -1) + 1
        return InteractionMatrix(userCount: userCount, itemCount: itemCount, train: try pairs("train.tsv"),
                                 valid: try pairs("valid.tsv"), test: try pairs("test.tsv"))
    }

    private static func readMap(_ url: URL) throws -> [String: Int32] {
        var map: [String: Int32] = [:]
        for row in try readRows(url, columns: 2) {
            guard let index = Int32(row.fields[1]), index >= 0 else {
                throw BenchmarkError("\(url.path):\(row.line):\(row.fields[0].count + 2): expected an index, found '\(row.fields[1])'")
            }
            map[row.fields[0]] = index
        }
        return map
    }

    /// Tab-separated rows after a header line, with their 1-based line numbers.
    private static func readRows(_ url: URL, columns: Int) throws -> [(line: Int, fields: [String])] {
        let text = try readText(url)
        var rows: [(line: Int, fields: [String])] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where index > 0 {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.isEmpty { continue }
            let fields = trimmed.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= columns else {
                throw BenchmarkError("\(url.path):\(index + 1):1: expected \(columns) tab-separated fields, found \(fields.count)")
            }
            rows.append((index + 1, fields))
        }
        return rows
    }

    private static func readText(_ url: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw BenchmarkError("\(url.path): cannot read the file")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
