namespace NotebookKeras.Runtime.Layers;

/// <summary>
/// Unique automatic names, as Keras gives them: the class name in snake_case, then <c>_1</c>, <c>_2</c>, ... for later
/// instances of the same prefix. <see cref="Reset"/> is Keras's <c>clear_session()</c> for names.
/// </summary>
public static class LayerNames
{
    private static readonly Dictionary<string, int> Counts = [];
    private static readonly Lock Gate = new();

    /// <summary>The next unique name for <paramref name="prefix"/>: "dense", then "dense_1", ...</summary>
    public static string Unique(string prefix)
    {
        lock (Gate)
        {
            Counts.TryGetValue(prefix, out var n);
            Counts[prefix] = n + 1;
            return n == 0 ? prefix : $"{prefix}_{n}";
        }
    }

    /// <summary>Forgets every name given so far (Keras's <c>keras.backend.clear_session()</c>).</summary>
    public static void Reset()
    {
        lock (Gate) Counts.Clear();
    }

    /// <summary>"BatchNormalization" → "batch_normalization", "Conv2D" → "conv2d", "SimpleRNN" → "simple_rnn" (Keras's to_snake_case).</summary>
    public static string ToSnakeCase(string name)
    {
        // Keras: re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name) then re.sub(r"([a-z])([A-Z])", r"\1_\2", ...).lower()
        var first = System.Text.RegularExpressions.Regex.Replace(name, "(.)([A-Z][a-z]+)", "$1_$2");
        return System.Text.RegularExpressions.Regex.Replace(first, "([a-z])([A-Z])", "$1_$2").ToLowerInvariant();
    }
}
