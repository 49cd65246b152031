using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Tests.Support;

/// <summary>Tolerance comparisons of tensors: |a - e| <= atol + rtol * |e| elementwise, NaN matching NaN.</summary>
public static class TensorAssert
{
    public static void Close(Tensor expected, Tensor actual, float rtol = 1e-5f, float atol = 1e-6f, string? because = null)
    {
        Assert.True(expected.Shape == actual.Shape, $"{because}: shape {actual.Shape}, expected {expected.Shape}");
        Assert.True(expected.DType == actual.DType, $"{because}: dtype {actual.DType}, expected {expected.DType}");
        var e = expected.ToArray();
        var a = actual.ToArray();
        for (var i = 0; i < e.Length; i++)
        {
            if (float.IsNaN(e[i]) && float.IsNaN(a[i])) continue;
            if (float.IsInfinity(e[i]) && e[i] == a[i]) continue;
            var tol = atol + rtol * Math.Abs(e[i]);
            if (!(Math.Abs(a[i] - e[i]) <= tol))
                Assert.Fail($"{because}: element {i} is {a[i]:R}, expected {e[i]:R} (|diff| {Math.Abs(a[i] - e[i]):G3} > {tol:G3}); shape {actual.Shape}");
        }
    }

    public static void Equal(Tensor expected, Tensor actual, string? because = null) => Close(expected, actual, 0, 0, because);
}
