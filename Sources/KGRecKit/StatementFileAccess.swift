#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which files statements may read (`import "FILE"`, `mapping "FILE"`): those inside the
/// directories it allows, after links and `..` are resolved.
///
/// A statement comes from a script, a REPL line or (later) an HTTP request, so it is not
/// trusted the way a command-line argument is: by default it reaches only the directory the
/// session started in and below (`--allow-dir DIR` adds more). A path with a `..` component is
/// refused outright; a link whose target lies outside is refused; for a benchmark directory,
/// every entry is checked too.
public struct StatementFileAccess: Sendable, Equatable {
    /// The allowed directories, as canonical absolute paths.
    public private(set) var roots: [String]

    /// Allows `directories` (relative ones are taken from the working directory); a directory
    /// that does not exist is an error.
    public init(allowing directories: [String]) throws(KGRecError) {
        roots = []
        for directory in directories {
            guard let canonical = Files.canonical(directory), Files.isDirectory(canonical) else {
                throw .failed("cannot allow '\(directory)': it is not a directory")
            }
            if !roots.contains(canonical) { roots.append(canonical) }
        }
    }

    /// No file at all (a server started without an import directory).
    public static let nothing = StatementFileAccess(roots: [])

    private init(roots: [String]) { self.roots = roots }

    /// The working directory and below: what statements may read unless told otherwise.
    public static var workingDirectory: StatementFileAccess {
        StatementFileAccess(roots: Files.canonical(".").map { [$0] } ?? [])
    }

    /// The canonical path of `path` when a statement may read it, else an error saying why
    /// and how to allow it. `what` names the use in messages ("import", "mapping").
    public func check(_ path: String, for what: String) throws(KGRecError) -> String {
        if path == "-" { throw .failed("\(what) in a statement cannot read standard input; use 'kgrec import -'") }
        if path.split(separator: "/", omittingEmptySubsequences: true).contains("..") {
            throw .failed("\(what) path '\(Excerpt.path(path))' contains '..'; statements name files inside \(allowedText)")
        }
        guard let canonical = Files.canonical(path) else {
            throw .importFailed(.unreadable(path: path, reason: String(cString: strerror(errno))))
        }
        try requireInside(canonical, named: path, for: what)
        if Files.isDirectory(canonical) {
            for entry in Files.entries(of: canonical) {
                guard let target = Files.canonical(canonical + "/" + entry) else { continue }
                try requireInside(target, named: path + "/" + entry, for: what)
            }
        }
        return canonical
    }

    private func requireInside(_ canonical: String, named path: String, for what: String) throws(KGRecError) {
        let inside = roots.contains { root in
            canonical == root || canonical.hasPrefix(root == "/" ? "/" : root + "/")
        }
        guard inside else {
            throw .failed("\(what) path '\(Excerpt.path(path))' is outside \(allowedText)"
                          + (roots.isEmpty ? "" : "; start kgrec with --allow-dir DIR to allow another directory"))
        }
    }

    private var allowedText: String {
        switch roots.count {
        case 0: "the directories statements may read (none are allowed here)"
        case 1: "'\(roots[0])', the directory statements may read"
        default: "the directories statements may read (" + roots.map { "'\($0)'" }.joined(separator: ", ") + ")"
        }
    }
}
