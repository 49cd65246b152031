using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Tests.Support;

/// <summary>
/// Checks a tape gradient against central finite differences computed in double precision around float inputs.
/// The scalar objective is sum(f(inputs) * w) with a fixed random w, so every output element contributes with a distinct weight.
/// </summary>
public static class GradientCheck
{
    private const int MaxElements = 64;

    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, float eps = 1e-2f, float rtol = 2e-2f, float atol = 2e-3f, int[]? only = null, string? name = null)
    {
        var probe = f(inputs);
        var rng = new Random(1234);
        var weights = Tensor.FromArray(Enumerable.Range(0, probe.Size).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray(), probe.Shape.Size == 1 && probe.Rank == 0 ? [] : probe.Shape.ToArray()).Reshape(probe.Shape.ToArray());

        Tensor[] analytic;
        using (var tape = new GradientTape())
        {
            tape.Watch(inputs.Where(t => t.DType == DType.Float32).ToArray());
            var y = f(inputs);
            var objective = Runtime.Ops.Sum(Runtime.Ops.Multiply(y, weights));
            analytic = tape.Gradient(objective, inputs);
        }

        double Objective(Tensor[] xs)
        {
            var y = f(xs).ToArray();
            var w = weights.ToArray();
            double s = 0;
            for (var i = 0; i < y.Length; i++) s += (double)y[i] * w[i];
            return s;
        }

        for (var n = 0; n < inputs.Length; n++)
        {
            if (inputs[n].DType != DType.Float32) continue;
            if (only is not null && !only.Contains(n)) continue;
            var baseValues = inputs[n].ToArray();
            var grad = analytic[n].ToArray();
            Assert.Equal(baseValues.Length, grad.Length);
            // Large inputs: check a fixed random sample of elements (two forward passes per element).
            var indices = baseValues.Length <= MaxElements
                ? Enumerable.Range(0, baseValues.Length)
                : Enumerable.Range(0, MaxElements).Select(_ => rng.Next(baseValues.Length)).Distinct();
            foreach (var i in indices)
            {
                var plus = (float[])baseValues.Clone();
                var minus = (float[])baseValues.Clone();
                plus[i] += eps;
                minus[i] -= eps;
                var xsPlus = (Tensor[])inputs.Clone();
                var xsMinus = (Tensor[])inputs.Clone();
                xsPlus[n] = Tensor.FromArray(plus, inputs[n].Shape.ToArray()).Reshape(inputs[n].Shape.ToArray());
                xsMinus[n] = Tensor.FromArray(minus, inputs[n].Shape.ToArray()).Reshape(inputs[n].Shape.ToArray());
                var numeric = (Objective(xsPlus) - Objective(xsMinus)) / (2.0 * eps);
                var tol = atol + rtol * Math.Abs(numeric);
                if (!(Math.Abs(grad[i] - numeric) <= tol))
                    Assert.Fail($"{name}: d/d input{n}[{i}] is {grad[i]:G6} by the tape, {numeric:G6} by finite differences (tolerance {tol:G3}).");
            }
        }
    }

    /// <summary>
    /// Checks the tape gradient of a scalar objective with respect to each element of <paramref name="weights"/> against central
    /// differences (the weights are shifted in place and restored).
    /// </summary>
    public static void CheckWeights(Func<Tensor> objective, IReadOnlyList<Variable> weights, float eps = 1e-2f, double rtol = 2e-2, double atol = 2e-3, string? name = null)
    {
        Tensor[] grads;
        using (var tape = new GradientTape())
        {
            grads = tape.Gradient(objective(), weights.Select(v => v.Value).ToArray());
        }
        double Value() => objective().ToArray()[0];
        for (var w = 0; w < weights.Count; w++)
        {
            var variable = weights[w];
            var values = variable.Value.ToArray();
            var grad = grads[w].ToArray();
            for (var i = 0; i < values.Length; i++)
            {
                var shifted = (float[])values.Clone();
                shifted[i] = values[i] + eps;
                variable.Assign(Tensor.FromArray(shifted, variable.Shape.ToArray()));
                var plus = Value();
                shifted[i] = values[i] - eps;
                variable.Assign(Tensor.FromArray(shifted, variable.Shape.ToArray()));
                var minus = Value();
                variable.Assign(Tensor.FromArray(values, variable.Shape.ToArray()));
                var numeric = (plus - minus) / (2 * eps);
                Assert.True(Math.Abs(grad[i] - numeric) <= atol + rtol * Math.Abs(numeric),
                    $"{name} {variable.Name}[{i}]: tape {grad[i]:G6}, finite differences {numeric:G6}");
            }
        }
    }

    /// <summary>A float tensor of the given shape with values uniform in [lo, hi), seeded.</summary>
    public static Tensor Random(int seed, float lo, float hi, params int[] shape)
    {
        var rng = new Random(seed);
        var n = shape.Aggregate(1, (a, b) => a * b);
        var data = Enumerable.Range(0, n).Select(_ => (float)(lo + rng.NextDouble() * (hi - lo))).ToArray();
        return Tensor.FromArray(data, shape.Length == 0 ? [] : shape).Reshape(shape);
    }
}
