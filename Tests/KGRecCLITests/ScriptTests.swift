import KGTestSupport
import Testing
@testable import KGRecCLI

/// Scripts run by `kgrec repl`: any line ending, golden mode only with `--golden`, and errors
/// at the script's own line and column.
@Suite struct ScriptTests {
    @Test(arguments: ["\n", "\r\n", "\r"])
    func everyLineEndingSplitsStatements(ending: String) {
        let dir = TemporaryDirectory()
        let store = DeepQueryTests.store(in: dir)
        let input = ["show u1", "-- a comment", "show i1", ""].joined(separator: ending)
        let run = kgrec(["repl", "--store", store], in: dir, input: input)
        #expect(run.status == 0)
        #expect(run.output.contains("u1 · user") && run.output.contains("i1 · item"))
        #expect(!run.output.contains("Error"))
        #expect(Script(input).cases.map(\.line) == [1, 3])
    }

    @Test func aLineStartingWithAGreaterThanSignIsNotGoldenModeUnlessAsked() {
        let dir = TemporaryDirectory()
        let store = DeepQueryTests.store(in: dir)
        let input = "show u1\n> show i1\n---\nshow i2\n"
        let run = kgrec(["repl", "--store", store], in: dir, input: input)
        #expect(run.status == 1)
        #expect(run.output.contains("u1 · user") && run.output.contains("i2 · item"))
        #expect(run.output.contains(
            "Error: script:2:1: '>' starts a statement of a golden file; run golden files with 'kgrec repl --golden'\n"))
        #expect(run.output.components(separatedBy: "Error:").count == 2)

        let golden = kgrec(["repl", "--golden", "--store", store], in: dir, input: input)
        #expect(golden.status == 0)
        #expect(golden.output.hasPrefix("> show i1\ni1 · item"))
        #expect(!golden.output.contains("u1 · user") && !golden.output.contains("i2 · item"))
    }

    @Test(arguments: [
        ("show u1\n\n  show nobody\n", "Error: script:3:8: unknown node 'nobody'\n  show nobody\n       ^^^^^^\n"),
        ("show u1; show nobody\n", "Error: script:1:15: unknown node 'nobody'\n  show nobody\n       ^^^^^^\n"),
        ("show u1\r\nshow u7\r\n", "Error: script:2:6: unknown node 'u7'. Did you mean 'u1'?\n  show u7\n       ^^\n"),
        ("eval using_mf\n", "Error: script:1:1: no trained 'using_mf' model in "),
        ("show u1\n:format xml\n", "Error: script:2:1: :format takes 'table', 'json', 'csv' or 'dot'\n"),
    ])
    func errorsPointIntoTheScript(input: String, message: String) {
        let dir = TemporaryDirectory()
        let store = DeepQueryTests.store(in: dir)
        let run = kgrec(["repl", "--store", store], in: dir, input: input)
        #expect(run.status == 1)
        #expect(run.output.contains(message), "\(run.output)")
    }

    @Test func aScriptFileIsNamedInItsErrors() {
        let dir = TemporaryDirectory()
        let store = DeepQueryTests.store(in: dir)
        let file = dir.write("tour.kgq", "-- a tour\nshow u1\nshow i1; show nobody\n")
        let run = kgrec(["repl", file, "--store", store], in: dir)
        #expect(run.status == 1)
        #expect(run.output.contains("u1 · user") && run.output.contains("i1 · item"))
        #expect(run.output.contains("Error: \(file):3:15: unknown node 'nobody'\n"))
        let missing = kgrec(["repl", dir.path("none.kgq"), "--store", store], in: dir)
        #expect(missing.status == 66)
        #expect(missing.error == "Error: cannot read the script '\(dir.path("none.kgq"))'\n")
    }
}
