using System.Text.Json.Nodes;

namespace NotebookKeras.Runtime.Saving;

/// <summary>
/// One family of built-in Keras objects (initializers, regularizers, constraints), resolved as Keras's <c>keras.X.get</c>: by
/// string name (the class name, its snake_case name and Keras's aliases, case-sensitively), by serialized config, or as an
/// object already made. Each class is created from its config by a factory that the family also registers with the
/// <see cref="KerasRegistry"/>.
/// </summary>
internal sealed class KerasCatalog<T>(string module, string kind) where T : class, IKerasSerializable
{
    private readonly List<(string ClassName, Func<JsonObject, T> FromConfig)> _classes = [];
    private readonly Dictionary<string, Func<T>> _byName = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    /// <summary>The Keras module of the family, e.g. "keras.initializers".</summary>
    public string Module => module;

    /// <summary>Every name <see cref="Get(string)"/> accepts, in registration order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>
    /// Adds a class: <paramref name="className"/> and each of <paramref name="names"/> create it with its default arguments
    /// (an empty config), and serialized configs with that class name go to <paramref name="fromConfig"/>.
    /// </summary>
    public KerasCatalog<T> Add(string className, Func<JsonObject, T> fromConfig, params string[] names)
    {
        _classes.Add((className, fromConfig));
        Alias(className, () => fromConfig([]));
        foreach (var name in names) Alias(name, () => fromConfig([]));
        return this;
    }

    /// <summary>A string name that creates an object with its own arguments (e.g. Keras 2's "l1_l2" with 0.01 factors).</summary>
    public KerasCatalog<T> Alias(string name, Func<T> create)
    {
        if (!_byName.TryAdd(name, create)) throw new InvalidOperationException($"The {kind} name '{name}' is listed twice.");
        _names.Add(name);
        return this;
    }

    /// <summary>Registers every class's factory with the <see cref="KerasRegistry"/> under this family's module.</summary>
    public void RegisterAll()
    {
        foreach (var (className, fromConfig) in _classes) KerasRegistry.Register(module, className, fromConfig);
    }

    /// <summary>The object called <paramref name="name"/>, with default arguments; unknown names list the valid ones.</summary>
    public T Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_byName.TryGetValue(name, out var create)) return create();
        var key = Simplify(name);
        var close = _names.OrderBy(n => char.IsLower(n[0]) ? 0 : 1).FirstOrDefault(n => Simplify(n) == key);
        var hint = close is null ? "" : $" Did you mean '{close}'?";
        var lower = _names.Where(n => char.IsLower(n[0]));
        throw new ArgumentException(
            $"Unknown {kind} '{name}'.{hint} Valid names: {string.Join(", ", lower)} (or a class name such as '{_classes[0].ClassName}').", nameof(name));
    }

    /// <summary>
    /// Keras's <c>get(identifier)</c>: null gives null; a <typeparamref name="T"/> is returned as is; a string is a name; a
    /// <see cref="JsonObject"/> is a serialized object ({class_name, config}, with or without module).
    /// </summary>
    public T? Get(object? identifier) => identifier switch
    {
        null => null,
        T value => value,
        string name => Get(name),
        JsonObject envelope => FromEnvelope(envelope),
        _ => throw new ArgumentException(
            $"Could not interpret {kind} identifier {identifier} (a {identifier.GetType().Name}): expected a name such as '{_names[0]}', " +
            $"a {typeof(T).Name}, or a serialized config (JsonObject).", nameof(identifier)),
    };

    /// <summary>A readable form for notebooks: <c>RandomNormal(mean=0, stddev=0.05, seed=None)</c>.</summary>
    public static string Describe(IKerasSerializable value) =>
        $"{value.ClassName}({string.Join(", ", value.GetConfig().Select(kv => $"{kv.Key}={kv.Value?.ToJsonString() ?? "None"}"))})";

    private T FromEnvelope(JsonObject envelope)
    {
        var className = (string?)envelope["registered_name"] ?? (string?)envelope["class_name"];
        var envelopeModule = (string?)envelope["module"];
        if (className is not null && (envelopeModule is null || envelopeModule == module))
        {
            // Looked up here first, so that a class name shared with another family (the Identity layer) cannot shadow ours.
            foreach (var (name, fromConfig) in _classes)
            {
                if (name == className) return fromConfig(envelope["config"] is JsonObject config ? (JsonObject)config.DeepClone() : []);
            }
        }
        return KerasRegistry.Deserialize<T>(envelope);
    }

    // "GlorotUniform", "glorot-uniform" and "glorot_uniform" all simplify to "glorotuniform".
    private static string Simplify(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
