using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

/// <summary>The seed's two custom-layer examples, written in C# as a Keras user writes them in Python.</summary>
public class CustomLayerTests
{
    /// <summary>The seed's SimpleDense: trainable w and b created in Build, y = x·w + b.</summary>
    private sealed class SimpleDense(int units = 32) : Layer
    {
        private Variable? _w;
        private Variable? _b;

        public Variable W => _w!;

        public Variable B => _b!;

        public override void Build(Shape inputShape)
        {
            _w = AddWeight(new Shape(inputShape[-1], units), "random_normal", trainable: true);
            _b = AddWeight(new Shape(units), "random_normal", trainable: true);
        }

        protected internal override Tensor Call(Tensor inputs) => Runtime.Ops.MatMul(inputs, _w!) + _b!;
    }

    /// <summary>The seed's ComputeSum: a non-trainable total created in the constructor, accumulated on every call.</summary>
    private sealed class ComputeSum : Layer
    {
        private readonly Variable _total;

        public ComputeSum(int inputDim) => _total = AddWeight(new Shape(inputDim), "zeros", trainable: false);

        public Variable Total => _total;

        protected internal override Tensor Call(Tensor inputs)
        {
            _total.AssignAdd(Runtime.Ops.Sum(inputs, axis: 0));
            return _total.Value;
        }
    }

    [Fact]
    public void SimpleDenseBuildsOnFirstCallAndComputesXwPlusB()
    {
        var layer = new SimpleDense(units: 4);
        Assert.False(layer.Built);
        var x = GradientCheck.Random(1, -1, 1, 3, 5);
        var y = layer.Apply(x);
        Assert.True(layer.Built);
        Assert.Equal(new Shape(3, 4), y.Shape);
        Assert.Equal(new Shape(5, 4), layer.W.Shape);
        Assert.Equal(new Shape(4), layer.B.Shape);
        Assert.Equal(2, layer.TrainableWeights.Count);
        Assert.Empty(layer.NonTrainableWeights);
        Assert.Equal(24, layer.CountParams());

        // y = x·w + b, computed independently in double precision.
        var xs = x.ToArray();
        var w = layer.W.Value.ToArray();
        var b = layer.B.Value.ToArray();
        var expected = new float[12];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 4; j++)
            {
                double s = b[j];
                for (var k = 0; k < 5; k++) s += (double)xs[i * 5 + k] * w[k * 4 + j];
                expected[i * 4 + j] = (float)s;
            }
        TensorAssert.Close(Tensor.FromArray(expected, 3, 4), y);

        // random_normal is Keras's RandomNormal(stddev=0.05): small, non-zero weights.
        Assert.All(w, v => Assert.InRange(v, -0.5f, 0.5f));
        Assert.Contains(w, v => v != 0);
    }

    [Fact]
    public void SimpleDenseIsTrainableWithATape()
    {
        var layer = new SimpleDense(units: 2);
        var x = GradientCheck.Random(2, -1, 1, 4, 3);
        using var tape = new GradientTape();
        var loss = Runtime.Ops.Sum(Runtime.Ops.Square(layer.Apply(x)));
        var grads = tape.Gradient(loss, layer.TrainableWeights);
        Assert.Equal(new Shape(3, 2), grads[0].Shape);
        Assert.Equal(new Shape(2), grads[1].Shape);
        Assert.Contains(grads[0].ToArray(), v => v != 0);
    }

    [Fact]
    public void ComputeSumAccumulatesAcrossCallsAsInKeras()
    {
        var x = Tensor.Ones(2, 2);
        var mySum = new ComputeSum(2);
        var y = mySum.Apply(x);
        Assert.Equal([2f, 2f], y.ToArray());
        y = mySum.Apply(x);
        Assert.Equal([4f, 4f], y.ToArray());

        Assert.Equal([mySum.Total], mySum.Weights);
        Assert.Equal([mySum.Total], mySum.NonTrainableWeights);
        Assert.Empty(mySum.TrainableWeights);
    }

    [Fact]
    public void WeightsCannotBeAddedAfterBuild()
    {
        var layer = new LateWeight();
        layer.Apply(Tensor.Ones(1, 2));
        var e = Assert.Throws<InvalidOperationException>(() => layer.AddLate());
        Assert.Contains("late", e.Message);
        Assert.Contains(layer.Name, e.Message);
    }

    private sealed class LateWeight : Layer
    {
        public void AddLate() => AddWeight("late", new Shape(1), "zeros");

        protected internal override Tensor Call(Tensor inputs) => inputs;
    }
}
