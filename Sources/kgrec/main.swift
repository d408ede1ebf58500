import KGRecBench
import KGRecCLI

CLI.main(extensions: .measurement)
