return NotebookKeras.Cli.CommandLine.Run(args);
