using NotebookKeras.Cli.Tests.Support;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Cli.Tests.Jupyter;

/// <summary>Jupyter's own client library drives the kernel (drive_kernel.py checks every reply).</summary>
public sealed class JupyterClientTests(JupyterKernelFixture jupyter) : IClassFixture<JupyterKernelFixture>
{
    [Fact]
    public void JupyterClientDrivesTheKernel()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Jupyter", "drive_kernel.py");
        var run = ProcessRunner.Run("/usr/bin/python3", [script], jupyter.Folder, jupyter.Environment, TimeSpan.FromMinutes(6));
        Assert.True(run.ExitCode == 0, run.Describe("drive_kernel.py (jupyter_client)"));
        Assert.Contains("all checks passed", run.Stdout);
    }
}
