namespace NotebookKeras.Cli.Tests.Support;

/// <summary>A temporary folder deleted with everything in it when disposed.</summary>
internal sealed class TemporaryFolder(string prefix) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory($"nkeras-{prefix}-");

    public string Path => _folder.FullName;

    public void Dispose()
    {
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file; the OS cleans temp folders.
        }
    }
}
