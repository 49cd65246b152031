using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class OpShapes
{
    /// <summary>
    /// Shape of channels_last max or average pooling over 1, 2 or 3 spatial axes (keras.ops.max_pool / average_pool): x
    /// (batch, *spatial, channels) → (batch, *outSpatial, channels). <paramref name="strides"/> null means the pool size, as in Keras.
    /// </summary>
    public static Shape Pool(Shape x, int[] poolSize, int[]? strides = null, string padding = "valid", string op = "pool")
    {
        var spatial = SpatialRank(op, x);
        var p = WindowArgument(op, nameof(poolSize), poolSize ?? throw new ArgumentNullException(nameof(poolSize)), spatial);
        var s = WindowArgument(op, nameof(strides), strides ?? p, spatial);
        var same = SamePadding(op, padding);
        var dims = x.ToArray();
        for (var i = 0; i < spatial; i++) dims[i + 1] = WindowOutput(op, x[i + 1], p[i], s[i], 1, same, out _);
        return new Shape(dims);
    }

    /// <summary>The window geometry of a concrete pooling, with Keras's split of 'same' padding.</summary>
    internal static WindowGeometry PoolGeometry(Shape x, int[] poolSize, int[]? strides, string padding, string op)
    {
        Pool(x, poolSize, strides, padding, op);
        var spatial = x.Rank - 2;
        var p = WindowArgument(op, nameof(poolSize), poolSize, spatial);
        return Geometry(op, x, p, WindowArgument(op, nameof(strides), strides ?? p, spatial), WindowArgument(op, "dilation", null, spatial),
            SamePadding(op, padding), x[-1], 1);
    }
}
