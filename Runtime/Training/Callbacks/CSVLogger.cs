using System.Globalization;

namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>
/// Writes one CSV row per epoch (Keras's <c>CSVLogger</c>): an "epoch" column, then the logs' names in sorted order (with their
/// "val_" twins added when validation has not run yet), "NA" for a value missing in an epoch. With <paramref name="append"/>
/// the file is extended (no second header). Each row is appended and the file closed again, so an interrupted fit leaves a
/// complete file.
/// </summary>
public sealed class CSVLogger(string filename, string separator = ",", bool append = false) : Callback
{
    private List<string>? _keys;
    private bool _writeHeader = true;

    public string Filename { get; } = string.IsNullOrWhiteSpace(filename) ? throw new ArgumentException("CSVLogger needs a file name.", nameof(filename)) : filename;

    public string Separator { get; } = separator;

    public bool Append { get; } = append;

    public override void OnTrainBegin(IDictionary<string, double> logs)
    {
        _keys = null;
        _writeHeader = true;
        if (Path.GetDirectoryName(Path.GetFullPath(Filename)) is { } dir) Directory.CreateDirectory(dir);
        if (Append && File.Exists(Filename))
        {
            using var reader = new StreamReader(Filename);
            _writeHeader = string.IsNullOrEmpty(reader.ReadLine());
        }
        else File.WriteAllText(Filename, "");
    }

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        var lines = new List<string>();
        if (_keys is null)
        {
            _keys = [.. logs.Keys.Order(StringComparer.Ordinal)];
            // With validationFreq > 1 the first epoch has no "val_" values: add their columns now.
            if (!_keys.Any(k => k.StartsWith("val_", StringComparison.Ordinal)) && _keys.Count > 0)
                _keys.AddRange(_keys.Select(k => "val_" + k).ToArray());
            if (_writeHeader) lines.Add(string.Join(Separator, ["epoch", .. _keys]));
        }
        var row = _keys.Select(k => logs.TryGetValue(k, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : "NA");
        lines.Add(string.Join(Separator, [epoch.ToString(CultureInfo.InvariantCulture), .. row]));
        File.AppendAllLines(Filename, lines);
    }
}
