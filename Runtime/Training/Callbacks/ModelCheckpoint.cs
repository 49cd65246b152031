using System.Globalization;
using System.Text.RegularExpressions;

namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>
/// Saves the model (or only its weights) during training (Keras's <c>ModelCheckpoint</c>): at the end of every epoch, or every
/// <paramref name="saveFreq"/> batches; with <paramref name="saveBestOnly"/>, only when the monitored quantity improves. The path
/// may hold Keras's placeholders, filled from the epoch (1-based) and the logs: <c>"ckpt/model-{epoch:02d}-{val_loss:.2f}"</c>.
/// As in Keras 3, the model is written with <c>Model.Save</c> to a path ending in <c>.keras</c>, or with
/// <paramref name="saveWeightsOnly"/> with <c>Model.SaveWeights</c> to a path ending in <c>.weights.h5</c>; missing folders are created.
/// </summary>
public sealed partial class ModelCheckpoint : Callback
{
    private bool _increasing;
    private double _best;
    private int _batchesSinceSave;
    private int _epoch;

    public ModelCheckpoint(
        string filepath, string monitor = "val_loss", int verbose = 0, bool saveBestOnly = false, bool saveWeightsOnly = false,
        string mode = "auto", int? saveFreq = null, double? initialValueThreshold = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filepath);
        ArgumentException.ThrowIfNullOrWhiteSpace(monitor);
        MonitorMode.Validate(mode, nameof(ModelCheckpoint));
        if (saveFreq is <= 0) throw new ArgumentOutOfRangeException(nameof(saveFreq), saveFreq, "ModelCheckpoint: saveFreq must be a positive number of batches, or null to save at every epoch.");
        // Keras 3's checks: the format follows from the extension.
        if (saveWeightsOnly && !filepath.EndsWith(".weights.h5", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"ModelCheckpoint: with saveWeightsOnly: true the file path must end in .weights.h5 (Keras weights format); got '{filepath}'.", nameof(filepath));
        if (!saveWeightsOnly && !filepath.EndsWith(".keras", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"ModelCheckpoint: the file path must end in .keras (Keras model format), or in .weights.h5 with saveWeightsOnly: true; got '{filepath}'.", nameof(filepath));
        Filepath = filepath;
        Monitor = monitor;
        Verbose = verbose;
        SaveBestOnly = saveBestOnly;
        SaveWeightsOnly = saveWeightsOnly;
        Mode = mode;
        SaveFreq = saveFreq;
        InitialValueThreshold = initialValueThreshold;
        _increasing = MonitorMode.IsIncreasing(monitor, mode);
        _best = initialValueThreshold ?? (_increasing ? double.NegativeInfinity : double.PositiveInfinity);
    }

    public string Filepath { get; }

    public string Monitor { get; }

    public int Verbose { get; }

    public bool SaveBestOnly { get; }

    public bool SaveWeightsOnly { get; }

    public string Mode { get; }

    /// <summary>Save every this many batches; null saves at the end of every epoch.</summary>
    public int? SaveFreq { get; }

    public double? InitialValueThreshold { get; }

    /// <summary>The best monitored value seen (for <see cref="SaveBestOnly"/>).</summary>
    public double Best => _best;

    /// <summary>The path of the last checkpoint written, if any.</summary>
    public string? LastSaved { get; private set; }

    public override void OnEpochBegin(int epoch, IDictionary<string, double> logs) => _epoch = epoch;

    public override void OnTrainBatchEnd(int batch, IDictionary<string, double> logs)
    {
        if (SaveFreq is not { } every) return;
        if (++_batchesSinceSave < every) return;
        _batchesSinceSave = 0;
        Save(_epoch, logs);
    }

    public override void OnEpochEnd(int epoch, IDictionary<string, double> logs)
    {
        if (SaveFreq is null) Save(epoch, logs);
    }

    /// <summary>Fills the path's placeholders: <c>{epoch}</c> (1-based) and log names, with Python-style formats (02d, .2f, .4e).</summary>
    public static string FormatPath(string filepath, int epoch, IDictionary<string, double> logs) =>
        Placeholder().Replace(filepath, m =>
        {
            var name = m.Groups[1].Value;
            var spec = m.Groups[2].Success ? m.Groups[2].Value : "";
            if (name == "epoch") return FormatNumber(epoch + 1, spec);
            return logs.TryGetValue(name, out var value)
                ? FormatNumber(value, spec)
                : throw new KeyNotFoundException($"ModelCheckpoint: the path '{filepath}' uses '{{{name}}}', which is not in the logs ({string.Join(", ", logs.Keys)}).");
        });

    private void Save(int epoch, IDictionary<string, double> logs)
    {
        var model = RequireModel();
        var path = FormatPath(Filepath, epoch, logs);
        if (SaveBestOnly)
        {
            var current = MonitorMode.Read(logs, Monitor, "ModelCheckpoint (save best only)");
            if (current is not { } value) return;
            if (!(_increasing ? value > _best : value < _best))
            {
                if (Verbose > 0) Print($"Epoch {epoch + 1}: {Monitor} did not improve from {_best.ToString("F5", CultureInfo.InvariantCulture)}");
                return;
            }
            if (Verbose > 0)
                Print($"Epoch {epoch + 1}: {Monitor} improved from {_best.ToString("F5", CultureInfo.InvariantCulture)} to {value.ToString("F5", CultureInfo.InvariantCulture)}, saving model to {path}");
            _best = value;
        }
        else if (Verbose > 0) Print($"Epoch {epoch + 1}: saving model to {path}");
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        if (SaveWeightsOnly) model.SaveWeights(path);
        else model.Save(path);
        LastSaved = path;
    }

    private static string FormatNumber(double value, string spec)
    {
        var inv = CultureInfo.InvariantCulture;
        if (spec.Length == 0) return value == Math.Floor(value) && Math.Abs(value) < 1e15 ? ((long)value).ToString(inv) : value.ToString("R", inv);
        var m = FormatSpec().Match(spec);
        if (!m.Success) throw new FormatException($"ModelCheckpoint: unsupported format '{spec}' in the file path (use forms such as 02d, .2f, .4e).");
        var zeroPad = m.Groups[1].Value == "0";
        var width = m.Groups[2].Success && m.Groups[2].Value.Length > 0 ? int.Parse(m.Groups[2].Value, inv) : 0;
        var precision = m.Groups[3].Success && m.Groups[3].Value.Length > 0 ? int.Parse(m.Groups[3].Value, inv) : 6;
        var text = m.Groups[4].Value switch
        {
            "d" => ((long)Math.Round(value)).ToString(inv),
            "f" => value.ToString("F" + precision, inv),
            "e" => value.ToString(precision == 0 ? "0e+00" : "0." + new string('0', precision) + "e+00", inv),
            _ => value.ToString("R", inv),
        };
        return zeroPad ? text.PadLeft(width, '0') : text.PadLeft(width);
    }

    [GeneratedRegex(@"\{(\w+)(?::([^}]*))?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(0?)(\d*)(?:\.(\d+))?([dfeg]?)$")]
    private static partial Regex FormatSpec();
}
