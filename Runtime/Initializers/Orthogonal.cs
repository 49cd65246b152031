using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>
/// A random orthogonal matrix times <see cref="Gain"/> (Keras's <c>Orthogonal</c>, "orthogonal"; the default for recurrent
/// kernels). The shape is read as a (product of all but the last dim, last dim) matrix: the Q factor of the QR decomposition
/// of a normal matrix, with Keras's sign correction (R's diagonal made positive) so Q is uniformly distributed; the result has
/// orthonormal columns when it has at least as many rows as columns, orthonormal rows otherwise.
/// </summary>
public sealed class Orthogonal : RandomInitializer
{
    public Orthogonal(float gain = 1f, int? seed = null) : base(seed)
    {
        Gain = Finite(gain, nameof(gain), "Orthogonal");
    }

    /// <summary>The factor applied to the orthogonal matrix.</summary>
    public float Gain { get; }

    public override string ClassName => "Orthogonal";

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["gain"] = Gain;
        return config;
    }

    public override Tensor Call(Shape shape, DType dtype = DType.Float32)
    {
        RequireFloat(dtype);
        RequireConcrete(shape);
        if (shape.Rank < 2)
            throw new ArgumentException($"Orthogonal: the shape to initialize must have at least 2 dimensions; got shape {shape} of rank {shape.Rank}.", nameof(shape));
        int rows = shape.Product(0, shape.Rank - 1), cols = shape[-1];
        if (rows == 0 || cols == 0) return Tensor.Empty(shape);

        // As Keras: QR of a (max, min) normal matrix; Q (max, min) is transposed when the matrix is wide.
        int m = Math.Max(rows, cols), n = Math.Min(rows, cols);
        var a = Ops.RandomNormal(new Shape(m, n), seed: Generator());
        var qt = new Tensor(new Shape(n, m), HouseholderQr.OrthonormalFactorTransposed(a.AsSpan(), m, n));
        var q = rows < cols ? qt : Ops.Transpose(qt);
        if (Gain != 1) System.Numerics.Tensors.TensorPrimitives.Multiply(q.Floats, Gain, q.Floats);
        return q.WithShape(shape);
    }

    internal static Orthogonal FromConfig(JsonObject config) => new(
        config.GetFloat("gain", 1f, "Orthogonal"),
        config.GetNullableInt("seed", "Orthogonal"));
}
