using System.Collections;
using System.Runtime.CompilerServices;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Training;

/// <summary>
/// What <c>Fit</c>, <c>Evaluate</c> and <c>Predict</c> take as <c>x</c>, <c>y</c> or <c>sampleWeight</c>, as Keras accepts it: one
/// tensor or array, several (one per model input or output, in order), or several keyed by input or output name. Converts
/// implicitly, so <c>model.Fit(xTrain, yTrain)</c>, <c>model.Fit([xImages, xMeta], yTrain)</c> and
/// <c>model.Fit(new Dictionary&lt;string, Tensor&gt; { ["meta"] = m, ["image"] = i }, y)</c> all read naturally.
/// </summary>
[CollectionBuilder(typeof(InputData), nameof(Create))]
public sealed class InputData : IEnumerable<Tensor>
{
    private InputData(IReadOnlyList<Tensor> tensors, IReadOnlyList<string>? names)
    {
        if (tensors.Count == 0) throw new ArgumentException("InputData needs at least one tensor.", nameof(tensors));
        for (var i = 0; i < tensors.Count; i++)
        {
            if (tensors[i] is null) throw new ArgumentNullException(nameof(tensors), $"InputData: tensor {i} is null.");
            if (tensors[i].Rank == 0) throw new ArgumentException($"InputData: tensor {i} is a scalar; data needs a batch axis.", nameof(tensors));
        }
        Tensors = tensors;
        Names = names;
    }

    /// <summary>The tensors, in the order given (or the dictionary's order).</summary>
    public IReadOnlyList<Tensor> Tensors { get; }

    /// <summary>The names the tensors are keyed by, or null when given by position.</summary>
    public IReadOnlyList<string>? Names { get; }

    /// <summary>Number of samples (the batch axis), when every tensor agrees.</summary>
    internal int SampleCount => Tensors[0].Shape[0];

    /// <summary>Several arrays by position, from a collection expression: <c>model.Fit([xImages, xMeta], y)</c>.</summary>
    public static InputData Create(ReadOnlySpan<Tensor> tensors) => new(tensors.ToArray(), null);

    public IEnumerator<Tensor> GetEnumerator() => Tensors.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public static implicit operator InputData(Tensor tensor) => new([tensor ?? throw new ArgumentNullException(nameof(tensor))], null);

    public static implicit operator InputData(Tensor[] tensors) => new(tensors ?? throw new ArgumentNullException(nameof(tensors)), null);

    public static implicit operator InputData(List<Tensor> tensors) => new(tensors ?? throw new ArgumentNullException(nameof(tensors)), null);

    public static implicit operator InputData(Dictionary<string, Tensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        return new InputData([.. tensors.Values], [.. tensors.Keys]);
    }

    /// <summary>A 1-D float array: one value per sample (targets of a regression, binary labels).</summary>
    public static implicit operator InputData(float[] values) => Tensor.FromArray(values ?? throw new ArgumentNullException(nameof(values)));

    /// <summary>A 1-D int array: integer labels.</summary>
    public static implicit operator InputData(int[] labels) => Tensor.FromArray(labels ?? throw new ArgumentNullException(nameof(labels)));

    /// <summary>A matrix: one row per sample.</summary>
    public static implicit operator InputData(float[,] rows) => Tensor.FromArray(rows ?? throw new ArgumentNullException(nameof(rows)));

    /// <summary>
    /// The tensors in the order of <paramref name="expected"/> (the model's input or output names): positional data must have
    /// as many tensors, keyed data must name each one (extra keys are an error, as in Keras).
    /// </summary>
    internal IReadOnlyList<Tensor> Arrange(IReadOnlyList<string> expected, string what, string modelName)
    {
        if (Names is null)
        {
            if (Tensors.Count != expected.Count)
                throw new ArgumentException(
                    $"Model '{modelName}' has {expected.Count} {what}(s) ({string.Join(", ", expected)}), but the {what} data has {Tensors.Count} array(s). " +
                    $"Pass one array per {what}, in order, or a dictionary keyed by {what} name.");
            return Tensors;
        }
        var byName = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (var i = 0; i < Names.Count; i++) byName[Names[i]] = Tensors[i];
        foreach (var key in Names)
        {
            if (!expected.Contains(key))
                throw new ArgumentException($"The {what} data has the key '{key}', which is not a {what} of model '{modelName}'; expected keys: {string.Join(", ", expected)}.");
        }
        return expected.Select(n => byName.TryGetValue(n, out var t)
            ? t
            : throw new ArgumentException($"The {what} data has no entry for {what} '{n}' of model '{modelName}'; it has: {string.Join(", ", Names)}.")).ToArray();
    }

    public override string ToString() => Names is null
        ? string.Join(", ", Tensors.Select(t => t.Shape.ToString()))
        : string.Join(", ", Names.Select((n, i) => $"{n}: {Tensors[i].Shape}"));
}
