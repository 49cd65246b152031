using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>
/// The interim checkpoint format: <paramref name="path"/> is a folder holding <c>weights.json</c> (each weight's path and shape,
/// in <c>Model.Weights</c> order), one <c>&lt;index&gt;.npy</c> per weight (readable with <c>numpy.load</c>), and for a whole model
/// <c>config.json</c> (the model's Keras config). A folder is written beside the target and then moved into place, so an
/// interrupted save never leaves a half-written checkpoint.
/// </summary>
public sealed class NpyFolderSaver : IModelSaver
{
    private const string Manifest = "weights.json";

    public static NpyFolderSaver Instance { get; } = new();

    public void SaveWeights(Model model, string path) => Write(model, path, includeConfig: false);

    public void SaveModel(Model model, string path) => Write(model, path, includeConfig: true);

    public void LoadWeights(Model model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var manifestPath = Path.Combine(path, Manifest);
        if (!File.Exists(manifestPath))
            throw new FileNotFoundException($"No weights checkpoint at '{path}': '{Manifest}' is missing.", manifestPath);
        var entries = JsonNode.Parse(File.ReadAllText(manifestPath)) as JsonArray
            ?? throw new InvalidDataException($"'{manifestPath}' is not a list of weights.");
        var values = new List<Tensor>(entries.Count);
        for (var i = 0; i < entries.Count; i++) values.Add(NpyFile.Read(Path.Combine(path, $"{i}.npy")));
        model.SetWeights(values);
    }

    private static void Write(Model model, string path, bool includeConfig)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var target = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(target) ?? ".";
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temp);
        try
        {
            var weights = model.Weights;
            var manifest = new JsonArray();
            for (var i = 0; i < weights.Count; i++)
            {
                NpyFile.Write(Path.Combine(temp, $"{i}.npy"), weights[i].Value);
                manifest.Add(new JsonObject { ["path"] = weights[i].Path, ["shape"] = new JsonArray(weights[i].Shape.Select(d => (JsonNode)d).ToArray()) });
            }
            var indented = new JsonSerializerOptions { WriteIndented = true };
            File.WriteAllText(Path.Combine(temp, Manifest), manifest.ToJsonString(indented));
            if (includeConfig) File.WriteAllText(Path.Combine(temp, "config.json"), KerasRegistry.Serialize(model).ToJsonString(indented));
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            else if (File.Exists(target)) File.Delete(target);
            Directory.Move(temp, target);
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
    }
}
