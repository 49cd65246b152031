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
        ProcessRunner.Result result;
        try
        {
            result = ProcessRunner.Run(Python, [Path.Combine(ReferenceCases.Directory, script), .. arguments], timeout: TimeSpan.FromMinutes(2));
        }
        catch (InvalidOperationException e)
        {
            Assert.Fail($"Cannot start {Python} ({e.Message}): {script} needs Python 3 with {package}; install it (apt-get install -y {package}).");
            throw;
        }
        return (result.ExitCode, result.Stdout + result.Stderr);
    }
}
