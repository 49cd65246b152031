using System.Reflection;
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

    // Custom classes and their "Package>Name"; the assemblies already scanned for [RegisterKerasSerializable]; the
    // custom_objects of the load in progress on this async flow.
    private static readonly Dictionary<Type, string> CustomNames = [];
    private static readonly HashSet<System.Reflection.Assembly> Scanned = [];
    private static readonly AsyncLocal<Dictionary<string, Entry>?> Scope = new();

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
    public static void RegisterCustom<T>(string package, string name, Func<JsonObject, T> fromConfig) where T : class, IKerasSerializable
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(package);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var registered = $"{package}>{name}";
        Register(package, registered, fromConfig);
        lock (Gate) CustomNames[typeof(T)] = registered;
    }

    /// <summary>
    /// Registers <typeparamref name="T"/> as Keras's <c>register_keras_serializable(package, name)</c> does (the code form of
    /// <see cref="RegisterKerasSerializableAttribute"/>): saved as "Package>Name" (<paramref name="name"/> defaults to the class
    /// name), re-created by its static <c>FromConfig(JsonObject)</c> or its constructor (see the attribute).
    /// </summary>
    public static void RegisterSerializable<T>(string package = "Custom", string? name = null) where T : class, IKerasSerializable =>
        RegisterType(typeof(T), package, name);

    private static void RegisterType(Type type, string package, string? name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(package);
        var registered = $"{package}>{name ?? type.Name}";
        var entry = new Entry(type, ConfigBinder.FactoryFor(type));
        lock (Gate)
        {
            Qualified[Key(package, registered)] = entry;
            if (!Bare.TryGetValue(registered, out var list)) Bare[registered] = list = [];
            list.RemoveAll(e => e.Type == type);
            list.Add(entry);
            CustomNames[type] = registered;
        }
    }

    /// <summary>
    /// The "Package>Name" of a custom class: registered in code, or marked with <see cref="RegisterKerasSerializableAttribute"/>
    /// (registered on first use); null for other classes.
    /// </summary>
    internal static string? RegisteredName(Type type)
    {
        lock (Gate)
        {
            if (CustomNames.TryGetValue(type, out var name)) return name;
        }
        if (type.GetCustomAttribute<RegisterKerasSerializableAttribute>() is not { } attribute) return null;
        RegisterType(type, attribute.Package, attribute.Name);
        lock (Gate) return CustomNames[type];
    }

    /// <summary>
    /// Keras's <c>custom_object_scope</c>: while the returned scope is open (on this async flow), class names and registered
    /// names in <paramref name="customObjects"/> resolve to those classes first.
    /// </summary>
    internal static IDisposable UseCustomObjects(IReadOnlyDictionary<string, Type>? customObjects)
    {
        var previous = Scope.Value;
        if (customObjects is null || customObjects.Count == 0) return new ScopeExit(previous);
        var factories = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var (name, type) in customObjects) factories[name] = new Entry(type, ConfigBinder.FactoryFor(type));
        Scope.Value = factories;
        return new ScopeExit(previous);
    }

    private sealed class ScopeExit(Dictionary<string, Entry>? previous) : IDisposable
    {
        public void Dispose() => Scope.Value = previous;
    }

    // Assemblies that may hold [RegisterKerasSerializable] classes, scanned once each when a class name is unknown.
    private static bool ScanForAttributes()
    {
        var runtime = typeof(KerasRegistry).Assembly.GetName().Name;
        var found = false;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            lock (Gate)
            {
                if (!Scanned.Add(assembly)) continue;
            }
            if (assembly.IsDynamic || !assembly.GetReferencedAssemblies().Any(a => a.Name == runtime)) continue;
            Type?[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                types = e.Types;
            }
            foreach (var type in types)
            {
                if (type is null || type.GetCustomAttribute<RegisterKerasSerializableAttribute>() is not { } attribute) continue;
                RegisterType(type, attribute.Package, attribute.Name);
                found = true;
            }
        }
        return found;
    }

    /// <summary>Whether a class name (optionally with module) is known.</summary>
    public static bool IsRegistered(string? module, string className)
    {
        lock (Gate) return (module is not null && Qualified.ContainsKey(Key(module, className))) || Bare.ContainsKey(className);
    }

    /// <summary>The Keras envelope of an object: {module, class_name, config, registered_name}.</summary>
    /// <remarks>
    /// A custom class is written as Keras writes one (<c>module</c> = its Python module, <c>class_name</c> = its class,
    /// <c>registered_name</c> = "Package>Name"), with the C# namespace as the closest analogue of the Python module.
    /// </remarks>
    public static JsonObject Serialize(IKerasSerializable value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = value.GetType();
        if (RegisteredName(type) is { } registered)
        {
            return new JsonObject
            {
                ["module"] = type.Namespace,
                ["class_name"] = type.Name,
                ["config"] = value.GetConfig(),
                ["registered_name"] = registered,
            };
        }
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
        // custom_objects may name the class by its registered name or its plain class name.
        if (Scope.Value is { } scope
            && (scope.TryGetValue(className, out var custom) || ((string?)envelope["class_name"] is { } plain && scope.TryGetValue(plain, out custom)))
            && expected.IsAssignableFrom(custom.Type))
            return custom.Factory(JsonNode.Parse(config.ToJsonString())!.AsObject());
        return Create(module, className, config, expected);
    }

    private static IKerasSerializable Create(string? module, string className, JsonObject config, Type expected)
    {
        var entry = Find(module, className, expected);
        if (entry is null && ScanForAttributes()) entry = Find(module, className, expected);
        if (entry is null)
        {
            var kind = expected == typeof(IKerasSerializable) ? "class" : expected.Name;
            throw new KeyNotFoundException(
                $"Unknown Keras {kind} '{className}'{(module is null ? "" : $" (module '{module}')")}. Built-in classes are registered by their Keras names; " +
                $"register a custom class by marking it [RegisterKerasSerializable(\"{PackageOf(className)}\")], by calling " +
                $"KerasRegistry.RegisterSerializable<T>(\"{PackageOf(className)}\") or KerasRegistry.RegisterCustom(package, name, factory), or pass it in " +
                $"customObjects (e.g. LoadModel(path, customObjects: new Dictionary<string, Type> {{ [\"{className}\"] = typeof(T) }})).");
        }
        // Re-parse rather than clone: a config built in memory holds typed values (a float stays a float), while factories
        // read numbers as a parsed file gives them, where any numeric type can be asked for.
        return entry.Factory(JsonNode.Parse(config.ToJsonString())!.AsObject());
    }

    private static Entry? Find(string? module, string className, Type expected)
    {
        lock (Gate)
        {
            if (module is not null && Qualified.TryGetValue(Key(module, className), out var q) && expected.IsAssignableFrom(q.Type)) return q;
            return Bare.TryGetValue(className, out var list) ? list.LastOrDefault(e => expected.IsAssignableFrom(e.Type)) : null;
        }
    }

    private static string PackageOf(string className) => className.Contains('>') ? className[..className.IndexOf('>')] : "Custom";

    private static string Key(string module, string className) => $"{module}.{className}";

    private sealed record Entry(Type Type, Func<JsonObject, IKerasSerializable> Factory);
}
