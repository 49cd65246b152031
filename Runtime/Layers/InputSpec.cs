using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers;

/// <summary>
/// What a layer accepts (Keras's <c>InputSpec</c>): a rank or rank range, fixed sizes on some axes, or a whole shape. Checked on
/// every call; a violation names the layer, the input index, the expectation and the received shape.
/// </summary>
public sealed record InputSpec(
    int? NDim = null,
    int? MinNDim = null,
    int? MaxNDim = null,
    IReadOnlyDictionary<int, int>? Axes = null,
    Shape? Shape = null,
    bool AllowLastAxisSqueeze = false)
{
    /// <summary>Throws when <paramref name="shape"/> violates the spec.</summary>
    public void Check(string layerName, int inputIndex, Shape shape)
    {
        string Prefix() => $"Input {inputIndex} of layer \"{layerName}\" is incompatible with the layer:";
        if (NDim is int n && shape.Rank != n)
            throw new ArgumentException($"{Prefix()} expected ndim={n}, found ndim={shape.Rank}. Full shape received: {shape}");
        if (MinNDim is int min && shape.Rank < min)
            throw new ArgumentException($"{Prefix()} expected min_ndim={min}, found ndim={shape.Rank}. Full shape received: {shape}");
        if (MaxNDim is int max && shape.Rank > max)
            throw new ArgumentException($"{Prefix()} expected max_ndim={max}, found ndim={shape.Rank}. Full shape received: {shape}");
        if (Axes is not null)
        {
            foreach (var (axis, value) in Axes)
            {
                var a = axis < 0 ? axis + shape.Rank : axis;
                if (a < 0 || a >= shape.Rank) continue;
                var dim = shape[a];
                if (dim != -1 && dim != value)
                    throw new ArgumentException($"{Prefix()} expected axis {axis} of input shape to have value {value}, but received input with shape {shape}");
            }
        }
        if (Shape is not null)
        {
            var ok = Shape.Rank == shape.Rank;
            for (var i = 0; ok && i < shape.Rank; i++)
                ok = Shape[i] == -1 || shape[i] == -1 || Shape[i] == shape[i];
            if (!ok)
                throw new ArgumentException($"{Prefix()} expected shape={Shape}, found shape={shape}");
        }
    }
}
