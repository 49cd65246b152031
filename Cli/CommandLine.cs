namespace NotebookKeras.Cli;

/// <summary>The nkeras command line: dispatches a sub-command.</summary>
internal static class CommandLine
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.WriteLine("usage: nkeras <command> [options]");
            Console.WriteLine("commands:");
            Console.WriteLine("  example mlp [--epochs N] [--batch-size N] [--data DIR]   train the Ops+tape MLP on Fashion-MNIST");
            return args.Length == 0 ? 2 : 0;
        }
        Console.Error.WriteLine($"nkeras: unknown command '{args[0]}' (try nkeras --help)");
        return 2;
    }
}
