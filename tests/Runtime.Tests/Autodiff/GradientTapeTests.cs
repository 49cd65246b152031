using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Autodiff;

public class GradientTapeTests
{
    [Fact]
    public void WatchesTrainableVariablesAutomatically()
    {
        var w = new Variable(Tensor.FromArray([1f, 2f, 3f], 3), "w");
        var x = Tensor.FromArray([4f, 5f, 6f], 3);
        using var tape = new GradientTape();
        var y = Runtime.Ops.Sum(w * x);
        var g = tape.Gradient(y, [w]);
        TensorAssert.Equal(x, g[0]);
    }

    [Fact]
    public void NonTrainableVariablesAreNotWatchedUnlessAsked()
    {
        var v = new Variable(Tensor.FromArray([1f, 2f], 2), "v", trainable: false);
        using (var tape = new GradientTape())
        {
            var y = Runtime.Ops.Sum(v.Value * v);
            Assert.Equal(0, tape.RecordedCount);
            TensorAssert.Equal(Tensor.Zeros(2), tape.Gradient(y, [v])[0]);
        }
        using (var tape = new GradientTape())
        {
            tape.Watch(v);
            var y = Runtime.Ops.Sum(v.Value * v);
            TensorAssert.Equal(Tensor.FromArray([2f, 4f], 2), tape.Gradient(y, [v])[0]);
        }
    }

    [Fact]
    public void AccumulatesGradientsOfReusedTensors()
    {
        var x = Tensor.FromArray([3f], 1);
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = x * x + x * 2f + x; // dy/dx = 2x + 3
        TensorAssert.Equal(Tensor.FromArray([9f], 1), tape.Gradient(y, x)[0]);
    }

    [Fact]
    public void UnconnectedSourcesGetZeros()
    {
        var a = Tensor.FromArray([1f, 2f], 2);
        var b = Tensor.FromArray([3f], 1);
        using var tape = new GradientTape();
        tape.Watch(a, b);
        var g = tape.Gradient(Runtime.Ops.Sum(a), a, b);
        TensorAssert.Equal(Tensor.Ones(2), g[0]);
        TensorAssert.Equal(Tensor.Zeros(1), g[1]);
    }

    [Fact]
    public void NonPersistentTapeReleasesAndRefusesASecondCall()
    {
        var x = Tensor.FromArray([1f, 2f], 2);
        using var tape = new GradientTape();
        tape.Watch(x);
        var y = Runtime.Ops.Sum(x * x);
        Assert.True(tape.RecordedCount > 0);
        tape.Gradient(y, x);
        Assert.Equal(0, tape.RecordedCount);
        var e = Assert.Throws<InvalidOperationException>(() => tape.Gradient(y, x));
        Assert.Contains("persistent", e.Message);
    }

    [Fact]
    public void PersistentTapeAllowsSeveralGradients()
    {
        var x = Tensor.FromArray([2f], 1);
        using var tape = new GradientTape(persistent: true);
        tape.Watch(x);
        var y = x * x;
        var z = y * x;
        TensorAssert.Equal(Tensor.FromArray([4f], 1), tape.Gradient(y, x)[0]);
        TensorAssert.Equal(Tensor.FromArray([12f], 1), tape.Gradient(z, x)[0]);
    }

    [Fact]
    public void OpsOutsideATapeRecordNothing()
    {
        var x = Tensor.FromArray([1f], 1);
        using var tape = new GradientTape();
        tape.Watch(x);
        tape.Dispose();
        _ = x * x;
        Assert.Equal(0, tape.RecordedCount);
    }
}
