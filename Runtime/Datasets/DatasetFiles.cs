namespace NotebookKeras.Runtime.Datasets;

/// <summary>
/// Finds a dataset's files the way Keras caches them (<c>$KERAS_HOME/datasets/&lt;name&gt;</c>, else <c>~/.keras/datasets/&lt;name&gt;</c>),
/// plus the folder Debian's dataset packages install to. Nothing is downloaded: the machine may have no network.
/// </summary>
internal static class DatasetFiles
{
    public static string Locate(string dataset, IReadOnlyList<string> files, string? directory, string installHint)
    {
        var candidates = new List<string>();
        if (directory is not null) candidates.Add(directory);
        else
        {
            if (Environment.GetEnvironmentVariable("KERAS_HOME") is { Length: > 0 } kerasHome)
                candidates.Add(Path.Combine(kerasHome, "datasets", dataset));
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (home.Length > 0) candidates.Add(Path.Combine(home, ".keras", "datasets", dataset));
            candidates.Add(Path.Combine("/usr/share/datasets", dataset));
        }
        foreach (var dir in candidates)
        {
            if (files.All(f => File.Exists(Path.Combine(dir, f)))) return dir;
        }
        throw new FileNotFoundException(
            $"The {dataset} dataset was not found. Looked for {string.Join(", ", files)} in: {string.Join("; ", candidates)}. {installHint}");
    }
}
