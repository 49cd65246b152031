using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

public static partial class OpShapes
{
    /// <summary>
    /// Shape of channels_last 2-D max or average pooling (keras.ops.max_pool / average_pool): x (batch, height, width,
    /// channels) → (batch, outHeight, outWidth, channels). <paramref name="strides"/> null means the pool size, as in Keras.
    /// </summary>
    public static Shape Pool(Shape x, int[] poolSize, int[]? strides = null, string padding = "valid", string op = "pool")
    {
        if (x.Rank != 4)
            throw new NotSupportedException($"{op}: only 2-D pooling is supported, expecting x of rank 4 (batch, height, width, channels); got shape {x}.");
        var p = WindowArgument(op, nameof(poolSize), poolSize ?? throw new ArgumentNullException(nameof(poolSize)), 2);
        var s = WindowArgument(op, nameof(strides), strides ?? p, 2);
        var same = SamePadding(op, padding);
        return new Shape(x[0],
            WindowOutput(op, x[1], p[0], s[0], 1, same, out _),
            WindowOutput(op, x[2], p[1], s[1], 1, same, out _),
            x[3]);
    }

    /// <summary>The window geometry of a concrete pooling, with Keras's split of 'same' padding.</summary>
    internal static Window2DGeometry PoolGeometry(Shape x, int[] poolSize, int[]? strides, string padding, string op)
    {
        var y = Pool(x, poolSize, strides, padding, op);
        var p = WindowArgument(op, nameof(poolSize), poolSize, 2);
        var s = WindowArgument(op, nameof(strides), strides ?? p, 2);
        var same = SamePadding(op, padding);
        WindowOutput(op, x[1], p[0], s[0], 1, same, out var padTop);
        WindowOutput(op, x[2], p[1], s[1], 1, same, out var padLeft);
        return new Window2DGeometry(x[0], x[1], x[2], x[3], p[0], p[1], x[3], s[0], s[1], 1, 1, padTop, padLeft, y[1], y[2]);
    }
}
