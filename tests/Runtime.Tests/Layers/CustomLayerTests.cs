using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

/// <summary>
/// The Layer contract seen from a custom layer (the seed's SimpleDense and ComputeSum live in the CLI's custom-layers example,
/// with their tests in Cli.Tests).
/// </summary>
public class CustomLayerTests
{
    [Fact]
    public void WeightsCannotBeAddedAfterBuild()
    {
        var layer = new LateWeight();
        layer.Apply(Tensor.Ones(1, 2));
        var e = Assert.Throws<InvalidOperationException>(() => layer.AddLate());
        Assert.Contains("late", e.Message);
        Assert.Contains(layer.Name, e.Message);
    }

    [Fact]
    public void BuildCalledDirectlyBuildsTheLayerOnce()
    {
        // Keras's `layer.build(shape)`, then set_weights, then a call: the call uses the weights that were set.
        var conv = new NotebookKeras.Runtime.Layers.Convolution.Conv1D(1, 3, useBias: false);
        conv.Build(new Shape(1, 10, 1));
        conv.SetWeights([Tensor.FromArray([-1f, 0f, 1f], 3, 1, 1)]);
        var output = conv.Apply(Tensor.FromArray([0f, 1f, 2f, 4f, 8f, 8f, 8f, 5f, 2f, 0f], 1, 10, 1));
        Assert.Single(conv.Weights);
        Assert.True(conv.Built);
        Assert.Equal([2f, 3f, 6f, 4f, 0f, -3f, -6f, -5f], output.ToArray());

        var custom = new TwoUnnamed(name: "direct");
        custom.Build(new Shape(1, 3));
        custom.Apply(Tensor.Ones(1, 3));
        Assert.Equal(["direct/variable", "direct/variable_1"], custom.Weights.Select(w => w.Path));
    }

    [Fact]
    public void UnnamedWeightsGetKerasDefaultNamesAndPaths()
    {
        var layer = new TwoUnnamed(name: "pair");
        layer.Apply(Tensor.Ones(1, 3));
        Assert.Equal(["pair/variable", "pair/variable_1"], layer.Weights.Select(w => w.Path));
    }

    [Fact]
    public void OutputShapeOfALayerWithoutAShapeRuleIsInferredByRunningIt()
    {
        var layer = new TwoUnnamed();
        var input = NotebookKeras.Runtime.Layers.Core.InputLayer.Create(new Shape(3));
        Assert.Equal(new Shape(-1, 2), layer.Apply(input).Shape);
    }

    private sealed class LateWeight : Layer
    {
        public void AddLate() => AddWeight("late", new Shape(1), "zeros");

        protected internal override Tensor Call(Tensor inputs) => inputs;
    }

    private sealed class TwoUnnamed(string? name = null) : Layer(name)
    {
        private Variable? _w;

        public override void Build(Shape inputShape)
        {
            _w = AddWeight(new Shape(inputShape[-1], 2));
            AddWeight(new Shape(2), "zeros");
        }

        protected internal override Tensor Call(Tensor inputs) => Runtime.Ops.MatMul(inputs, _w!);
    }
}
