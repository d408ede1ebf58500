/// A query script: plain statements one per line, or the golden format of `Queries/*.kgq`.
///
/// Golden format (`kgrec repl --golden`): `> statement` runs a statement, `!> statement` runs
/// one that must fail, `---` starts the expected output, which runs to the next statement,
/// comment (`--`) or meta-command (`:`) line. Run as a script, a golden file executes its
/// statements and prints their output, so `kgrec repl --golden < Queries/tour.kgq` shows the
/// tour. Lines end with LF, CRLF or a lone CR.
package struct Script {
    package struct Case: Equatable {
        var statement: String
        var expectsError: Bool
        /// The expected output (golden files only), without trailing blank lines.
        var expected: String?
        /// 1-based line of the statement in the file.
        var line: Int
        /// 1-based column (in Unicode scalars) where the statement starts on its line.
        var column: Int = 1
        /// Meta-commands (`:format json`) that come before the statement, with their lines.
        var meta: [String]
        var metaLines: [Int] = []
    }

    package var cases: [Case] = []
    package let isGolden: Bool
    /// Meta-commands after the last statement, and their lines.
    package var trailingMeta: [String] = []
    package var trailingMetaLines: [Int] = []

    /// Whether a line ends an expected-output block.
    package static func endsExpectedOutput(_ line: String) -> Bool {
        line.hasPrefix(">") || line.hasPrefix("!>") || line.hasPrefix("--") || line.hasPrefix(":")
    }

    /// The lines of `text`, split at LF, CRLF and lone CR.
    package static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.map(String.init)
    }

    /// - Parameter golden: read the golden format (`kgrec repl --golden`); otherwise every line
    ///   holds statements separated by `;`.
    package init(_ text: String, golden: Bool = false) {
        isGolden = golden
        let lines = Script.lines(text)
        var pendingMeta: [String] = [], pendingLines: [Int] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingWhitespace()
            index += 1
            let lineNumber = index
            if trimmed.isEmpty || trimmed.hasPrefix("--") && !(golden && trimmed == "---") { continue }
            if trimmed.hasPrefix(":") {
                pendingMeta.append(trimmed)
                pendingLines.append(lineNumber)
                continue
            }
            if golden {
                let expectsError = line.hasPrefix("!>")
                guard expectsError || line.hasPrefix(">") else { continue }
                let statement = String(line.dropFirst(expectsError ? 2 : 1)).trimmingWhitespace()
                var expected: String?
                if index < lines.count, lines[index].trimmingWhitespace() == "---" {
                    index += 1
                    var body: [String] = []
                    while index < lines.count, !Script.endsExpectedOutput(lines[index]) {
                        body.append(lines[index])
                        index += 1
                    }
                    while let last = body.last, last.trimmingWhitespace().isEmpty { body.removeLast() }
                    expected = body.joined(separator: "\n")
                }
                cases.append(Case(statement: statement, expectsError: expectsError, expected: expected,
                                  line: lineNumber, meta: pendingMeta, metaLines: pendingLines))
            } else {
                for (statement, column) in ReplSession.splitStatementsWithColumns(line) {
                    cases.append(Case(statement: statement, expectsError: false, expected: nil, line: lineNumber,
                                      column: column, meta: pendingMeta, metaLines: pendingLines))
                    pendingMeta = []
                    pendingLines = []
                }
            }
            pendingMeta = []
            pendingLines = []
        }
        trailingMeta = pendingMeta
        trailingMetaLines = pendingLines
    }
}
