using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Initializers;

/// <summary>Orthogonal (Householder QR against PyTorch's QR, orthonormality, shapes) and Identity.</summary>
public class MatrixInitializerTests
{
    private const string File = "catalogs.json";

    public static IEnumerable<object[]> QrCases => ReferenceCases.Names(File).Where(n => ((string)n[0]).StartsWith("qr_", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(QrCases))]
    public void HouseholderQMatchesPyTorchWithKerasSignCorrection(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var a = c.Inputs[0];
        int m = a.Shape[0], n = a.Shape[1];
        var qt = Tensor.FromArray(HouseholderQr.OrthonormalFactorTransposed(a.AsSpan(), m, n), n, m);
        TensorAssert.Close(c.Output, Runtime.Ops.Transpose(qt), rtol: 1e-4f, atol: 2e-5f, because: name);
    }

    private static void AssertGram(Tensor gram, float diagonal, string because)
    {
        var size = gram.Shape[0];
        var expected = new float[size * size];
        for (var i = 0; i < size; i++) expected[i * size + i] = diagonal;
        TensorAssert.Close(Tensor.FromArray(expected, size, size), gram, rtol: 0, atol: 2e-5f * Math.Max(1, diagonal), because: because);
    }

    [Fact]
    public void TallMatricesHaveOrthonormalColumns()
    {
        var w = new Orthogonal(seed: 1).Call([300, 200]);
        Assert.Equal(new Shape(300, 200), w.Shape);
        AssertGram(Runtime.Ops.MatMul(Runtime.Ops.Transpose(w), w), 1f, "WᵀW of a (300, 200) matrix");
    }

    [Fact]
    public void WideMatricesHaveOrthonormalRows()
    {
        var w = new Orthogonal(seed: 2).Call([200, 300]);
        Assert.Equal(new Shape(200, 300), w.Shape);
        AssertGram(Runtime.Ops.MatMul(w, Runtime.Ops.Transpose(w)), 1f, "WWᵀ of a (200, 300) matrix");
    }

    [Fact]
    public void SquareMatricesAreOrthogonalBothWaysAndScaledByGain()
    {
        var w = new Orthogonal(gain: 2f, seed: 3).Call([64, 64]);
        AssertGram(Runtime.Ops.MatMul(Runtime.Ops.Transpose(w), w), 4f, "WᵀW with gain 2");
        AssertGram(Runtime.Ops.MatMul(w, Runtime.Ops.Transpose(w)), 4f, "WWᵀ with gain 2");
    }

    [Fact]
    public void HigherRankShapesAreFlattenedToTheLastAxis()
    {
        // A (3, 3, 4, 8) conv kernel is a (36, 8) matrix with orthonormal columns.
        var w = new Orthogonal(seed: 4).Call([3, 3, 4, 8]);
        Assert.Equal(new Shape(3, 3, 4, 8), w.Shape);
        var flat = w.Reshape(36, 8);
        AssertGram(Runtime.Ops.MatMul(Runtime.Ops.Transpose(flat), flat), 1f, "a conv kernel's columns");
        var row = new Orthogonal(seed: 5).Call([1, 5]);
        AssertGram(Runtime.Ops.MatMul(row, Runtime.Ops.Transpose(row)), 1f, "a single row");
    }

    [Fact]
    public void OrthogonalValuesLookLikeANormalMatrixRotated()
    {
        // A uniformly (Haar) distributed orthogonal n x n matrix has entries of mean 0 (variance 1/n), with no sign bias on the
        // diagonal.
        var w = new Orthogonal(seed: 6).Call([200, 200]).ToArray();
        var mean = w.Average(v => (double)v);
        Assert.True(Math.Abs(mean) < 6 * Math.Sqrt(1.0 / 200 / w.Length), $"mean {mean}");
        var positiveDiagonal = Enumerable.Range(0, 200).Count(i => w[i * 200 + i] > 0);
        Assert.InRange(positiveDiagonal, 60, 140);
    }

    [Fact]
    public void OrthogonalNeedsAtLeastTwoDimensions()
    {
        var e = Assert.Throws<ArgumentException>(() => new Orthogonal().Call([5]));
        Assert.Contains("Orthogonal", e.Message);
        Assert.Contains("(5,)", e.Message);
        Assert.Equal(new Shape(0, 4), new Orthogonal().Call([0, 4]).Shape);
    }

    [Fact]
    public void IdentityIsGainTimesEye()
    {
        TensorAssert.Equal(Tensor.FromArray(new float[,] { { 2, 0, 0 }, { 0, 2, 0 }, { 0, 0, 2 } }), new Identity(2f).Call([3, 3]));
        TensorAssert.Equal(Tensor.FromArray(new float[,] { { 1, 0, 0, 0 }, { 0, 1, 0, 0 } }), new Identity().Call([2, 4]));
        TensorAssert.Equal(Tensor.FromArray(new float[,] { { 1, 0 }, { 0, 1 }, { 0, 0 } }), Initializer.Get("identity").Call([3, 2]));
    }

    [Fact]
    public void IdentityIsTwoDimensionalOnly()
    {
        var e = Assert.Throws<ArgumentException>(() => new Identity().Call([3, 3, 3]));
        Assert.Contains("2-D", e.Message);
        Assert.Contains("(3, 3, 3)", e.Message);
    }
}
