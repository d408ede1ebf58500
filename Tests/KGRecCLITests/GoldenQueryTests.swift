import Foundation
import KGTestSupport
import Testing
@testable import KGRecCLI
@testable import KGRecKit

/// Runs every `Queries/*.kgq` file against the demo store and compares each statement's
/// output with the expected block. `KGREC_UPDATE_GOLDEN=1 swift test --filter GoldenQueryTests`
/// rewrites the expected blocks (review the diff before committing).
@Suite(.serialized) struct GoldenQueryTests {
    static let queries = SharedData.projectRoot.appendingPathComponent("Queries")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: queries.path)) ?? [])
            .filter { $0.hasSuffix(".kgq") }.sorted()
    }

    /// One demo store for every file (built from Ontologies/ on first use).
    static let store: String = {
        let dir = NSTemporaryDirectory() + "kgrec-golden-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/demo.db"
        if !FileManager.default.fileExists(atPath: path) {
            _ = try? DemoStore.build(at: path, from: SharedData.projectRoot.appendingPathComponent("Ontologies").path)
        }
        return path
    }()

    @Test(arguments: files)
    func goldenFile(_ name: String) throws {
        let url = Self.queries.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        let script = Script(text, golden: true)
        #expect(!script.cases.isEmpty, "\(name) has no '>' statements")
        // Each file gets its own copy of the demo store: a file that trains or imports cannot
        // change what another file sees.
        let copy = Self.store.replacingOccurrences(of: "demo.db", with: "\(name).db")
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: Self.store, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let console = RecordingConsole(directory: SharedData.projectRoot.path)
        let session = ReplSession(workspace: Session(storePath: copy), console: console)
        var actual: [String] = []
        for item in script.cases {
            for meta in item.meta { session.handle(meta) }
            let before = console.standardOutput.count
            let succeeded = session.run(item.statement)
            // The store lives in a temporary directory: print it as its file name; durations vary.
            var output = Self.maskingDurations(String(console.standardOutput.dropFirst(before))
                .replacingOccurrences(of: copy, with: "demo.db"))
            while output.hasSuffix("\n") { output.removeLast() }
            actual.append(output)
            if succeeded { checkExplanations(of: item.statement, session: session.workspace) }
            #expect(succeeded != item.expectsError,
                    "\(name):\(item.line): '\(item.statement)' \(item.expectsError ? "should fail" : "failed: \(output)")")
            if ProcessInfo.processInfo.environment["KGREC_UPDATE_GOLDEN"] == nil {
                #expect(output == item.expected, "\(name):\(item.line): output differs for '\(item.statement)'")
            }
        }
        if ProcessInfo.processInfo.environment["KGREC_UPDATE_GOLDEN"] != nil {
            writeFile(url.path, Array(Self.rewrite(text, outputs: actual).utf8))
        }
    }

    /// Every sentence and path a golden `recommend`, `similar` or `why` answers with is checked
    /// against the graph: reasons exist, paths are train paths from the anchor to the result,
    /// and every edge a sentence states is a train edge it names.
    func checkExplanations(of statement: String, session: Session) {
        let verb = statement.split(separator: " ").first?.lowercased() ?? ""
        guard ["recommend", "similar", "why"].contains(verb), let outcome = try? session.execute(statement) else { return }
        let s = outcome.snapshot
        switch outcome.result {
        case .recommendations(let r):
            for result in r.results { expectTrueExplanation(result.explanation, anchor: r.plan.anchor, result: result.node, in: s) }
        case .explanation(let w):
            expectTrueExplanation(w.explanation, anchor: w.plan.user, result: w.plan.item, in: s)
        default:
            break
        }
    }

    /// Replaces every duration ("in 0.42 s", "(7.4 s)") with "in … s" / "(… s)".
    static func maskingDurations(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let range = rest.range(of: " s") {
            var start = range.lowerBound
            while start > rest.startIndex, let c = rest[rest.index(before: start)...].first,
                  c.isNumber || c == "." {
                start = rest.index(before: start)
            }
            if start < range.lowerBound, rest[start..<range.lowerBound].contains(".") {
                result += rest[..<start] + "… s"
            } else {
                result += rest[..<range.upperBound]
            }
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// The file with each statement's expected block replaced by `outputs`.
    static func rewrite(_ text: String, outputs: [String]) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var result: [String] = []
        var index = 0, caseIndex = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            result.append(line)
            guard line.hasPrefix(">") || line.hasPrefix("!>") else { continue }
            if index < lines.count, lines[index].trimmingWhitespace() == "---" {
                index += 1
                while index < lines.count, !Script.endsExpectedOutput(lines[index]) { index += 1 }
                if index > 0, lines[index - 1].trimmingWhitespace().isEmpty { index -= 1 }
            }
            result.append("---")
            result.append(outputs[caseIndex])
            if index >= lines.count || !lines[index].trimmingWhitespace().isEmpty { result.append("") }
            caseIndex += 1
        }
        while result.last == "" { result.removeLast() }
        return result.joined(separator: "\n") + "\n"
    }
}
