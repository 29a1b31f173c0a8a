// The command-line layer: argument parsing, the REPL and rendering.
public enum CLIModule {}
