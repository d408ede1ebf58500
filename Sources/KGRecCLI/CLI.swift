import Foundation
import KGRecKit

/// Exit codes, after BSD sysexits: usage mistakes 64, bad input data 65, a missing input 66.
package enum ExitCode {
    package static let success: Int32 = 0
    package static let failure: Int32 = 1
    package static let usage: Int32 = 64
    package static let dataError: Int32 = 65
    package static let noInput: Int32 = 66
    /// Stopped by Ctrl-C (128 + SIGINT), after saving what could be saved.
    package static let interrupted: Int32 = 130
}

/// What the executable adds to the command line: commands that live outside KGRecCLI (`bench`
/// and `demo`, in KGRecBench, kept out of the library) and the demo generator the query commands
/// fall back on when no `Ontologies/` is found.
public struct CLIExtensions: Sendable {
    package var commands: [CommandSpec]
    package var demoGenerator: DemoStore.Generator?

    public init() {
        commands = []
        demoGenerator = nil
    }

    package init(commands: [CommandSpec], demoGenerator: DemoStore.Generator?) {
        self.commands = commands
        self.demoGenerator = demoGenerator
    }
}

/// The `kgrec` command line: a thin shell that parses arguments and calls KGRecKit.
public enum CLI {
    /// Runs kgrec with the process's arguments and exits; `extensions` adds the commands the
    /// executable links in (`bench`, `demo`) and the demo generator.
    public static func main(extensions: CLIExtensions = CLIExtensions()) -> Never {
        let console = Console()
        console.extensions = extensions
        exit(run(Array(CommandLine.arguments.dropFirst()), console: console))
    }

    /// Runs one command line and returns the exit code (tests call this directly).
    package static func run(_ arguments: [String], console: Console) -> Int32 {
        let commands = commands(console)
        guard let first = arguments.first else {
            // Plain `kgrec` on a terminal starts the REPL; piped input runs as a script.
            return run(["repl"], console: console)
        }
        if first == "--help" || first == "-h" {
            console.out(generalHelp(commands))
            return ExitCode.success
        }
        if first == "--version" || first == "-V" {
            console.line("kgrec \(version)")
            return ExitCode.success
        }
        guard let spec = commands.first(where: { $0.name == first }) else {
            let known = commands.filter { !$0.hidden }.map(\.name)
            let what = first.hasPrefix("-") ? "option" : "command"
            return usageFailure(UsageError(message: "unknown \(what) '\(first)'" + Suggestion.hint(for: first, in: known),
                                           command: nil), console)
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            console.out(spec.help(lineWidth: console.lineWidth))
            return ExitCode.success
        }
        do {
            let parsed = try ParsedArguments(rest, spec: spec)
            return try spec.run(parsed, console)
        } catch let error as UsageError {
            return usageFailure(error, console)
        } catch let error as KGRecError {
            console.err("Error: \(error.detailed)\n")
            return error.isDataError ? ExitCode.dataError : error.isUsageError ? ExitCode.usage : ExitCode.failure
        } catch {
            console.err("Error: \(error)\n")
            return ExitCode.failure
        }
    }

    /// Prints `Error: …`, the usage line and where to find help; returns 64.
    static func usageFailure(_ error: UsageError, _ console: Console) -> Int32 {
        var text = "Error: \(error.message)\n"
        if let name = error.command, let spec = commands(console).first(where: { $0.name == name }) {
            text += "Usage: \(spec.usage)\nSee 'kgrec \(name) --help'.\n"
        } else {
            text += "Usage: kgrec <command> [options]\nSee 'kgrec help'.\n"
        }
        console.err(text)
        return ExitCode.usage
    }

    static let version = "0.1.0"

    /// Every subcommand, in the order `kgrec help` lists them: the CLI's own and those the
    /// executable adds.
    static func commands(_ console: Console) -> [CommandSpec] {
        [QueryCommand.spec, ReplCommand.spec, ImportCommand.spec, StatsCommand.spec, TrainCommand.spec, EvalCommand.spec,
         ConvertCommand.spec] + console.extensions.commands + [HelpCommand.spec]
    }

    static func generalHelp(_ commands: [CommandSpec]) -> String {
        let visible = commands.filter { !$0.hidden }
        let width = visible.map(\.name.count).max() ?? 0
        var text = """
        kgrec: a knowledge-graph recommender. Import interactions and product ontologies, train
        graph models, and ask for recommendations that explain themselves.

        Usage: kgrec <command> [options]

        Commands:

        """
        for spec in visible { text += "  " + spec.name.padding(width) + "  " + spec.summary + "\n" }
        text += """

        The store is --store PATH, else $KGREC_STORE, else kgrec.db in the working directory.
        With no store, 'kgrec query' builds the bundled demo first.
        See 'kgrec <command> --help' for a command's options.

        """
        return text
    }
}

/// `kgrec help [command]`.
enum HelpCommand {
    static let spec = CommandSpec(
        name: "help", summary: "Show help for kgrec or one of its commands.",
        usage: "kgrec help [command]",
        positionals: [PositionalSpec(name: "command", help: "The command to explain.", optional: true)],
        run: { args, console in
            guard let name = args.positional(0) else {
                console.out(CLI.generalHelp(CLI.commands(console)))
                return ExitCode.success
            }
            guard let spec = CLI.commands(console).first(where: { $0.name == name }) else {
                throw UsageError(message: "unknown command '\(name)'" + Suggestion.hint(for: name, in: CLI.commands(console).map(\.name)),
                                 command: "help")
            }
            console.out(spec.help(lineWidth: console.lineWidth))
            return ExitCode.success
        })
}
