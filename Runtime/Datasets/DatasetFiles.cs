namespace NotebookKeras.Runtime.Datasets;

/// <summary>
/// Finds a dataset's files the way Keras does, then Debian's install folder, and downloads them into Keras's cache as a last
/// resort: an explicit folder (only that one); <c>$KERAS_HOME/&lt;subdir&gt;</c> and <c>~/.keras/&lt;subdir&gt;</c>; the Debian
/// folder; then a download from Keras's origin into the cache. When everything fails the error lists every place searched,
/// why the download failed and how to get the files.
/// </summary>
internal static class DatasetFiles
{
    private static readonly Lazy<HttpClient> Http = new(() => new HttpClient { Timeout = TimeSpan.FromMinutes(10) });

    public static string Locate(DatasetSource source, string? directory) =>
        Locate(source, directory, CacheRoots(), source.SystemFolder, source.Origin, Http.Value);

    /// <summary>The search with its places given (tests point them at temporary folders and a local server).</summary>
    internal static string Locate(DatasetSource source, string? directory, IReadOnlyList<string> cacheRoots, string systemFolder, string origin, HttpClient http)
    {
        var searched = new List<string>();
        bool Has(string dir)
        {
            searched.Add(dir);
            return source.Files.All(f => File.Exists(Path.Combine(dir, f)));
        }

        if (directory is not null)
        {
            if (Has(directory)) return directory;
            throw NotFound(source, searched, download: null);
        }
        var caches = cacheRoots.Select(root => Path.Combine(root, source.CacheSubdir)).ToArray();
        foreach (var dir in caches.Append(systemFolder))
        {
            if (Has(dir)) return dir;
        }
        if (caches.Length == 0) throw NotFound(source, searched, "there is no cache folder to download into (set KERAS_HOME)");
        var target = caches[0];
        try
        {
            Download(source, target, origin, http);
            return target;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or UnauthorizedAccessException)
        {
            throw NotFound(source, searched, $"downloading them from {origin} into {target} failed ({e.Message})");
        }
    }

    /// <summary>Keras's cache roots: <c>$KERAS_HOME</c>, then <c>~/.keras</c>.</summary>
    private static IReadOnlyList<string> CacheRoots()
    {
        var roots = new List<string>();
        if (Environment.GetEnvironmentVariable("KERAS_HOME") is { Length: > 0 } kerasHome) roots.Add(kerasHome);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0) roots.Add(Path.Combine(home, ".keras"));
        return roots;
    }

    private static void Download(DatasetSource source, string folder, string origin, HttpClient http)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in source.Files)
        {
            var target = Path.Combine(folder, file);
            if (File.Exists(target)) continue;
            // Written beside the target and moved into place, so an interrupted download never looks like a complete file.
            var temp = Path.Combine(folder, $".{file}.{Guid.NewGuid():N}.part");
            try
            {
                using (var response = http.GetAsync(origin.TrimEnd('/') + "/" + file, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult())
                {
                    response.EnsureSuccessStatusCode();
                    using var body = response.Content.ReadAsStream();
                    using var output = File.Create(temp);
                    body.CopyTo(output);
                }
                File.Move(temp, target, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
    }

    private static FileNotFoundException NotFound(DatasetSource source, IReadOnlyList<string> searched, string? download) => new(
        $"The {source.Name} dataset was not found. Looked for {string.Join(", ", source.Files)} in: {string.Join("; ", searched)}." +
        (download is null ? "" : $" Then {download}.") + " " + source.InstallHint);
}
