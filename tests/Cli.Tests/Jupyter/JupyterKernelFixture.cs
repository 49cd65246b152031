using NotebookKeras.Cli.Commands;
using NotebookKeras.Cli.Tests.Support;
using NotebookKeras.Kernel.Jupyter;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Cli.Tests.Jupyter;

/// <summary>
/// The NotebookKeras kernelspec installed into a temporary Jupyter path, starting this build of nkeras; real Jupyter clients
/// find it through <see cref="Environment"/>.
/// </summary>
public sealed class JupyterKernelFixture : IDisposable
{
    private readonly TemporaryFolder _folder = new("jupyter");

    public JupyterKernelFixture()
    {
        KernelSpec.Install(Path.Combine(_folder.Path, "kernels"), [ProcessRunner.Dotnet, typeof(KernelCommand).Assembly.Location]);
    }

    public string Folder => _folder.Path;

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["JUPYTER_PATH"] = _folder.Path,
        // Keep Jupyter's runtime files (connection files) out of the user's folders.
        ["JUPYTER_RUNTIME_DIR"] = Path.Combine(_folder.Path, "runtime"),
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    public void Dispose() => _folder.Dispose();
}
