#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How long a command waits when another process holds the store's write lock, and whom it
/// tells that it is waiting.
public struct BusyWait: Sendable {
    /// The longest wait, in seconds, before the command gives up (`--wait SECONDS`).
    public var seconds: Double
    /// Called once, after the first second of waiting, with a note for the person waiting.
    public var onWait: (@Sendable (String) -> Void)?

    /// The default wait, 30 seconds: long enough for another kgrec import to finish its transaction.
    public static let defaultSeconds = 30.0

    public init(seconds: Double = BusyWait.defaultSeconds, onWait: (@Sendable (String) -> Void)? = nil) {
        self.seconds = seconds
        self.onWait = onWait
    }
}

/// SQLite's busy handler for one connection: sleeps in short steps until the lock is free or
/// the wait is over, and tells the person once that it is waiting
/// (https://sqlite.org/c3ref/busy_handler.html).
final class BusyWaiter {
    let limit: Double
    private let path: String
    private let onWait: (@Sendable (String) -> Void)?
    private var started: timespec?
    private var told = false

    init(_ wait: BusyWait, path: String) {
        limit = max(0, wait.seconds)
        self.path = path
        onWait = wait.onWait
    }

    /// Nonzero to retry, zero to give up (SQLite then returns `SQLITE_BUSY`).
    func shouldRetry(attempts: Int32) -> Int32 {
        let now = BusyWaiter.now()
        if attempts == 0 || started == nil { started = now; told = false }
        let waited = BusyWaiter.seconds(from: started ?? now, to: now)
        guard waited < limit else { return 0 }
        if waited >= 1, !told {
            told = true
            onWait?("waiting for '\(path)': another process is writing to it (up to \(Int(limit.rounded())) s; "
                    + "--wait SECONDS changes this)")
        }
        usleep(attempts < 10 ? 5_000 : 50_000)
        return 1
    }

    private static func now() -> timespec {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return time
    }

    private static func seconds(from start: timespec, to end: timespec) -> Double {
        Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }
}
