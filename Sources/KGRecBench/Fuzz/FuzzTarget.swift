import Foundation

/// One input a fuzz target reads: the bytes of one file (`slot` names which file of a
/// multi-file layout, empty for single-file kinds).
public struct FuzzInput: Sendable, Equatable {
    public var slot: String
    public var bytes: [UInt8]

    public init(slot: String = "", _ bytes: [UInt8]) {
        self.slot = slot
        self.bytes = bytes
    }

    public init(slot: String = "", _ text: String) {
        self.init(slot: slot, Array(text.utf8))
    }
}

/// How one fuzz case ended.
public enum FuzzVerdict: Sendable, Equatable {
    /// The input was read (and imported, or the statement ran).
    case accepted
    /// The input was refused with a well-formed error: a position where one is due, a short
    /// message, and the store left exactly as it was.
    case rejected
    /// Something a user must never see: an error without a position, an internal error, a
    /// message quoting too much of the input, a store changed by a failed import.
    case defect(String)
}

/// An input kind the fuzzer feeds: a reader, the query language or the script runner.
///
/// A target owns whatever it needs between cases (a private directory, a store) and must
/// turn every outcome into a verdict; only a crash or a hang escapes it, and those are what
/// the fuzzer is for.
public protocol FuzzTarget: AnyObject {
    /// The kind's name in reports and on the command line (`csv`, `ntriples`, `query`…).
    var name: String { get }
    /// Well-formed inputs the mutations start from.
    var seeds: [FuzzInput] { get }
    /// Tokens of the format worth inserting whole (delimiters, keywords, markup).
    var dictionary: [String] { get }
    /// Runs one input.
    func run(_ input: FuzzInput) -> FuzzVerdict
}

/// Checks every fuzz target applies to an error message.
enum FuzzChecks {
    /// The longest message an error may have beyond the file names it quotes: errors quote a
    /// short excerpt of the offending token, never whole lines of the input.
    static let longestMessage = 400

    /// A defect when `message` is too long once `names` (paths the caller gave) are removed.
    static func messageLength(_ message: String, names: [String]) -> FuzzVerdict? {
        var rest = message
        for name in names where !name.isEmpty { rest = rest.replacingOccurrences(of: name, with: "") }
        guard rest.count <= longestMessage else {
            return .defect("the message is \(rest.count) characters long, quoting too much of the input: "
                           + String(rest.prefix(120)) + "…")
        }
        return nil
    }
}
