using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Regularizers;

/// <summary>
/// Encourages the rows (<c>mode: "rows"</c>) or columns (<c>"columns"</c>) of a 2-D weight to be orthogonal (Keras's
/// <c>OrthogonalRegularizer(factor=0.01, mode="rows")</c>, "orthogonal_regularizer"): factor * 0.5 * sum(|P - diag(P)|) /
/// (n (n - 1) / 2), with P the n x n dot products of the L2-normalized rows or columns.
/// </summary>
public sealed class OrthogonalRegularizer : Regularizer
{
    // Keras's backend.epsilon(): normalize() caps the inverse norm at 1 / epsilon.
    private const float Epsilon = 1e-7f;

    public OrthogonalRegularizer(float factor = 0.01f, string mode = "rows")
    {
        Factor = NonNegative(factor, nameof(factor), "OrthogonalRegularizer");
        ArgumentNullException.ThrowIfNull(mode);
        if (mode is not ("rows" or "columns"))
            throw new ArgumentException($"OrthogonalRegularizer: invalid mode '{mode}'; use 'rows' or 'columns'.", nameof(mode));
        Mode = mode;
    }

    /// <summary>The regularization factor.</summary>
    public float Factor { get; }

    /// <summary>"rows" or "columns".</summary>
    public string Mode { get; }

    public override string ClassName => "OrthogonalRegularizer";

    public override JsonObject GetConfig() => new() { ["factor"] = Factor, ["mode"] = Mode };

    public override Tensor Call(Tensor weights)
    {
        RequireFloat(weights);
        if (weights.Rank != 2)
            throw new ArgumentException($"OrthogonalRegularizer: the weights must have rank 2; got shape {weights.Shape}.", nameof(weights));
        var rows = Mode == "rows";
        var unit = Normalize(weights, axis: rows ? 1 : 0);
        var product = rows ? Ops.MatMul(unit, Ops.Transpose(unit)) : Ops.MatMul(Ops.Transpose(unit), unit);
        var size = weights.Shape[rows ? 0 : 1];
        var offDiagonal = Ops.Multiply(product, OffDiagonalMask(size));
        var pairs = size * (size - 1f) / 2f;
        return Ops.Divide(Ops.Multiply(Tensor.Scalar(Factor * 0.5f), Ops.Sum(Ops.Abs(offDiagonal))), Tensor.Scalar(pairs));
    }

    internal static OrthogonalRegularizer FromConfig(JsonObject config) => new(
        config.GetFloat("factor", 0.01f, "OrthogonalRegularizer"),
        config.GetString("mode", "rows", "OrthogonalRegularizer"));

    // Keras's normalize(x, axis, order=2): x * min(1 / sqrt(sum(x², axis)), 1 / epsilon).
    private static Tensor Normalize(Tensor x, int axis)
    {
        var inverseNorm = Ops.Divide(Tensor.Scalar(1f), Ops.Sqrt(Ops.Sum(Ops.Square(x), axis, keepDims: true)));
        return Ops.Multiply(x, Ops.Minimum(inverseNorm, 1f / Epsilon));
    }

    // 1 - eye(size).
    private static Tensor OffDiagonalMask(int size)
    {
        var mask = Tensor.Full(new Shape(size, size), 1f);
        var values = mask.Floats;
        for (var i = 0; i < size; i++) values[i * size + i] = 0;
        return mask;
    }
}
