using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.IO;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Models;

namespace NotebookKeras.Runtime.Saving;

/// <summary>
/// Keras 3's native <c>.keras</c> file (<c>saving_lib.save_model</c>/<c>load_model</c>): a zip holding <c>metadata.json</c>,
/// <c>config.json</c> (the model's serialized envelope with <c>build_config</c> and <c>compile_config</c>) and
/// <c>model.weights.h5</c>, in that order, as Keras writes them.
/// </summary>
internal static class KerasArchive
{
    public const string MetadataEntry = "metadata.json";
    public const string ConfigEntry = "config.json";
    public const string WeightsEntry = "model.weights.h5";

    // The Keras version whose layout we write (the fixtures' version): Keras reads the file as one of its own.
    private const string KerasVersion = "3.15.1";

    // Entries are read into memory, so sizes are capped: a config is small, and weights cannot exceed a managed array.
    private const long MaxConfigBytes = 64L << 20;
    private const long MaxWeightsBytes = int.MaxValue;
    private const long WeightsOverheadBytes = 16L << 20;

    public static void Save(Model model, string path)
    {
        RequireExtension(path, ".keras", "Save");
        var config = Config(model);
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            WriteText(zip, MetadataEntry, new JsonObject
            {
                ["keras_version"] = KerasVersion,
                ["date_saved"] = DateTime.Now.ToString("yyyy-MM-dd@HH:mm:ss", CultureInfo.InvariantCulture),
            }.ToJsonString());
            WriteText(zip, ConfigEntry, ModelJson.Write(config));
            using var weights = new MemoryStream();
            WeightsFile.Write(model, weights);
            using var entry = zip.CreateEntry(WeightsEntry, CompressionLevel.Optimal).Open();
            weights.Position = 0;
            weights.CopyTo(entry);
        });
    }

    public static Model Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var zip = OpenZip(path);
        var model = ModelJson.Restore(ReadConfig(zip, path), $"'{path}': {ConfigEntry}");
        ReadWeights(zip, path, model);
        return model;
    }

    /// <summary>Loads the weights stored in the archive at <paramref name="path"/> into an existing model.</summary>
    public static void LoadWeights(Model model, string path)
    {
        using var zip = OpenZip(path);
        ReadWeights(zip, path, model);
    }

    /// <summary>The model's <c>config.json</c>: its envelope, plus <c>build_config</c> and <c>compile_config</c> as Keras adds them.</summary>
    public static JsonObject Config(Model model)
    {
        var envelope = KerasRegistry.Serialize(model);
        envelope["build_config"] = new JsonObject { ["input_shape"] = BuildShape(model) };
        // Keras writes an empty compile_config for a model that was never compiled.
        envelope["compile_config"] = model.CompileConfig() ?? new JsonObject();
        return envelope;
    }

    private static JsonNode? BuildShape(Model model) => model switch
    {
        Sequential { InputLayer: { } input } => LayerConfig.ShapeToJson(input.BatchShape),
        Functional => null, // built from its inputs at creation: Keras records no build shape
        _ when model.BuildInputShapes is [var shape] => LayerConfig.ShapeToJson(shape),
        _ => null,
    };

    private static ZipArchive OpenZip(string path)
    {
        RequireExtension(path, ".keras", "LoadModel");
        var stream = File.OpenRead(path);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new KerasFormatException($"'{path}' is not a .keras file (not a valid zip archive): {e.Message}", e);
        }
        // Nothing is extracted, but an entry that would land outside the archive's folder marks a hostile file (zip slip),
        // which Keras refuses too: refuse it rather than read the rest.
        if (zip.Entries.FirstOrDefault(e => EscapesFolder(e.FullName)) is { } escaping)
        {
            zip.Dispose();
            throw new KerasFormatException($"'{path}': entry '{escaping.FullName}' points outside the archive's folder; the file is refused.");
        }
        return zip;
    }

    private static bool EscapesFolder(string name)
    {
        var normalized = name.Replace('\\', '/');
        return normalized.StartsWith('/') || (normalized.Length > 1 && normalized[1] == ':') || normalized.Split('/').Contains("..");
    }

    private static JsonObject ReadConfig(ZipArchive zip, string path)
    {
        using var bytes = ReadEntry(zip, path, ConfigEntry, MaxConfigBytes);
        try
        {
            return JsonNode.Parse(bytes) as JsonObject
                ?? throw new KerasFormatException($"'{path}': {ConfigEntry} must hold a JSON object.");
        }
        catch (JsonException e)
        {
            throw new KerasFormatException($"'{path}': {ConfigEntry} is not valid JSON: {e.Message}", e);
        }
    }

    private static void ReadWeights(ZipArchive zip, string path, Model model)
    {
        // The bound only stops absurd sizes: HDF5 headers add to the raw data, and a compiled model's file also holds the
        // optimizer's slots (up to five per weight: Adam's m, v and v-hat plus an EMA average).
        var copies = model.Optimizer is null ? 1 : 6;
        var maxBytes = Math.Min(MaxWeightsBytes, WeightsOverheadBytes + 2 * copies * model.Weights.Sum(v => 4L * v.Shape.Size));
        using var weights = ReadEntry(zip, path, WeightsEntry, maxBytes);
        WeightsFile.Read(model, weights, $"{path}!{WeightsEntry}");
    }

    // The entry's bytes in memory (HDF5 needs a seekable stream; zip entries are not), read with a bound, so that an entry
    // whose header lies about its size cannot make us allocate more than the bound.
    private static MemoryStream ReadEntry(ZipArchive zip, string path, string name, long maxBytes)
    {
        var entry = Entry(zip, path, name, maxBytes);
        var buffer = new MemoryStream((int)Math.Min(entry.Length, 1 << 20));
        try
        {
            using var reader = entry.Open();
            var chunk = new byte[81920];
            int read;
            while ((read = reader.Read(chunk)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                    throw new KerasFormatException($"'{path}': entry {name} holds more than the {maxBytes} bytes it may hold for this model.");
                buffer.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            buffer.Dispose();
            throw new KerasFormatException($"'{path}': entry {name} is corrupt: {e.Message}", e);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
        buffer.Position = 0;
        return buffer;
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string path, string name, long maxBytes)
    {
        var entry = zip.GetEntry(name)
            ?? throw new KerasFormatException(
                $"'{path}' has no {name} entry (entries: {string.Join(", ", zip.Entries.Select(e => e.FullName))}); a .keras file holds {MetadataEntry}, {ConfigEntry} and {WeightsEntry}.");
        if (entry.Length > maxBytes)
            throw new KerasFormatException($"'{path}': entry {name} claims {entry.Length} bytes, more than the {maxBytes} a {name} may hold.");
        return entry;
    }

    private static void WriteText(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open());
        writer.Write(text);
    }

    internal static void RequireExtension(string path, string extension, string operation)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!path.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{operation}: the file name must end in {extension}; got '{path}'.", nameof(path));
    }
}
