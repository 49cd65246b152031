using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

public class DenseTests
{
    [Fact]
    public void AutomaticNamesAreUniquePerClass()
    {
        var a = new Dense(2);
        var b = new Dense(2);
        Assert.StartsWith("dense", a.Name);
        Assert.NotEqual(a.Name, b.Name);
        Assert.Equal("batch_normalization", LayerNames.ToSnakeCase("BatchNormalization"));
        Assert.Equal("conv2d", LayerNames.ToSnakeCase("Conv2D"));
        Assert.Equal("simple_rnn", LayerNames.ToSnakeCase("SimpleRNN"));
        Assert.Equal("dense", LayerNames.ToSnakeCase("Dense"));
    }

    [Fact]
    public void InputSpecErrorNamesLayerExpectedAndReceivedShapes()
    {
        var dense = new Dense(3, name: "classifier");
        dense.Apply(Tensor.Ones(2, 4));
        var e = Assert.Throws<ArgumentException>(() => dense.Apply(Tensor.Ones(2, 5)));
        Assert.Contains("\"classifier\"", e.Message);
        Assert.Contains("expected axis -1 of input shape to have value 4", e.Message);
        Assert.Contains("(2, 5)", e.Message);
        var rank = Assert.Throws<ArgumentException>(() => new Dense(3).Apply(Tensor.Ones(4)));
        Assert.Contains("min_ndim=2", rank.Message);
    }

    [Fact]
    public void AppliesAlongTheLastAxisOfHigherRankInputs()
    {
        var dense = new Dense(2, activation: "relu");
        var y = dense.Apply(GradientCheck.Random(3, -1, 1, 2, 3, 4));
        Assert.Equal(new Shape(2, 3, 2), y.Shape);
        Assert.All(y.ToArray(), v => Assert.True(v >= 0));
        Assert.Equal(new Shape(-1, 7, 2), dense.ComputeOutputShape(new Shape(-1, 7, 4)));
    }

    [Fact]
    public void ConfigRoundTripsThroughTheRegistry()
    {
        var dense = new Dense(5, activation: "tanh", useBias: false, name: "d");
        var json = KerasRegistry.Serialize(dense);
        Assert.Equal("keras.layers", (string?)json["module"]);
        Assert.Equal("Dense", (string?)json["class_name"]);
        var config = json["config"]!.AsObject();
        Assert.Equal(5, (int)config["units"]!);
        Assert.Equal("tanh", (string?)config["activation"]);
        Assert.False((bool)config["use_bias"]!);
        Assert.Equal("GlorotUniform", (string?)config["kernel_initializer"]!["class_name"]);
        Assert.Equal("float32", (string?)config["dtype"]!["config"]!["name"]);
        var copy = (Dense)KerasRegistry.Deserialize(json);
        Assert.Equal(config.ToJsonString(), copy.GetConfig().ToJsonString());
    }

    [Fact]
    public void SetWeightsChecksShapesAndChangesNothingOnMismatch()
    {
        var dense = new Dense(2);
        dense.Apply(Tensor.Ones(1, 3));
        var before = dense.GetWeights();
        var e = Assert.Throws<ArgumentException>(() => dense.SetWeights([Tensor.Zeros(3, 2), Tensor.Zeros(3)]));
        Assert.Contains("(2,)", e.Message);
        Assert.Contains("(3,)", e.Message);
        TensorAssert.Equal(before[0], dense.GetWeights()[0]);
        dense.SetWeights([Tensor.Ones(3, 2), Tensor.Full(new Shape(2), 0.5f)]);
        TensorAssert.Equal(Tensor.Full(new Shape(1, 2), 3.5f), dense.Apply(Tensor.Ones(1, 3)));
    }

    [Fact]
    public void FreezingRemovesWeightsFromTraining()
    {
        var dense = new Dense(2);
        dense.Apply(Tensor.Ones(1, 3));
        dense.Trainable = false;
        Assert.Empty(dense.TrainableWeights);
        Assert.Equal(2, dense.NonTrainableWeights.Count);
        Assert.All(dense.Weights, v => Assert.False(v.Trainable));
        dense.Trainable = true;
        Assert.Equal(2, dense.TrainableWeights.Count);
    }
}
