using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Training;

/// <summary>
/// Keras's <c>class_weight</c>: each sample is weighted by the weight of its class (the integer label, or the argmax of a
/// one-hot row); classes missing from the dictionary weigh 1, as in Keras.
/// </summary>
internal static class ClassWeights
{
    public static void Validate(IReadOnlyDictionary<int, float> classWeight)
    {
        foreach (var (label, weight) in classWeight)
        {
            if (label < 0) throw new ArgumentException($"classWeight: class {label} is negative; classes are label indices >= 0.", nameof(classWeight));
            if (!float.IsFinite(weight) || weight < 0)
                throw new ArgumentException($"classWeight: the weight of class {label} must be a finite number >= 0; got {weight}.", nameof(classWeight));
        }
    }

    /// <summary>The per-sample weights (n,) for targets <paramref name="y"/>: (n,), (n, 1) labels or (n, k) one-hot rows.</summary>
    public static Tensor ToSampleWeights(Tensor y, IReadOnlyDictionary<int, float> classWeight)
    {
        if (y.Rank > 2)
            throw new ArgumentException($"classWeight is not supported for targets of rank {y.Rank} (shape {y.Shape}); pass sampleWeight instead.");
        var n = y.Shape[0];
        var labels = y.Rank == 2 && y.Shape[1] > 1
            ? Ops.ArgMax(y, axis: 1).AsIntSpan().ToArray()
            : y.ToIntArray();
        var weights = new float[n];
        for (var i = 0; i < n; i++) weights[i] = classWeight.TryGetValue(labels[i], out var w) ? w : 1f;
        return Tensor.FromArray(weights, n);
    }
}
