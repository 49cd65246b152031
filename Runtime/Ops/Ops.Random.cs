using NotebookKeras.Runtime.Backend.Cpu;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime;

// Keras's keras.random functions. Each takes a seed: a SeedGenerator (advances with every call), an int (a fresh generator:
// the same numbers every time), or null (the global generator; see SeedGenerator.SetGlobalSeed).
public static partial class Ops
{
    /// <summary>Uniform float32 values in [<paramref name="minval"/>, <paramref name="maxval"/>) (<c>keras.random.uniform</c>).</summary>
    public static Tensor RandomUniform(Shape shape, float minval = 0f, float maxval = 1f, SeedGenerator? seed = null)
    {
        RequireConcrete(shape, "random_uniform");
        if (!(minval <= maxval) || !float.IsFinite(minval) || !float.IsFinite(maxval))
            throw new ArgumentException($"random_uniform: need finite minval <= maxval; got minval {minval} and maxval {maxval}.");
        var y = Tensor.Empty(shape);
        RandomFill.Uniform(y.Floats, SeedGenerator.Draw(seed), minval, maxval);
        return y;
    }

    /// <summary>Normally distributed float32 values (<c>keras.random.normal</c>).</summary>
    public static Tensor RandomNormal(Shape shape, float mean = 0f, float stddev = 1f, SeedGenerator? seed = null)
    {
        RequireConcrete(shape, "random_normal");
        RequireStddev(mean, stddev, "random_normal");
        var y = Tensor.Empty(shape);
        RandomFill.Normal(y.Floats, SeedGenerator.Draw(seed), mean, stddev);
        return y;
    }

    /// <summary>
    /// Normal values with those more than two standard deviations from the mean re-drawn, so every value lies in
    /// [mean - 2 stddev, mean + 2 stddev] (<c>keras.random.truncated_normal</c>; the standard deviation of the result is about
    /// 0.88 stddev).
    /// </summary>
    public static Tensor TruncatedNormal(Shape shape, float mean = 0f, float stddev = 1f, SeedGenerator? seed = null)
    {
        RequireConcrete(shape, "truncated_normal");
        RequireStddev(mean, stddev, "truncated_normal");
        var y = Tensor.Empty(shape);
        RandomFill.TruncatedNormal(y.Floats, SeedGenerator.Draw(seed), mean, stddev);
        return y;
    }

    /// <summary>float32 1 with probability <paramref name="p"/>, else 0 (a Bernoulli mask).</summary>
    public static Tensor RandomBernoulli(Shape shape, float p = 0.5f, SeedGenerator? seed = null)
    {
        RequireConcrete(shape, "random_bernoulli");
        if (!(p >= 0 && p <= 1))
            throw new ArgumentException($"random_bernoulli: probability p must be in [0, 1]; got {p}.", nameof(p));
        var y = Tensor.Empty(shape);
        RandomFill.Bernoulli(y.Floats, SeedGenerator.Draw(seed), p, 1f);
        return y;
    }

    /// <summary>
    /// Zeroes each element with probability <paramref name="rate"/> and scales the others by 1 / (1 - rate)
    /// (<c>keras.random.dropout</c>). <paramref name="noiseShape"/> (same rank as x; size-1 axes share one draw, -1 means x's
    /// size) defaults to x's shape. Differentiable in x: the gradient is the same scaled mask.
    /// </summary>
    public static Tensor Dropout(Tensor x, float rate, Shape? noiseShape = null, SeedGenerator? seed = null)
    {
        RequireFloat(x, "dropout");
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentException($"dropout: rate must be in [0, 1); got {rate}.", nameof(rate));
        var maskShape = DropoutNoiseShape(x.Shape, noiseShape);
        var stream = SeedGenerator.Draw(seed);
        if (rate == 0) return x;
        var keep = 1 - rate;
        var mask = Tensor.Empty(maskShape);
        RandomFill.Bernoulli(mask.Floats, stream, keep, 1f / keep);
        return Multiply(x, mask);
    }

    /// <summary>
    /// x with its slices along <paramref name="axis"/> in a random order (<c>keras.random.shuffle</c>); float32 or int32.
    /// Not differentiable (as TensorFlow's random_shuffle): the result is not recorded on a tape.
    /// </summary>
    public static Tensor Shuffle(Tensor x, int axis = 0, SeedGenerator? seed = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0)
            throw new ArgumentException("shuffle: x must have at least one axis; got a scalar.", nameof(x));
        int a;
        try { a = x.Shape.NormalizeAxis(axis); }
        catch (ArgumentOutOfRangeException e) { throw new ArgumentOutOfRangeException($"shuffle: {e.Message}", e); }
        var n = x.Shape[a];
        var order = new int[n];
        RandomFill.Permutation(order, SeedGenerator.Draw(seed));
        int outer = x.Shape.Product(0, a), inner = x.Shape.Product(a + 1, x.Rank);
        if (x.DType == DType.Float32)
        {
            var y = Tensor.Empty(x.Shape);
            CopySlices(x.AsSpan(), order, outer, inner, y.Floats);
            return y;
        }
        var yi = Tensor.EmptyInt(x.Shape);
        CopySlices(x.AsIntSpan(), order, outer, inner, yi.Ints);
        return yi;
    }

    /// <summary>A random permutation of 0..n-1 as an int32 tensor of shape (n,), e.g. to shuffle a dataset's samples.</summary>
    public static Tensor RandomPermutation(int n, SeedGenerator? seed = null)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "random_permutation: n must be >= 0.");
        var y = Tensor.EmptyInt(new Shape(n));
        RandomFill.Permutation(y.Ints, SeedGenerator.Draw(seed));
        return y;
    }

    private static void RequireConcrete(Shape shape, string op)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (!shape.IsFullyDefined)
            throw new ArgumentException($"{op}: the shape {shape} has unknown (None) dimensions; random tensors need a concrete shape.", nameof(shape));
    }

    private static void RequireStddev(float mean, float stddev, string op)
    {
        if (!(stddev >= 0) || !float.IsFinite(stddev) || !float.IsFinite(mean))
            throw new ArgumentException($"{op}: need a finite mean and a finite stddev >= 0; got mean {mean} and stddev {stddev}.");
    }

    private static Shape DropoutNoiseShape(Shape x, Shape? noiseShape)
    {
        if (noiseShape is null) return x;
        if (noiseShape.Rank != x.Rank)
            throw new ArgumentException($"dropout: noiseShape {noiseShape} must have the rank of x's shape {x}.", nameof(noiseShape));
        var dims = noiseShape.ToArray();
        for (var i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1) dims[i] = x[i];
            else if (dims[i] != x[i] && dims[i] != 1)
                throw new ArgumentException($"dropout: noiseShape {noiseShape} does not broadcast to x's shape {x} (axis {i}: {dims[i]} vs {x[i]}; use {x[i]} or 1).", nameof(noiseShape));
        }
        return new Shape(dims);
    }

    // dst[o, i, :] = src[o, order[i], :] for an [outer, n, inner] layout.
    private static void CopySlices<T>(ReadOnlySpan<T> src, int[] order, int outer, int inner, Span<T> dst)
    {
        var n = order.Length;
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < n; i++)
                src.Slice((o * n + order[i]) * inner, inner).CopyTo(dst.Slice((o * n + i) * inner, inner));
        }
    }
}
