using System.Text.Json.Nodes;

namespace NotebookKeras.Runtime.Saving;

/// <summary>
/// The one registry that maps Keras names to classes, as Keras's <c>serialize_keras_object</c>/<c>deserialize_keras_object</c>:
/// built-in objects are registered under their Keras module and class name ("keras.layers" + "Dense"), custom ones under
/// "Package>Name". Loading never executes code from a file: only registered factories run.
/// </summary>
public static class KerasRegistry
{
    private static readonly Dictionary<string, Func<JsonObject, IKerasSerializable>> Factories = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    static KerasRegistry() => BuiltInObjects.RegisterAll();

    /// <summary>Registers a factory for a Keras class; the last registration of a name wins.</summary>
    public static void Register(string module, string className, Func<JsonObject, IKerasSerializable> fromConfig)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(module);
        ArgumentException.ThrowIfNullOrWhiteSpace(className);
        ArgumentNullException.ThrowIfNull(fromConfig);
        lock (Gate)
        {
            Factories[Key(module, className)] = fromConfig;
            Factories[className] = fromConfig; // Keras 2 configs name classes without a module
        }
    }

    /// <summary>Registers a custom class as Keras's <c>register_keras_serializable(package, name)</c>: "Package>Name".</summary>
    public static void RegisterCustom(string package, string name, Func<JsonObject, IKerasSerializable> fromConfig) =>
        Register(package, $"{package}>{name}", fromConfig);

    /// <summary>Whether a class name (optionally with module) is known.</summary>
    public static bool IsRegistered(string? module, string className)
    {
        lock (Gate) return Factories.ContainsKey(module is null ? className : Key(module, className)) || Factories.ContainsKey(className);
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
    public static IKerasSerializable Deserialize(JsonObject envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var className = (string?)envelope["registered_name"] ?? (string?)envelope["class_name"]
            ?? throw new FormatException($"A serialized Keras object needs a 'class_name'; got {envelope.ToJsonString()}.");
        var module = (string?)envelope["module"];
        var config = envelope["config"] as JsonObject ?? [];
        return Create(module, className, config);
    }

    /// <summary>Calls the registered factory for (module, className) with <paramref name="config"/>.</summary>
    public static IKerasSerializable Create(string? module, string className, JsonObject config)
    {
        Func<JsonObject, IKerasSerializable>? factory;
        lock (Gate)
        {
            if (!(module is not null && Factories.TryGetValue(Key(module, className), out factory)) && !Factories.TryGetValue(className, out factory))
                factory = null;
        }
        if (factory is null)
        {
            throw new KeyNotFoundException(
                $"Unknown Keras class '{className}'{(module is null ? "" : $" (module '{module}')")}. Built-in classes are registered by their Keras names; " +
                "register a custom class with KerasRegistry.RegisterCustom(package, name, factory).");
        }
        return factory((JsonObject)config.DeepClone());
    }

    /// <summary>Deserializes and checks the result's type, naming what was expected.</summary>
    public static T Deserialize<T>(JsonObject envelope) where T : class, IKerasSerializable =>
        Deserialize(envelope) as T ?? throw new FormatException($"'{envelope["class_name"]}' is not a {typeof(T).Name}.");

    private static string Key(string module, string className) => $"{module}.{className}";
}
