namespace NotebookKeras.Runtime.Datasets;

/// <summary>
/// One dataset's files as Keras caches them: the file names, the folder under the Keras home they are cached in
/// (<c>datasets/fashion-mnist</c>), the folder a Debian package installs them to, and the URL folder Keras downloads them from.
/// </summary>
internal sealed record DatasetSource(string Name, IReadOnlyList<string> Files, string CacheSubdir, string SystemFolder, string Origin, string InstallHint);
