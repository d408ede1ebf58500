import Foundation
import KGAutodiff
import KGGraph
import KGImport
import KGJSON
import KGModels
import KGQuery
import KGRecCLI
import KGRecKit
import KGStore
import KGTensor

/// `kgrec demo --out DIR`: regenerate the bundled demo files (a developer tool; hidden).
enum DemoCommand {
    static let spec = CommandSpec(
        name: "demo", summary: "Write the generated demo ontology, catalog and interactions.",
        usage: "kgrec demo --out DIR [--seed N]",
        discussion: "The files in Ontologies/ are exactly this command's output with the default seed.",
        options: [.value("--out", "DIR", "The directory to write to (created when missing)."),
                  .value("--seed", "N", "The generator's seed (default 2026).")],
        hidden: true,
        run: { args, console in
            guard let out = args.string("--out") else {
                throw UsageError(message: "missing '--out DIR'", command: "demo")
            }
            let seed = try args.integer(.seed) ?? 2026
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for file in DemoCatalog.generate(seed: UInt64(seed)) {
                let path = out + "/" + file.name
                try Files.replace(path, with: Array(file.contents.utf8))
                console.line("wrote \(path)")
            }
            return ExitCode.success
        })
}
