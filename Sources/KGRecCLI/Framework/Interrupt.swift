import Dispatch
import Foundation

/// Ctrl-C during `kgrec train` or a REPL statement: SIGINT is delivered to a dispatch source
/// that only records it, and training asks `Interrupt.requested` between batches and stops,
/// keeping the best finished epoch. A second Ctrl-C before the first is handled (during the
/// final evaluation or the save, or a statement that never checks) quits at once with status
/// 130; SQLite rolls back a save it interrupts. While the REPL edits a line the terminal is in raw mode, so
/// Ctrl-C arrives as a key and cancels the line instead.
enum Interrupt {
    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var requested = false
        var source: DispatchSourceSignal?
    }

    private static let state = State()

    /// Routes SIGINT to the flag for the rest of the process.
    static func install() {
        state.lock.lock()
        defer { state.lock.unlock() }
        guard state.source == nil else { return }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            state.lock.lock()
            let again = state.requested || source.data > 1
            state.requested = true
            state.lock.unlock()
            if again {
                FileHandle.standardError.write(Data("\nInterrupted again: quitting now.\n".utf8))
                exit(130)
            }
            FileHandle.standardError.write(Data("\nStopping at the next batch boundary; press Ctrl-C again to quit now.\n".utf8))
        }
        source.resume()
        state.source = source
    }

    /// Forgets an earlier Ctrl-C, before the next statement starts.
    static func reset() {
        state.lock.lock()
        state.requested = false
        state.lock.unlock()
    }

    /// Whether Ctrl-C was pressed since the last `reset`.
    static var requested: Bool {
        state.lock.lock()
        defer { state.lock.unlock() }
        return state.requested
    }
}
