using NotebookKeras.Cli.Examples;
using NotebookKeras.Runtime;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Cli.Tests.Examples;

public class CustomLayersExampleTests
{
    [Fact]
    public void SimpleDenseBuildsOnFirstCallAndComputesXwPlusB()
    {
        var layer = new CustomLayersExample.SimpleDense(units: 4);
        Assert.False(layer.Built);
        var x = Tensor.FromArray(Enumerable.Range(0, 15).Select(i => (i - 7) / 7f).ToArray(), 3, 5);
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
        var actual = y.ToArray();
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 4; j++)
            {
                double s = b[j];
                for (var k = 0; k < 5; k++) s += (double)xs[i * 5 + k] * w[k * 4 + j];
                Assert.Equal(s, actual[i * 4 + j], 5);
            }

        // "random_normal" is Keras's RandomNormal(stddev=0.05): small, non-zero weights.
        Assert.All(w, v => Assert.InRange(v, -0.5f, 0.5f));
        Assert.Contains(w, v => v != 0);
    }

    [Fact]
    public void SimpleDenseTrainsWithATape()
    {
        var layer = new CustomLayersExample.SimpleDense(units: 2);
        var x = Tensor.Ones(4, 3);
        using var tape = new GradientTape();
        var loss = Ops.Sum(Ops.Square(layer.Apply(x)));
        var grads = tape.Gradient(loss, layer.TrainableWeights);
        Assert.Equal(new Shape(3, 2), grads[0].Shape);
        Assert.Equal(new Shape(2), grads[1].Shape);
        Assert.Contains(grads[0].ToArray(), v => v != 0);
    }

    [Fact]
    public void ComputeSumAccumulatesAcrossCallsAsInKeras()
    {
        var x = Tensor.Ones(2, 2);
        var mySum = new CustomLayersExample.ComputeSum(2);
        Assert.Equal([2f, 2f], mySum.Apply(x).ToArray());
        Assert.Equal([4f, 4f], mySum.Apply(x).ToArray());
        Assert.Equal([mySum.Total], mySum.Weights);
        Assert.Equal([mySum.Total], mySum.NonTrainableWeights);
        Assert.Empty(mySum.TrainableWeights);
    }

    [Fact]
    public void ExamplePrintsTheSeedsResults()
    {
        var output = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["example", "custom-layers"], output, TextWriter.Null));
        var text = output.ToString();
        Assert.Contains("2 2\n4 4\n", text.Replace("\r", ""));
        Assert.Contains("non-trainable: 1, trainable: 0", text);
        Assert.Contains("shape=(2, 4)", text);
    }
}
