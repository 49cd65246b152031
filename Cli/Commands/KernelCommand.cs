using NotebookKeras.Kernel.Execution;
using NotebookKeras.Kernel.Jupyter;

namespace NotebookKeras.Cli.Commands;

/// <summary>
/// <c>nkeras kernel --connection-file F</c> serves Jupyter on the connection file's address with one C# session;
/// <c>nkeras kernel install [--user | --prefix P]</c> writes the kernelspec that makes Jupyter start it.
/// </summary>
internal static class KernelCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is ["install", .. var installArgs]) return Install(installArgs, stdout);
        string? connectionFile = null;
        for (var i = 0; i < args.Length; i++)
        {
            connectionFile = args[i] switch
            {
                "--connection-file" or "-f" when i + 1 < args.Length => args[++i],
                _ => throw new CommandLine.UsageException($"kernel: unknown argument '{args[i]}' (expected --connection-file FILE, or install)"),
            };
        }
        if (connectionFile is null) throw new CommandLine.UsageException("kernel: --connection-file FILE is required (Jupyter passes it)");
        var connection = ConnectionInfo.Load(connectionFile);
        var session = new ScriptSession(baseDirectory: Environment.CurrentDirectory);
        using var kernel = new JupyterKernel(connection, session, stderr);
        // Jupyter interrupts with interrupt_request (interrupt_mode "message"); a terminal's Ctrl+C stops the kernel cleanly.
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            kernel.Stop();
        };
        kernel.Run();
        return 0;
    }

    private static int Install(string[] args, TextWriter stdout)
    {
        string? prefix = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--user": prefix = null; break;
                case "--prefix" when i + 1 < args.Length: prefix = args[++i]; break;
                default: throw new CommandLine.UsageException($"kernel install: unknown argument '{args[i]}' (expected --user or --prefix DIR)");
            }
        }
        var folder = KernelSpec.Install(KernelSpec.KernelsDirectory(prefix), LaunchCommand());
        stdout.WriteLine($"Installed the {KernelSpec.DisplayName} kernelspec in {folder}");
        return 0;
    }

    /// <summary>How Jupyter starts this nkeras: the apphost or tool shim directly, or dotnet with this assembly.</summary>
    internal static IReadOnlyList<string> LaunchCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var assembly = typeof(KernelCommand).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, assembly] : [process];
    }
}
