import KGRecCLI
