using NotebookKeras.Runtime;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Cli.Examples;

/// <summary>
/// The seed's two custom-layer examples in C#, exactly as a Keras user writes them in Python: <see cref="SimpleDense"/>
/// (trainable w and b created in Build) and <see cref="ComputeSum"/> (a non-trainable total that accumulates across calls).
/// </summary>
internal static class CustomLayersExample
{
    /// <summary>y = x·w + b, with w and b created in <c>Build</c> once the input size is known.</summary>
    internal sealed class SimpleDense(int units = 32) : Layer
    {
        private Variable? _w;
        private Variable? _b;

        public Variable W => _w ?? throw new InvalidOperationException("SimpleDense is not built yet.");

        public Variable B => _b ?? throw new InvalidOperationException("SimpleDense is not built yet.");

        public override void Build(Shape inputShape)
        {
            _w = AddWeight(new Shape(inputShape[-1], units), "random_normal", trainable: true);
            _b = AddWeight(new Shape(units), "random_normal", trainable: true);
        }

        protected override Tensor Call(Tensor inputs) => Ops.MatMul(inputs, W) + B;
    }

    /// <summary>A non-trainable <c>total</c> created in the constructor; every call adds the column sums of its input.</summary>
    internal sealed class ComputeSum : Layer
    {
        public ComputeSum(int inputDim) => Total = AddWeight(new Shape(inputDim), "zeros", trainable: false);

        public Variable Total { get; }

        protected override Tensor Call(Tensor inputs)
        {
            Total.AssignAdd(Ops.Sum(inputs, axis: 0));
            return Total.Value;
        }
    }

    public static void Run(TextWriter output)
    {
        var x = Tensor.Ones(2, 2);
        var linear = new SimpleDense(units: 4);
        var y = linear.Apply(x);
        output.WriteLine("SimpleDense(units: 4) on ones(2, 2):");
        output.WriteLine(y);
        output.WriteLine($"weights: {string.Join(", ", linear.Weights.Select(w => $"{w.Path} {w.Shape}"))}; trainable: {linear.TrainableWeights.Count}");
        output.WriteLine();

        var mySum = new ComputeSum(2);
        output.WriteLine("ComputeSum(2) called twice on ones(2, 2):");
        output.WriteLine(string.Join(" ", mySum.Apply(x).ToArray()));
        output.WriteLine(string.Join(" ", mySum.Apply(x).ToArray()));
        output.WriteLine($"weights: {mySum.Weights.Count}, non-trainable: {mySum.NonTrainableWeights.Count}, trainable: {mySum.TrainableWeights.Count}");
    }
}
