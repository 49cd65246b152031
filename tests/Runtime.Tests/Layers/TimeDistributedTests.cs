using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Layers.Recurrent;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

public class TimeDistributedTests
{
    [Fact]
    public void DenseAppliesToEveryTimestepWithOneSetOfWeights()
    {
        var x = GradientCheck.Random(40, -1, 1, 2, 3, 4);
        var wrapper = new TimeDistributed(new Dense(5, activation: "tanh"));
        var y = wrapper.Apply(x);
        Assert.Equal(new Shape(2, 3, 5), y.Shape);
        Assert.Equal(2, wrapper.Weights.Count);
        TensorAssert.Close(PerStep(wrapper.Layer, x), y, 1e-6f, 1e-6f);
        GradientCheck.Check(xs => wrapper.Apply(xs[0]), [x], name: "time distributed dense");
    }

    [Fact]
    public void Conv2DAppliesToEveryFrameOfAVideo()
    {
        var x = GradientCheck.Random(41, -1, 1, 2, 3, 5, 5, 2);
        var wrapper = new TimeDistributed(new Conv2D(4, 3));
        var y = wrapper.Apply(x);
        Assert.Equal(new Shape(2, 3, 3, 3, 4), y.Shape);
        TensorAssert.Close(PerStep(wrapper.Layer, x), y, 1e-5f, 1e-6f);
        Assert.Equal(new Shape(-1, 3, 3, 3, 4), wrapper.ComputeOutputShape(new Shape(-1, 3, 5, 5, 2)));
        Assert.Equal(new Shape(-1, 3, 3, 3, 4), wrapper.Apply(InputLayer.Create(new Shape(3, 5, 5, 2))).Shape);
    }

    [Fact]
    public void TheMaskPassesThroughAndReachesALayerThatSupportsIt()
    {
        var tokens = Tensor.FromArray(new[] { 3, 1, 0, 2, 0, 0 }, 2, 3);
        var embedded = new Embedding(4, 2, maskZero: true).Apply(tokens);
        var y = new TimeDistributed(new Dense(3)).Apply(embedded);
        Assert.NotNull(y.KerasMask);
        TensorAssert.Equal(embedded.KerasMask!, y.KerasMask!);
        // Downstream, the recurrent layer skips the padded steps as it would without the wrapper.
        var lstm = new LSTM(2);
        TensorAssert.Close(lstm.Apply(Runtime.Ops.Slice(y, [0, 0, 0], [1, 2, 3])), Runtime.Ops.Slice(lstm.Apply(y), [0, 0], [1, 2]), 1e-6f, 1e-6f);
    }

    [Fact]
    public void ConfigRoundTripsAndShortInputsAreAClearError()
    {
        var back = KerasConfigAssert.RoundTrips(new TimeDistributed(new Dense(3, activation: "relu", name: "inner"), name: "td"));
        Assert.Equal("inner", Assert.IsType<Dense>(back.Layer).Name);
        var e = Assert.Throws<ArgumentException>(() => new TimeDistributed(new Dense(3), name: "td2").Apply(Tensor.Ones(2, 4)));
        Assert.Contains("'td2'", e.Message);
        Assert.Contains("at least 3 dimensions", e.Message);
    }

    // The layer applied to each timestep on its own, restacked along time.
    private static Tensor PerStep(Runtime.Layers.Layer layer, Tensor x)
    {
        var shape = x.Shape.ToArray();
        var steps = Enumerable.Range(0, shape[1]).Select(t =>
        {
            var start = new int[shape.Length];
            start[1] = t;
            var size = (int[])shape.Clone();
            size[1] = 1;
            return layer.Apply(Runtime.Ops.Reshape(Runtime.Ops.Slice(x, start, size), [shape[0], .. shape[2..]]));
        }).ToArray();
        return Runtime.Ops.Stack(steps, axis: 1);
    }
}
