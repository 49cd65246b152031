using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Activations;

/// <summary>
/// Keras's activations by string name (<c>keras.activations.get</c>), with the defaults of <c>keras.activations</c>. They match
/// the <see cref="Ops"/> functions except "gelu", which is exact here (<c>activations.gelu(approximate=False)</c>) while
/// <see cref="Ops.Gelu"/> defaults to the tanh approximation as <c>ops.gelu</c> does.
/// </summary>
/// <remarks>Not named <c>Activations</c>: a class named like its namespace could not be reached by short name from inside
/// <c>NotebookKeras.Runtime</c>.</remarks>
public static class ActivationCatalog
{
    private static readonly (string Name, Func<Tensor, Tensor> Function)[] Entries =
    [
        ("relu", x => Ops.Relu(x)),
        ("relu6", Ops.Relu6),
        ("leaky_relu", x => Ops.LeakyRelu(x)),
        ("elu", x => Ops.Elu(x)),
        ("selu", Ops.Selu),
        ("gelu", x => Ops.Gelu(x, approximate: false)),
        ("sigmoid", Ops.Sigmoid),
        ("hard_sigmoid", Ops.HardSigmoid),
        ("hard_silu", Ops.HardSilu),
        ("hard_swish", Ops.HardSilu),
        ("silu", Ops.Silu),
        ("swish", Ops.Silu),
        ("tanh", Ops.Tanh),
        ("softplus", Ops.Softplus),
        ("softsign", Ops.Softsign),
        ("mish", Ops.Mish),
        ("exponential", Ops.Exp),
        ("linear", Linear),
        ("softmax", x => Ops.Softmax(x)),
        ("log_softmax", x => Ops.LogSoftmax(x)),
    ];

    private static readonly Dictionary<string, Func<Tensor, Tensor>> ByName = Entries.ToDictionary(e => e.Name, e => e.Function, StringComparer.Ordinal);

    /// <summary>Every name <see cref="Get"/> accepts, in a fixed order (aliases after their function).</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(Entries.Select(e => e.Name).ToArray());

    /// <summary>
    /// The activation called <paramref name="name"/> (exactly as Keras spells it, e.g. "leaky_relu"); null gives "linear", as
    /// Keras's <c>activations.get(None)</c>. An unknown name throws an error listing the valid ones.
    /// </summary>
    public static Func<Tensor, Tensor> Get(string? name)
    {
        if (name is null) return Linear;
        if (ByName.TryGetValue(name, out var function)) return function;
        var key = Simplify(name);
        var close = Names.FirstOrDefault(n => Simplify(n) == key);
        var hint = close is null ? "" : $" Did you mean '{close}'?";
        throw new ArgumentException($"Unknown activation '{name}'.{hint} Valid names: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>The identity (Keras's "linear" activation).</summary>
    private static Tensor Linear(Tensor x) => x;

    // "LeakyReLU", "leaky-relu" and "leaky_relu" all simplify to "leakyrelu".
    private static string Simplify(string name) =>
        new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
