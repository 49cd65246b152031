namespace NotebookKeras.Cli.Tests.Support;

/// <summary>Paths in the checkout the tests run from, and the build configuration they were built in.</summary>
internal static class Repository
{
    public static string Root { get; } = Locate();

#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NotebookKeras.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No NotebookKeras.sln above {AppContext.BaseDirectory}.");
    }
}
