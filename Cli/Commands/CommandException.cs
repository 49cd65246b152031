namespace NotebookKeras.Cli.Commands;

/// <summary>A command that cannot do what was asked (the arguments are well-formed, but do not fit the model): exit code 1.</summary>
internal sealed class CommandException(string message) : Exception(message);
