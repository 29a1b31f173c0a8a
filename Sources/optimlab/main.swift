import OptimlabCLI

OptimlabMain.main()
