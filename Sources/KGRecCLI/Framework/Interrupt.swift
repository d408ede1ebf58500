import Foundation
import Synchronization

/// Ctrl-C during `kgrec train` or a REPL statement: the handler only records it, and training
/// asks `Interrupt.requested` between batches and stops, keeping the best finished epoch. While
/// the REPL edits a line the terminal is in raw mode, so Ctrl-C arrives as a key and cancels the
/// line instead.
enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    /// Routes SIGINT to the flag for the rest of the process.
    static func install() {
        signal(SIGINT) { _ in Interrupt.flag.store(true, ordering: .relaxed) }
    }

    /// Forgets an earlier Ctrl-C, before the next statement starts.
    static func reset() { flag.store(false, ordering: .relaxed) }

    /// Whether Ctrl-C was pressed since the last `reset`.
    static var requested: Bool { flag.load(ordering: .relaxed) }
}
