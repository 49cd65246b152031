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

    /// <summary>Keras's <c>keras.saving.load_model("x.keras")</c>: rebuilds the model from its config and loads its weights.</summary>
    /// <exception cref="KerasFormatException">The file is corrupt, or describes a model NotebookKeras cannot build.</exception>
    public static Model Load(string path) => KerasArchive.Load(path);

    /// <summary>Keras's <c>model.save_weights("x.weights.h5")</c>: the weights in Keras 3's HDF5 layout, written atomically.</summary>
    public void SaveWeights(string path)
    {
        KerasArchive.RequireExtension(path, ".weights.h5", "SaveWeights");
        AtomicFile.Write(path, stream => WeightsFile.Write(this, stream));
    }

    /// <summary>
    /// Keras's <c>model.load_weights(path)</c> from a <c>.weights.h5</c> or <c>.keras</c> file. Every weight is read and checked
    /// before any is assigned, so a failed load leaves the model unchanged.
    /// </summary>
    /// <exception cref="KerasFormatException">The file is corrupt, or its weights do not match the model's.</exception>
    public void LoadWeights(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.EndsWith(".keras", StringComparison.OrdinalIgnoreCase))
        {
            KerasArchive.LoadWeights(this, path);
            return;
        }
        KerasArchive.RequireExtension(path, ".weights.h5", "LoadWeights");
        using var stream = File.OpenRead(path);
        WeightsFile.Read(this, stream, path);
    }

    /// <summary>Keras's <c>get_compile_config</c>: the arguments of <see cref="Compile"/>, or null when the model is not compiled.</summary>
    internal System.Text.Json.Nodes.JsonObject? CompileConfig()
    {
        if (_trainer is not { Optimizer: { } optimizer } trainer) return null;
        var (loss, metrics, lossWeights, weightedMetrics) = trainer.CompileArguments;
        return Saving.CompileConfig.Serialize(optimizer, loss, metrics, lossWeights, weightedMetrics);
    }
}
