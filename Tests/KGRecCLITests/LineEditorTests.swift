import Testing
@testable import KGRecCLI

@Suite struct LineEditorTests {
    private func type(_ text: String, into state: inout LineEditorState) {
        for scalar in text.unicodeScalars { _ = state.apply(.character(scalar)) }
    }

    @Test func editsInTheMiddleOfTheLine() {
        var state = LineEditorState(history: [])
        type("show i7", into: &state)
        _ = state.apply(.left)
        _ = state.apply(.backspace)
        type("9", into: &state)
        #expect(state.line == "show 97")
        _ = state.apply(.home)
        _ = state.apply(.delete)
        #expect(state.line == "how 97" && state.cursor == 0)
        _ = state.apply(.end)
        #expect(state.cursor == 6)
        _ = state.apply(.home)
        _ = state.apply(.killToEnd)
        #expect(state.line.isEmpty)
        #expect(state.apply(.enter) == .submit(""))
    }

    @Test func recallsHistoryAndKeepsTheDraft() {
        var state = LineEditorState(history: ["show i1", "stats"])
        type("rec", into: &state)
        _ = state.apply(.up)
        #expect(state.line == "stats")
        _ = state.apply(.up)
        #expect(state.line == "show i1")
        #expect(state.apply(.up) == EditorAction.none)
        _ = state.apply(.down)
        _ = state.apply(.down)
        #expect(state.line == "rec")
    }

    @Test func controlKeysCancelQuitAndDelete() {
        var state = LineEditorState(history: [])
        #expect(state.apply(.endOfFile) == .quit)
        type("ab", into: &state)
        _ = state.apply(.home)
        #expect(state.apply(.endOfFile) == .redraw)
        #expect(state.line == "b")
        #expect(state.apply(.interrupt) == .cancel)
    }

    @Test func decodesEscapeSequencesControlsAndUTF8() {
        var decoder = KeyDecoder()
        func keys(_ bytes: [UInt8]) -> [Key] { bytes.compactMap { decoder.feed($0) } }
        #expect(keys([0x1B, 0x5B, 0x41, 0x1B, 0x5B, 0x44, 0x1B, 0x5B, 0x33, 0x7E]) == [.up, .left, .delete])
        #expect(keys([0x01, 0x05, 0x03, 0x04, 0x7F, 0x0D]) == [.home, .end, .interrupt, .endOfFile, .backspace, .enter])
        #expect(keys(Array("é→".utf8)) == [.character("é"), .character("→")])
    }

    @Test func splitsStatementsOutsideQuotes() {
        #expect(ReplSession.splitStatements("show i1; show \"a;b\" ;; stats") == ["show i1", "show \"a;b\"", "stats"])
    }

    @Test func goldenScriptsAreParsedIntoCases() {
        let script = Script("""
            -- comment
            :format json
            > show i1
            ---
            i1 · item

            -- next
            !> show nobody
            ---
            Error: x
            > stats
            """, golden: true)
        #expect(script.isGolden)
        #expect(script.cases.map(\.statement) == ["show i1", "show nobody", "stats"])
        #expect(script.cases.map(\.expectsError) == [false, true, false])
        #expect(script.cases.map(\.expected) == ["i1 · item", "Error: x", nil])
        #expect(script.cases[0].meta == [":format json"] && script.cases[0].line == 3)
    }

    /// Ctrl-W deletes the word before the cursor (and the blanks after it), as shells do.
    @Test func controlWDeletesTheWordBeforeTheCursor() {
        var decoder = KeyDecoder()
        #expect(decoder.feed(0x17) == .killWordBackward)
        var state = LineEditorState(history: [])
        type("recommend items for u42  ", into: &state)
        #expect(state.apply(.killWordBackward) == .redraw)
        #expect(state.line == "recommend items for " && state.cursor == 20)
        _ = state.apply(.left)
        _ = state.apply(.killWordBackward)
        #expect(state.line == "recommend items  " && state.cursor == 16)
        _ = state.apply(.home)
        #expect(state.apply(.killWordBackward) == .none && state.line == "recommend items  ")
    }
}
