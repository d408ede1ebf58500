import KGRecCLI

CLI.main()
