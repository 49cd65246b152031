using System.Text.Json.Nodes;

namespace NotebookKeras.Runtime.Saving;

/// <summary>
/// The one registry that maps Keras names to classes, as Keras's <c>serialize_keras_object</c>/<c>deserialize_keras_object</c>:
/// built-in objects are registered under their Keras module and class name ("keras.layers" + "Dense"), custom ones under
/// "Package>Name". Loading never executes code from a file: only registered factories run.
/// </summary>
public static class KerasRegistry
{
    // Qualified keys ("keras.layers.Dense") map to one class; bare class names (Keras 2 configs have no module) may be shared by
    // several kinds (the Identity layer and initializer, the MeanSquaredError loss and metric), so lookups filter by expected type.
    private static readonly Dictionary<string, Entry> Qualified = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, List<Entry>> Bare = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    static KerasRegistry() => BuiltInObjects.RegisterAll();

    /// <summary>Registers a factory for a Keras class; the last registration of a name wins.</summary>
    public static void Register<T>(string module, string className, Func<JsonObject, T> fromConfig) where T : class, IKerasSerializable
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(module);
        ArgumentException.ThrowIfNullOrWhiteSpace(className);
        ArgumentNullException.ThrowIfNull(fromConfig);
        var entry = new Entry(typeof(T), fromConfig);
        lock (Gate)
        {
            Qualified[Key(module, className)] = entry;
            if (!Bare.TryGetValue(className, out var list)) Bare[className] = list = [];
            list.RemoveAll(e => e.Type == typeof(T));
            list.Add(entry);
        }
    }

    /// <summary>Registers a custom class as Keras's <c>register_keras_serializable(package, name)</c>: "Package>Name".</summary>
    public static void RegisterCustom<T>(string package, string name, Func<JsonObject, T> fromConfig) where T : class, IKerasSerializable =>
        Register(package, $"{package}>{name}", fromConfig);

    /// <summary>Whether a class name (optionally with module) is known.</summary>
    public static bool IsRegistered(string? module, string className)
    {
        lock (Gate) return (module is not null && Qualified.ContainsKey(Key(module, className))) || Bare.ContainsKey(className);
    }

    /// <summary>The Keras envelope of an object: {module, class_name, config, registered_name}.</summary>
    public static JsonObject Serialize(IKerasSerializable value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var custom = value.ClassName.Contains('>');
        return new JsonObject
        {
            ["module"] = custom ? null : value.Module,
            ["class_name"] = value.ClassName,
            ["config"] = value.GetConfig(),
            ["registered_name"] = custom ? value.ClassName : null,
        };
    }

    /// <summary>Re-creates an object from its envelope (or a Keras 2 {class_name, config} pair).</summary>
    public static IKerasSerializable Deserialize(JsonObject envelope) => Deserialize(envelope, typeof(IKerasSerializable));

    /// <summary>Deserializes an object of the expected kind (a bare class name resolves among classes of that kind).</summary>
    public static T Deserialize<T>(JsonObject envelope) where T : class, IKerasSerializable =>
        (T)Deserialize(envelope, typeof(T));

    /// <summary>Calls the registered factory for (module, className) with <paramref name="config"/>.</summary>
    public static IKerasSerializable Create(string? module, string className, JsonObject config) =>
        Create(module, className, config, typeof(IKerasSerializable));

    private static IKerasSerializable Deserialize(JsonObject envelope, Type expected)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var className = (string?)envelope["registered_name"] ?? (string?)envelope["class_name"]
            ?? throw new FormatException($"A serialized Keras object needs a 'class_name'; got {envelope.ToJsonString()}.");
        var module = (string?)envelope["module"];
        var config = envelope["config"] as JsonObject ?? [];
        return Create(module, className, config, expected);
    }

    private static IKerasSerializable Create(string? module, string className, JsonObject config, Type expected)
    {
        Entry? entry = null;
        lock (Gate)
        {
            if (module is not null && Qualified.TryGetValue(Key(module, className), out var q) && expected.IsAssignableFrom(q.Type)) entry = q;
            else if (Bare.TryGetValue(className, out var list)) entry = list.LastOrDefault(e => expected.IsAssignableFrom(e.Type));
        }
        if (entry is null)
        {
            var kind = expected == typeof(IKerasSerializable) ? "class" : expected.Name;
            throw new KeyNotFoundException(
                $"Unknown Keras {kind} '{className}'{(module is null ? "" : $" (module '{module}')")}. Built-in classes are registered by their Keras names; " +
                "register a custom class with KerasRegistry.RegisterCustom(package, name, factory).");
        }
        // Re-parse rather than clone: a config built in memory holds typed values (a float stays a float), while factories
        // read numbers as a parsed file gives them, where any numeric type can be asked for.
        return entry.Factory(JsonNode.Parse(config.ToJsonString())!.AsObject());
    }

    private static string Key(string module, string className) => $"{module}.{className}";

    private sealed record Entry(Type Type, Func<JsonObject, IKerasSerializable> Factory);
}
