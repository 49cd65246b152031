using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Ops;

public class ShapeOpsTests
{
    private const string File = "shape_ops.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    /// <summary>Cases with a differentiable (float32) input: one_hot and int32 tensors have no gradient.</summary>
    public static IEnumerable<object[]> DifferentiableCases => Cases.Where(row =>
    {
        var c = ReferenceCases.Get(File, (string)row[0]);
        return c.Op != "one_hot" && c.Inputs[0].DType == DType.Float32;
    });

    private static int? OptionalInt(ReferenceCase c, string arg) => c.Has(arg) ? c.Int(arg) : null;

    private static Tensor[] Apply(ReferenceCase c, Tensor[] x) => c.Op switch
    {
        "transpose" => [Runtime.Ops.Transpose(x[0], c.Has("axes") ? c.Ints("axes") : null)],
        "expand_dims" => [Runtime.Ops.ExpandDims(x[0], c.Int("axis"))],
        "squeeze" => [Runtime.Ops.Squeeze(x[0], OptionalInt(c, "axis"))],
        "concatenate" => [Runtime.Ops.Concatenate(x, c.Int("axis"))],
        "stack" => [Runtime.Ops.Stack(x, c.Int("axis"))],
        "split" => c.Has("sections")
            ? Runtime.Ops.Split(x[0], c.Int("sections"), c.Int("axis"))
            : Runtime.Ops.Split(x[0], c.Ints("indices"), c.Int("axis")),
        "slice" => [Runtime.Ops.Slice(x[0], c.Ints("start"), c.Ints("shape"))],
        "take" => [Runtime.Ops.Take(x[0], x[1], OptionalInt(c, "axis"))],
        "one_hot" => [Runtime.Ops.OneHot(x[0], c.Int("num_classes"), c.Int("axis"))],
        "pad" => [Runtime.Ops.Pad(x[0], PadWidth(c), c.String("mode"), c.Float("constant_value"))],
        "tile" => [Runtime.Ops.Tile(x[0], c.Ints("repeats"))],
        "repeat" => [Runtime.Ops.Repeat(x[0], c.Ints("repeats"), OptionalInt(c, "axis"))],
        _ => throw new InvalidOperationException(c.Op),
    };

    private static (int, int)[] PadWidth(ReferenceCase c) =>
        c.Args.GetProperty("pad_width").EnumerateArray().Select(p => (p[0].GetInt32(), p[1].GetInt32())).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesReference(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var actual = Apply(c, c.Inputs);
        var expected = c.Op == "split" ? c.Outputs : [c.Output];
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) TensorAssert.Equal(expected[i], actual[i], $"{name} output {i}");
    }

    [Theory]
    [MemberData(nameof(DifferentiableCases))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        // Several outputs (split) are checked together, flattened and joined.
        GradientCheck.Check(x =>
        {
            var outputs = Apply(c, x);
            return outputs.Length == 1 ? outputs[0] : Runtime.Ops.Concatenate(outputs.Select(o => o.Reshape(-1)).ToArray());
        }, c.Inputs, name: name);
    }

    [Fact]
    public void BatchIsAViewSharingStorage()
    {
        var x = Tensor.Arange(0, 24).Reshape(6, 4);
        var batch = x.Batch(2, 3);
        Assert.Equal(new Shape(3, 4), batch.Shape);
        Assert.Same(x.FloatStorage, batch.FloatStorage);
        Assert.Equal(x.Offset + 8, batch.Offset);
        TensorAssert.Equal(Tensor.Arange(8, 20).Reshape(3, 4), batch);
        var empty = x.Batch(6, 0);
        Assert.Equal(new Shape(0, 4), empty.Shape);

        // A view of a view, and a range of the batch axis, still share the storage.
        var inner = batch[1..2];
        Assert.Same(x.FloatStorage, inner.FloatStorage);
        TensorAssert.Equal(Tensor.Arange(12, 16).Reshape(1, 4), inner);
    }

    [Fact]
    public void BatchOfIndicesCopiesTheRows()
    {
        var x = Tensor.Arange(0, 12).Reshape(4, 3);
        var rows = x.Batch([3, 0, 3]);
        Assert.NotSame(x.FloatStorage, rows.FloatStorage);
        TensorAssert.Equal(Tensor.FromArray([9f, 10, 11, 0, 1, 2, 9, 10, 11], 3, 3), rows);
        var labels = Tensor.FromArray([5, 6, 7, 8], 4);
        TensorAssert.Equal(Tensor.FromArray([8, 5], 2), labels.Batch([-1, 0]));
    }

    [Fact]
    public void BatchIsDifferentiable()
    {
        var x = GradientCheck.Random(3, -1, 1, 5, 2);
        GradientCheck.Check(t => t[0].Batch(1, 3), [x], name: "batch");
        GradientCheck.Check(t => t[0].Batch([4, 1, 1]), [x], name: "batch indices");
    }

    [Fact]
    public void RangeIndexerSlicesLeadingAxes()
    {
        var x = Tensor.Arange(0, 24).Reshape(2, 3, 4);
        var block = x[.., 1..3, ^2..];
        Assert.NotSame(x.FloatStorage, block.FloatStorage);
        TensorAssert.Equal(Tensor.FromArray([6f, 7, 10, 11, 18, 19, 22, 23], 2, 2, 2), block);
        Assert.Same(x.FloatStorage, x[1..].FloatStorage);
        Assert.Same(x.FloatStorage, x[1.., 1..2].FloatStorage);
        TensorAssert.Equal(Tensor.FromArray([16f, 17, 18, 19], 1, 1, 4), x[1.., 1..2]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => x[.., 2..5]);
        Assert.Contains("axis 1 of size 3", e.Message);
    }

    [Fact]
    public void SplitAlongTheBatchAxisGivesViews()
    {
        var x = Tensor.Arange(0, 12).Reshape(6, 2);
        var pieces = Runtime.Ops.Split(x, 3);
        Assert.All(pieces, p => Assert.Same(x.FloatStorage, p.FloatStorage));
        Assert.Same(x.FloatStorage, Runtime.Ops.ExpandDims(x, 1).FloatStorage);
        Assert.Same(x.FloatStorage, Runtime.Ops.Squeeze(Runtime.Ops.ExpandDims(x, 0)).FloatStorage);
    }

    [Fact]
    public void IntTensorsAreNotRecorded()
    {
        var labels = Tensor.FromArray([1, 2, 3, 4], 2, 2);
        var x = Tensor.Ones(2, 2);
        using var tape = new GradientTape();
        tape.Watch(x);
        var t = Runtime.Ops.Concatenate([Runtime.Ops.Transpose(labels), Runtime.Ops.Take(labels, Tensor.FromArray([1], 1), 0)]);
        Assert.Equal(DType.Int32, t.DType);
        Assert.Equal(0, tape.RecordedCount);
        TensorAssert.Equal(Tensor.FromArray([1, 3, 2, 4, 3, 4], 3, 2), t);
    }

    [Fact]
    public void LargeInputsMatchNaiveLoops()
    {
        // Big enough for the kernels to split rows across threads.
        const int rows = 700, cols = 130;
        var a = GradientCheck.Random(5, -1, 1, rows, cols);
        var b = GradientCheck.Random(6, -1, 1, rows, 70);
        var joined = Runtime.Ops.Concatenate([a, b], axis: 1);
        var sliced = Runtime.Ops.Slice(joined, [3, 100], [rows - 5, 90]);
        for (var i = 0; i < rows - 5; i += 7)
        {
            for (var j = 0; j < 90; j++)
            {
                var col = 100 + j;
                var expected = col < cols ? a[3 + i, col] : b[3 + i, col - cols];
                Assert.Equal(expected, sliced[i, j]);
            }
        }

        var rng = new Random(7);
        var indices = Enumerable.Range(0, 900).Select(_ => rng.Next(rows)).ToArray();
        var taken = Runtime.Ops.Take(a, Tensor.FromArray(indices, indices.Length), 0);
        for (var i = 0; i < indices.Length; i += 13)
            for (var j = 0; j < cols; j++) Assert.Equal(a[indices[i], j], taken[i, j]);

        using var tape = new GradientTape();
        tape.Watch(a);
        var grad = tape.Gradient(Runtime.Ops.Take(a, Tensor.FromArray(indices, indices.Length), 0), a)[0];
        var counts = new int[rows];
        foreach (var i in indices) counts[i]++;
        for (var i = 0; i < rows; i++) Assert.Equal(counts[i], grad[i, i % cols]);
    }

    [Fact]
    public void ErrorsNameTheOpAndTheProblem()
    {
        var x = Tensor.Zeros(2, 3);
        var concat = Assert.Throws<ArgumentException>(() => Runtime.Ops.Concatenate([x, Tensor.Zeros(2, 3), Tensor.Zeros(2, 4)], axis: 0));
        Assert.Contains("concatenate", concat.Message);
        Assert.Contains("tensor 2", concat.Message);
        Assert.Contains("(2, 4)", concat.Message);
        Assert.Contains("(2, 3)", concat.Message);
        var dtypes = Assert.Throws<ArgumentException>(() => Runtime.Ops.Concatenate([x, Tensor.FromArray([1, 2, 3], 1, 3)]));
        Assert.Contains("int32", dtypes.Message);

        var take = Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Ops.Take(x, Tensor.FromArray([0, 2], 2), 0));
        Assert.Contains("take", take.Message);
        Assert.Contains("index 2", take.Message);
        Assert.Contains("size 2", take.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Ops.Take(x, Tensor.FromArray([-3], 1), 0));
        var floatIndices = Assert.Throws<ArgumentException>(() => Runtime.Ops.Take(x, Tensor.FromArray([0f], 1), 0));
        Assert.Contains("int32", floatIndices.Message);

        var squeeze = Assert.Throws<ArgumentException>(() => Runtime.Ops.Squeeze(x, 1));
        Assert.Contains("squeeze", squeeze.Message);
        Assert.Contains("size is 3", squeeze.Message);

        var axis = Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Ops.ExpandDims(x, 3));
        Assert.Contains("expand_dims", axis.Message);
        Assert.Contains("-3..2", axis.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Ops.Concatenate([x, x], axis: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Ops.Take(Tensor.Scalar(1f), Tensor.FromArray([0], 1), 0));

        var transpose = Assert.Throws<ArgumentException>(() => Runtime.Ops.Transpose(x, [1, 1]));
        Assert.Contains("transpose", transpose.Message);
        Assert.Throws<ArgumentException>(() => Runtime.Ops.Transpose(x, [0]));

        var split = Assert.Throws<ArgumentException>(() => Runtime.Ops.Split(x, 2, axis: 1));
        Assert.Contains("equal sections", split.Message);
        var slice = Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Ops.Slice(x, [1, 1], [1, 3]));
        Assert.Contains("exceeds axis 1", slice.Message);
        var stack = Assert.Throws<ArgumentException>(() => Runtime.Ops.Stack([x, Tensor.Zeros(3, 2)]));
        Assert.Contains("tensor 1", stack.Message);
        var pad = Assert.Throws<ArgumentException>(() => Runtime.Ops.Pad(x, [(1, 1)], "median"));
        Assert.Contains("median", pad.Message);
        Assert.Throws<ArgumentException>(() => Runtime.Ops.Pad(Tensor.Zeros(0, 2), [(1, 1), (0, 0)], "reflect"));
        Assert.Throws<ArgumentException>(() => Runtime.Ops.Repeat(x, [1, 2], axis: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Runtime.Ops.Tile(x, [-1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Batch(1, 2));
    }

    [Fact]
    public void ShapeRulesKeepUnknownDimensions()
    {
        var batch = new Shape(-1, 3);
        Assert.Equal(new Shape(-1, 5), OpShapes.Concatenate([batch, new Shape(-1, 2)], 1));
        Assert.Equal(new Shape(-1, 3), OpShapes.Concatenate([batch, new Shape(4, 3)], 0));
        Assert.Equal(new Shape(3, -1), OpShapes.Transpose(batch, null));
        Assert.Equal(new Shape(-1, 1, 3), OpShapes.ExpandDims(batch, 1));
        Assert.Equal(new Shape(-1, 7), OpShapes.Pad(batch, [(0, 0), (2, 2)]));
        Assert.Equal(new Shape(-1, 3, 10), OpShapes.OneHot(batch, 10, -1));
        Assert.Equal(new Shape(-1, 2, 3), OpShapes.Stack([batch, batch], 1));
        Assert.Equal(new Shape(-1, 6), OpShapes.Tile(batch, [2]));
        Assert.Equal(new Shape(-1, 4), OpShapes.Take(batch, new Shape(4), 1));
    }
}
