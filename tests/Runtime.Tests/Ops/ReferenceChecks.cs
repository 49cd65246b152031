using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Ops;

/// <summary>
/// The checks shared by the unary reference files written by gen_activations.py, whose cases have inputs [x, upstream] and
/// outputs [y, dx] (dx by PyTorch autograd). Name suffixes: "_large" (no finite differences), "_special" (forward only).
/// </summary>
internal static class ReferenceChecks
{
    /// <summary>Case names for the gradient theory against PyTorch's autograd (all but "_special").</summary>
    public static IEnumerable<object[]> WithGradient(string file) =>
        ReferenceCases.Names(file).Where(r => !((string)r[0]).EndsWith("_special", StringComparison.Ordinal));

    /// <summary>Case names for the finite-difference theory: moderate, non-empty inputs.</summary>
    public static IEnumerable<object[]> ForFiniteDifferences(string file) =>
        WithGradient(file).Where(r =>
            !((string)r[0]).EndsWith("_large", StringComparison.Ordinal) && !((string)r[0]).EndsWith("_empty", StringComparison.Ordinal));

    /// <summary>The forward output matches PyTorch to 1e-5 relative (1e-4 on large-magnitude inputs).</summary>
    public static void Forward(string file, string name, Func<ReferenceCase, Tensor, Tensor> apply)
    {
        var c = ReferenceCases.Get(file, name);
        var rtol = name.EndsWith("_large", StringComparison.Ordinal) ? 1e-4f : 1e-5f;
        TensorAssert.Close(c.Outputs[0], apply(c, c.Inputs[0]), rtol: rtol, atol: 1e-6f, because: name);
    }

    /// <summary>The tape's gradient for the case's upstream gradient matches PyTorch's autograd.</summary>
    public static void Gradient(string file, string name, Func<ReferenceCase, Tensor, Tensor> apply)
    {
        var c = ReferenceCases.Get(file, name);
        var (x, upstream) = (c.Inputs[0], c.Inputs[1]);
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = apply(c, x);
        var dx = tape.Gradient(y, [x], upstream)[0];
        var rtol = name.EndsWith("_large", StringComparison.Ordinal) ? 1e-4f : 1e-5f;
        TensorAssert.Close(c.Outputs[1], dx, rtol: rtol, atol: 1e-6f, because: name);
    }

    /// <summary>The tape's gradient matches central finite differences.</summary>
    public static void FiniteDifferences(string file, string name, Func<ReferenceCase, Tensor, Tensor> apply)
    {
        var c = ReferenceCases.Get(file, name);
        GradientCheck.Check(x => apply(c, x[0]), [c.Inputs[0]], name: name);
    }
}
