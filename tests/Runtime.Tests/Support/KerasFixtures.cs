namespace NotebookKeras.Runtime.Tests.Support;

/// <summary>
/// Files written by real Keras 3 (shared/fixtures/keras3 beside the checkout, as CI lays it out): models with their inputs
/// and expected outputs.
/// </summary>
public static class KerasFixtures
{
    public static string Directory { get; } = Locate();

    public static string PathOf(string file) => Path.Combine(Directory, file);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "NotebookKeras.sln"))) continue;
            var fixtures = Path.Combine(dir.FullName, "..", "shared", "fixtures", "keras3");
            if (System.IO.Directory.Exists(fixtures)) return Path.GetFullPath(fixtures);
            throw new DirectoryNotFoundException($"The Keras 3 fixtures are expected in {Path.GetFullPath(fixtures)} (shared/ beside the checkout).");
        }
        throw new DirectoryNotFoundException($"Could not find the repository root (NotebookKeras.sln) above {AppContext.BaseDirectory}.");
    }
}
