using System.ComponentModel;
using System.Diagnostics;

namespace NotebookKeras.Runtime.Tests.Support;

/// <summary>
/// Runs a checker script from tests/Runtime.Tests/Reference with Debian's Python (the interpreter python3-numpy and
/// python3-h5py install into; a python3 earlier on PATH may not see them). CI installs those packages, so a missing
/// interpreter fails the test with the package to install.
/// </summary>
public static class PythonScript
{
    private static readonly string Python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Runs Reference/<paramref name="script"/> with <paramref name="arguments"/>; returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Run(string script, string package, params string[] arguments)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ReferenceCases.Directory, script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"Cannot start {Python} ({e.Message}): {script} needs Python 3 with {package}; install it (apt-get install -y {package}).");
            throw;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{Python} {script} did not finish within 2 minutes.");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
