using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// The per-sample functions a <see cref="MeanMetricWrapper"/> can be saved with, by name (Keras's registered functions). Keras's
/// own functions are registered under their names with their default arguments ("binary_accuracy", "mean_squared_error",
/// "sparse_categorical_crossentropy", ...); register your own with <see cref="Register"/>. Closures and unregistered functions
/// are never serialized, and loading never runs code from a file.
/// </summary>
public static class MetricFunctions
{
    private static readonly Dictionary<string, Func<Tensor, Tensor, Tensor>> Functions = new(StringComparer.Ordinal)
    {
        ["accuracy"] = AccuracyFunctions.Accuracy,
        ["binary_accuracy"] = (t, p) => AccuracyFunctions.BinaryAccuracy(t, p, 0.5f),
        ["categorical_accuracy"] = AccuracyFunctions.CategoricalAccuracy,
        ["sparse_categorical_accuracy"] = AccuracyFunctions.SparseCategoricalAccuracy,
        ["top_k_categorical_accuracy"] = (t, p) => AccuracyFunctions.TopKCategoricalAccuracy(t, p, 5),
        ["sparse_top_k_categorical_accuracy"] = (t, p) => AccuracyFunctions.SparseTopKCategoricalAccuracy(t, p, 5),
        ["mean_squared_error"] = RegressionFunctions.MeanSquaredError,
        ["mean_absolute_error"] = RegressionFunctions.MeanAbsoluteError,
        ["mean_absolute_percentage_error"] = RegressionFunctions.MeanAbsolutePercentageError,
        ["mean_squared_logarithmic_error"] = RegressionFunctions.MeanSquaredLogarithmicError,
        ["binary_crossentropy"] = (t, p) => CrossentropyFunctions.Binary(t, p, fromLogits: false, labelSmoothing: 0f),
        ["categorical_crossentropy"] = (t, p) => CrossentropyFunctions.Categorical(t, p, fromLogits: false, labelSmoothing: 0f),
        ["sparse_categorical_crossentropy"] = (t, p) => CrossentropyFunctions.SparseCategorical(t, p, fromLogits: false),
    };

    private static readonly Lock Gate = new();

    /// <summary>Every registered name, sorted.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Gate) return Functions.Keys.Order(StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>Registers <paramref name="function"/>(y_true, y_pred) under <paramref name="name"/> (e.g. "Custom>hit_rate"); the last registration of a name wins.</summary>
    public static void Register(string name, Func<Tensor, Tensor, Tensor> function)
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
    public static Func<Tensor, Tensor, Tensor> Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (Gate)
        {
            if (Functions.TryGetValue(name, out var function)) return function;
        }
        throw new KeyNotFoundException(
            $"No metric function is registered under the name '{name}' (registered: {string.Join(", ", Names.Select(n => $"'{n}'"))}). " +
            $"Register it before loading with MetricFunctions.Register(\"{name}\", (yTrue, yPred) => ...).");
    }

    /// <summary>The name <paramref name="function"/> is registered under (the same delegate, or the same method and target), or null.</summary>
    internal static string? NameOf(Func<Tensor, Tensor, Tensor> function)
    {
        lock (Gate) return Functions.FirstOrDefault(kv => kv.Value.Equals(function)).Key;
    }
}
