using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookKeras.Kernel.Jupyter;

/// <summary>
/// The kernelspec that tells Jupyter how to start NotebookKeras: a folder "nkeras" holding kernel.json (argv, display name,
/// language, message-based interrupts) and the logos.
/// </summary>
public static class KernelSpec
{
    public const string Name = "nkeras";
    public const string DisplayName = "NotebookKeras (C#)";

    /// <summary>
    /// The kernels folder for an install: under <paramref name="prefix"/> (share/jupyter/kernels) when given, else the user's
    /// Jupyter data folder ($JUPYTER_DATA_DIR, or ~/.local/share/jupyter on Linux).
    /// </summary>
    public static string KernelsDirectory(string? prefix)
    {
        if (prefix is not null) return Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");
        var data = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        if (string.IsNullOrEmpty(data))
        {
            data = OperatingSystem.IsWindows()
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter")
                : OperatingSystem.IsMacOS()
                    ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "Library", "Jupyter")
                    : Path.Combine(Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
                        ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share"), "jupyter");
        }
        return Path.Combine(data, "kernels");
    }

    /// <summary>
    /// Writes the kernelspec folder into <paramref name="kernelsDirectory"/> and returns its path. <paramref name="command"/> is
    /// the argv that starts <c>nkeras</c> (e.g. ["nkeras"] for the .NET tool, or [dotnet, nkeras.dll]); "kernel
    /// --connection-file {connection_file}" is appended.
    /// </summary>
    public static string Install(string kernelsDirectory, IReadOnlyList<string> command)
    {
        if (command.Count == 0) throw new ArgumentException("The kernel command must name the nkeras executable.", nameof(command));
        var folder = Path.Combine(kernelsDirectory, Name);
        Directory.CreateDirectory(folder);
        var spec = new JsonObject
        {
            ["argv"] = new JsonArray([.. command.Select(a => (JsonNode)a), "kernel", "--connection-file", "{connection_file}"]),
            ["display_name"] = DisplayName,
            ["language"] = "C#",
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject { ["debugger"] = false },
        };
        File.WriteAllText(Path.Combine(folder, "kernel.json"), spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        foreach (var logo in new[] { "logo-32x32.png", "logo-64x64.png" })
        {
            using var source = typeof(KernelSpec).Assembly.GetManifestResourceStream($"NotebookKeras.Kernel.Jupyter.{logo}")
                ?? throw new InvalidOperationException($"The kernel logo resource '{logo}' is missing from the build.");
            using var target = File.Create(Path.Combine(folder, logo));
            source.CopyTo(target);
        }
        return folder;
    }
}
