using NotebookKeras.Runtime.IO;
using NotebookKeras.Runtime.Saving;

namespace NotebookKeras.Runtime.Models;

public partial class Model
{
    /// <summary>
    /// Keras's <c>model.save("x.keras")</c>: the Keras 3 archive (config and weights), readable by Python Keras's
    /// <c>keras.saving.load_model</c> and by <see cref="Load"/>. The file is written atomically.
    /// </summary>
    public void Save(string path) => KerasArchive.Save(this, path);

    /// <summary>
    /// Keras's <c>keras.saving.load_model</c>: rebuilds the model from its config and loads its weights, from a Keras 3
    /// <c>.keras</c> archive or a legacy Keras 2 <c>.h5</c>/<c>.hdf5</c> file (compiled again when the file holds a training config).
    /// </summary>
    /// <param name="path">The model file.</param>
    /// <param name="customObjects">
    /// Keras's <c>custom_objects</c>: custom classes by registered name ("MyPkg>SimpleDense") or class name, for this load only.
    /// </param>
    /// <exception cref="KerasFormatException">The file is corrupt, or describes a model NotebookKeras cannot build.</exception>
    public static Model Load(string path, IReadOnlyDictionary<string, Type>? customObjects = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var scope = KerasRegistry.UseCustomObjects(customObjects);
        if (IsLegacyH5Name(path)) return LegacyH5File.LoadModel(path);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return Saving.Tfjs.TfjsLayersModel.Load(path);
        return KerasArchive.Load(path);
    }

    /// <summary>Keras's <c>model.to_json()</c>: the model's config envelope, as in a <c>.keras</c> file's <c>config.json</c>.</summary>
    public string ToJson() => ModelJson.ToJson(this);

    /// <summary>
    /// Keras's <c>keras.models.model_from_json</c>: the (uncompiled unless the JSON has a compile config, untrained) model
    /// described by Keras 3 JSON, Keras 2 JSON, or a TensorFlow.js model topology.
    /// </summary>
    /// <exception cref="KerasFormatException">The JSON is invalid or describes a model NotebookKeras cannot build.</exception>
    public static Model FromJson(string json, IReadOnlyDictionary<string, Type>? customObjects = null)
    {
        using var scope = KerasRegistry.UseCustomObjects(customObjects);
        return ModelJson.FromJson(json, "the model JSON");
    }

    /// <summary>Keras's <c>model.save_weights("x.weights.h5")</c>: the weights in Keras 3's HDF5 layout, written atomically.</summary>
    public void SaveWeights(string path)
    {
        KerasArchive.RequireExtension(path, ".weights.h5", "SaveWeights");
        AtomicFile.Write(path, stream => WeightsFile.Write(this, stream));
    }

    /// <summary>
    /// Keras's <c>model.load_weights(path)</c> from a <c>.weights.h5</c> or <c>.keras</c> file (Keras 3), or a legacy Keras 2
    /// <c>.h5</c>/<c>.hdf5</c> file, whose layers are matched by order (the layers with weights) or, with
    /// <paramref name="byName"/>, by name. Every weight is read and checked before any is assigned, so a failed load leaves
    /// the model unchanged. Returns the warnings about what was skipped (only with <paramref name="skipMismatch"/>).
    /// </summary>
    /// <param name="path">The weights file.</param>
    /// <param name="byName">Legacy files only: match saved layers to the model's layers by name.</param>
    /// <param name="skipMismatch">With <paramref name="byName"/>: skip layers whose weight count or weights whose shape differ.</param>
    /// <exception cref="KerasFormatException">The file is corrupt, or its weights do not match the model's.</exception>
    public IReadOnlyList<string> LoadWeights(string path, bool byName = false, bool skipMismatch = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.EndsWith(".keras", StringComparison.OrdinalIgnoreCase) && !byName)
        {
            KerasArchive.LoadWeights(this, path);
            return [];
        }
        // A Keras 2 save_weights file may well be named x.weights.h5: the layout, not the name, decides.
        if (IsLegacyH5Name(path) || (path.EndsWith(".weights.h5", StringComparison.OrdinalIgnoreCase) && LegacyH5File.IsLegacy(path)))
            return LegacyH5File.LoadWeights(this, path, byName, skipMismatch);
        if (byName || skipMismatch)
            throw new ArgumentException($"LoadWeights: byName and skipMismatch apply to legacy Keras 2 .h5 files only; '{path}' is a Keras 3 file, loaded by object path.", nameof(byName));
        KerasArchive.RequireExtension(path, ".weights.h5", "LoadWeights");
        using var stream = File.OpenRead(path);
        WeightsFile.Read(this, stream, path);
        return [];
    }

    private static bool IsLegacyH5Name(string path) =>
        (path.EndsWith(".h5", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".weights.h5", StringComparison.OrdinalIgnoreCase))
        || path.EndsWith(".hdf5", StringComparison.OrdinalIgnoreCase);

    /// <summary>Keras's <c>get_compile_config</c>: the arguments of <see cref="Compile"/>, or null when the model is not compiled.</summary>
    internal System.Text.Json.Nodes.JsonObject? CompileConfig()
    {
        if (_trainer is not { Optimizer: { } optimizer } trainer) return null;
        var (loss, metrics, lossWeights, weightedMetrics) = trainer.CompileArguments;
        return Saving.CompileConfig.Serialize(optimizer, loss, metrics, lossWeights, weightedMetrics);
    }
}
