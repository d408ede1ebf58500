import Foundation
import KGRecKit

/// The REPL's history, kept in `~/.kgrec_history` (one statement a line, the newest last).
struct History {
    static let limit = 1000
    let path: String?
    private(set) var entries: [String] = []

    /// Loads the history file; a missing or unreadable file starts an empty history.
    init(path: String?) {
        self.path = path
        if let path, let text = try? String(contentsOfFile: path, encoding: .utf8) {
            entries = text.split(separator: "\n").map(String.init).suffix(History.limit).map { $0 }
        }
    }

    /// `~/.kgrec_history`, or nil when there is no home directory.
    static var defaultPath: String? {
        ProcessInfo.processInfo.environment["HOME"].map { $0 + "/.kgrec_history" }
    }

    /// Records a line (not blank, not a repeat of the last one) and appends it to the file.
    mutating func add(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, entries.last != trimmed else { return }
        entries.append(trimmed)
        if entries.count > History.limit { entries.removeFirst(entries.count - History.limit) }
        guard let path else { return }
        // History is a convenience: a line that cannot be saved is not worth stopping the session for.
        try? Files.append(path, Array((trimmed + "\n").utf8), mode: 0o600)
    }
}
