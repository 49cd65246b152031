using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Core;

/// <summary>
/// The functions a <see cref="Lambda"/> layer may be saved with, by name (Keras's <c>register_keras_serializable</c> for
/// functions). A Lambda over a registered function writes the name in its config and is re-created from it; closures and
/// unregistered functions are never serialized, and loading never runs code from a file.
/// </summary>
public static class LambdaFunctions
{
    private static readonly Dictionary<string, Func<Tensor, Tensor>> Functions = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    /// <summary>Registers <paramref name="function"/> under <paramref name="name"/> (e.g. "Custom>square"); the last registration of a name wins.</summary>
    public static void Register(string name, Func<Tensor, Tensor> function)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(function);
        lock (Gate) Functions[name] = function;
    }

    /// <summary>Whether a function is registered under <paramref name="name"/>.</summary>
    public static bool IsRegistered(string name)
    {
        lock (Gate) return Functions.ContainsKey(name);
    }

    /// <summary>The function registered under <paramref name="name"/>; the error lists the registered names.</summary>
    public static Func<Tensor, Tensor> Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (Gate)
        {
            if (Functions.TryGetValue(name, out var function)) return function;
            var known = Functions.Count == 0 ? "none" : string.Join(", ", Functions.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"));
            throw new KeyNotFoundException(
                $"No Lambda function is registered under the name '{name}' (registered: {known}). " +
                $"Register it before loading with LambdaFunctions.Register(\"{name}\", x => ...).");
        }
    }

    /// <summary>The name <paramref name="function"/> is registered under (the same method and target), or null.</summary>
    internal static string? NameOf(Func<Tensor, Tensor> function)
    {
        lock (Gate) return Functions.FirstOrDefault(kv => kv.Value.Equals(function)).Key;
    }
}
