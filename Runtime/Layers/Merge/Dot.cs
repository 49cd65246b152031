using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers.Normalization;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Merge;

/// <summary>
/// The dot product of two inputs along one axis of each, sample by sample (Keras's <c>Dot</c>, a batch dot product): inputs
/// (batch, 3, 5) and (batch, 10, 3) with <c>axes: [1, 2]</c> give (batch, 5, 10). With <see cref="Normalize"/> the inputs are
/// l2-normalized along those axes first, so the result is the cosine proximity. Produces no mask.
/// </summary>
public sealed class Dot : Merge
{
    // Keras's normalize(x) is x * min(rsqrt(sum(x²)), 1 / epsilon) with epsilon = 1e-7, i.e. rsqrt(max(sum(x²), 1e-14)).
    private const float NormalizeMinSquareSum = 1e-14f;

    /// <summary>A dot product along the same axis of both inputs (negative counts from the end of each).</summary>
    public Dot(int axes, bool normalize = false, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        Axes = [axes];
        Normalize = normalize;
    }

    /// <summary>A dot product along <c>axes[0]</c> of the first input and <c>axes[1]</c> of the second.</summary>
    public Dot(int[] axes, bool normalize = false, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Length != 2)
            throw new ArgumentException($"Dot: invalid format for argument 'axes': it should contain two elements. Received: axes=[{string.Join(", ", axes)}]", nameof(axes));
        Axes = [.. axes];
        Normalize = normalize;
    }

    /// <summary>One axis for both inputs, or one axis per input.</summary>
    public IReadOnlyList<int> Axes { get; }

    /// <summary>Whether the inputs are l2-normalized along the dot-product axes first.</summary>
    public bool Normalize { get; }

    public override void Build(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        CheckShapes(inputShapes);
    }

    protected override Tensor MergeFunction(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks)
    {
        var (a0, a1) = CheckShapes([inputs[0].Shape, inputs[1].Shape]);
        var x = inputs[0];
        var y = inputs[1];
        if (Normalize)
        {
            x = UnitNormalization.L2Normalize(x, [a0], NormalizeMinSquareSum);
            y = UnitNormalization.L2Normalize(y, [a1], NormalizeMinSquareSum);
        }
        return BatchDot(x, y, a0, a1);
    }

    /// <summary>The first input's shape without the dot axis, then the second's without its batch and dot axes; (batch, 1) at least.</summary>
    public override IReadOnlyList<Shape> ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(inputShapes);
        var (a0, a1) = CheckShapes(inputShapes);
        return [OutputShape(inputShapes[0], inputShapes[1], a0, a1)];
    }

    /// <summary>Dot produces no mask (as Keras).</summary>
    public override IReadOnlyList<Tensor?> ComputeMask(IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks) => [null];

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["axes"] = JsonConfig.AxesNode(Axes);
        config["normalize"] = Normalize;
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Dot", c =>
    {
        var axes = c.GetAxes("axes", [-1], "Dot");
        var normalize = LayerConfig.Bool(c, "normalize", false);
        return axes.Length == 1
            ? new Dot(axes[0], normalize, LayerConfig.Name(c), LayerConfig.Trainable(c), LayerConfig.DType(c))
            : new Dot(axes, normalize, LayerConfig.Name(c), LayerConfig.Trainable(c), LayerConfig.DType(c));
    });

    /// <summary>Checks two inputs of rank >= 2 with equal batch sizes and equal sizes on the dot axes; returns the axes, non-negative.</summary>
    private (int, int) CheckShapes(IReadOnlyList<Shape> shapes)
    {
        if (shapes.Count != 2)
            throw new ArgumentException($"Layer '{Name}' (Dot): a Dot layer should be called on a list of 2 inputs. Received: input_shape={Format(shapes)}");
        Shape s0 = shapes[0], s1 = shapes[1];
        if (s0.Rank < 2 || s1.Rank < 2)
            throw new ArgumentException($"Layer '{Name}' (Dot): cannot do batch_dot on inputs with rank < 2. Received inputs with shapes {s0} and {s1}.");
        if (s0[0] >= 0 && s1[0] >= 0 && s0[0] != s1[0])
            throw new ArgumentException($"Layer '{Name}' (Dot): cannot do batch_dot on inputs with different batch sizes. Received inputs with shapes {s0} and {s1}.");
        var a0 = Resolve(Axes[0], s0);
        var a1 = Resolve(Axes.Count == 1 ? Axes[0] : Axes[1], s1);
        if (s0[a0] >= 0 && s1[a1] >= 0 && s0[a0] != s1[a1])
            throw new ArgumentException(
                $"Layer '{Name}' (Dot): incompatible input shapes: axis values {s0[a0]} (at axis {a0}) != {s1[a1]} (at axis {a1}). Full input shapes: {s0}, {s1}");
        return (a0, a1);
    }

    /// <summary>A negative axis taken modulo the rank, as Keras; the batch axis and out-of-range axes are errors.</summary>
    private int Resolve(int axis, Shape shape)
    {
        var a = axis < 0 ? ((axis % shape.Rank) + shape.Rank) % shape.Rank : axis;
        if (a >= shape.Rank)
            throw new ArgumentException($"Layer '{Name}' (Dot): axis {axis} is out of range for an input of shape {shape} (rank {shape.Rank}).");
        if (a == 0)
            throw new ArgumentException(
                $"Layer '{Name}' (Dot): cannot perform batch_dot over axis 0 (the batch axis) of an input of shape {shape}. If your inputs are not batched, add a batch axis with Ops.ExpandDims(x, 0).");
        return a;
    }

    private static Shape OutputShape(Shape x, Shape y, int a0, int a1)
    {
        var dims = new List<int>();
        for (var i = 0; i < x.Rank; i++) if (i != a0) dims.Add(x[i]);
        for (var i = 1; i < y.Rank; i++) if (i != a1) dims.Add(y[i]);
        if (dims.Count == 1) dims.Add(1);
        return new Shape([.. dims]);
    }

    /// <summary>
    /// Per sample, contracts x's axis a0 with y's axis a1: x is permuted to (batch, rest, k) and y to (batch, k, rest), both
    /// flattened to rank 3, multiplied as a batched matmul, and the result reshaped to the output shape.
    /// </summary>
    private static Tensor BatchDot(Tensor x, Tensor y, int a0, int a1)
    {
        int[] xPerm = [0, .. Enumerable.Range(1, x.Rank - 1).Where(i => i != a0), a0];
        int[] yPerm = [0, a1, .. Enumerable.Range(1, y.Rank - 1).Where(i => i != a1)];
        var xt = IsIdentity(xPerm) ? x : Ops.Transpose(x, xPerm);
        var yt = IsIdentity(yPerm) ? y : Ops.Transpose(y, yPerm);
        int batch = x.Shape[0], k = x.Shape[a0];
        var x3 = Ops.Reshape(xt, batch, xt.Shape.Product(1, xt.Rank - 1), k);
        var y3 = Ops.Reshape(yt, batch, k, yt.Shape.Product(2, yt.Rank));
        return Ops.Reshape(Ops.MatMul(x3, y3), OutputShape(x.Shape, y.Shape, a0, a1).ToArray());
    }

    private static bool IsIdentity(int[] perm)
    {
        for (var i = 0; i < perm.Length; i++) if (perm[i] != i) return false;
        return true;
    }
}
