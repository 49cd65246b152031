using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

/// <summary>Conv1D, Conv2D and Conv3D over padding (with causal), strides, dilation, groups and data_format, against PyTorch.</summary>
public class ConvLayersTests
{
    private const string File = "conv_nd_layers.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name) => ConvLayerReference.ForwardMatches(ReferenceCases.Get(File, name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchPyTorch(string name) => ConvLayerReference.GradientsMatch(ReferenceCases.Get(File, name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void InputGradientMatchesFiniteDifferences(string name) =>
        ConvLayerReference.InputGradientMatchesFiniteDifferences(ReferenceCases.Get(File, name));

    [Fact]
    public void ConfigsRoundTripWithKerasKeysAndTupleSizes()
    {
        var conv1 = new Conv1D(6, 3, strides: 2, padding: "CAUSAL", dataFormat: "channels_first", groups: 2, activation: "relu", name: "c1");
        var conv3 = new Conv3D(4, (3, 2, 1), dilationRate: (2, 1, 1), padding: "same", useBias: false, kernelRegularizer: "l2", name: "c3");
        var config = KerasRegistry.Serialize(conv1)["config"]!.AsObject();
        Assert.Equal(
            ["name", "trainable", "dtype", "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups",
             "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
             "activity_regularizer", "kernel_constraint", "bias_constraint"],
            config.Select(p => p.Key));
        Assert.Equal("[3]", config["kernel_size"]!.ToJsonString());
        Assert.Equal("causal", (string?)config["padding"]);
        Assert.Equal("[3,2,1]", conv3.GetConfig()["kernel_size"]!.ToJsonString());
        Assert.Equal("[2,1,1]", conv3.GetConfig()["dilation_rate"]!.ToJsonString());
        Assert.Equal(2, KerasConfigAssert.RoundTrips(conv1).Groups);
        Assert.Equal(new Runtime.Layers.Reshaping.Size3D(3, 2, 1), KerasConfigAssert.RoundTrips(conv3).KernelSize);
        KerasConfigAssert.RoundTrips(new Conv2D(4, 3, dataFormat: "channels_first", groups: 2));
    }

    [Fact]
    public void KerasConv1DConfigsReadWithEveryKey()
    {
        var json = JsonNode.Parse(System.IO.File.ReadAllText(KerasFixtures.PathOf("conv1d.json")))!.AsObject();
        var model = (Sequential)KerasRegistry.Deserialize(json);
        var theirs = json["config"]!["layers"]!.AsArray().Where(l => (string?)l!["class_name"] == "Conv1D").Select(l => l!["config"]!.AsObject()).ToArray();
        var ours = model.Layers.OfType<Conv1D>().ToArray();
        Assert.Equal(theirs.Length, ours.Length);
        Assert.Equal("causal", ours[2].Padding);
        for (var i = 0; i < ours.Length; i++)
        {
            var config = ours[i].GetConfig();
            foreach (var (key, value) in theirs[i])
            {
                if (key is "quantization_config" or "kernel_initializer") continue; // initializer axes (Keras 3.15) are not modelled
                Assert.True(JsonNode.DeepEquals(value, config[key]), $"{ours[i].Name} '{key}': {config[key]?.ToJsonString()} vs Keras {value?.ToJsonString()}");
            }
        }
    }

    [Fact]
    public void ChannelsFirstEqualsChannelsLastOnTransposedData()
    {
        var x = GradientCheck.Random(3, -1, 1, 2, 6, 5, 4);
        var last = new Conv2D(6, (3, 2), strides: (2, 1), padding: "same", groups: 2);
        var first = new Conv2D(6, (3, 2), strides: (2, 1), padding: "same", groups: 2, dataFormat: "channels_first");
        var xFirst = Runtime.Ops.Transpose(x, [0, 3, 1, 2]);
        var expected = last.Apply(x);
        first.Apply(xFirst);
        first.SetWeights(last.GetWeights());
        TensorAssert.Close(Runtime.Ops.Transpose(expected, [0, 3, 1, 2]), first.Apply(xFirst), rtol: 1e-6f, atol: 1e-6f);
        Assert.Equal(new Shape(-1, 6, 3, 5), first.ComputeOutputShape(new Shape(-1, 4, 6, 5)));
    }

    [Fact]
    public void CausalOutputDependsOnEarlierStepsOnly()
    {
        var conv = new Conv1D(2, 3, padding: "causal", dilationRate: 2, kernelInitializer: "ones");
        var x = GradientCheck.Random(1, -1, 1, 1, 8, 1);
        var y = conv.Apply(x);
        Assert.Equal(new Shape(1, 8, 2), y.Shape);
        var changed = x.AsSpan().ToArray();
        changed[5] += 1f; // step 5 may only affect outputs 5..7
        var y2 = conv.Apply(Tensor.FromArray(changed, 1, 8, 1));
        for (var t = 0; t < 5; t++) Assert.Equal(y.AsSpan()[t * 2], y2.AsSpan()[t * 2]);
        Assert.NotEqual(y.AsSpan()[10], y2.AsSpan()[10]);
    }

    [Fact]
    public void KerasValidationErrorsNameTheArgument()
    {
        Assert.Contains("groups", Assert.Throws<ArgumentException>(() => new Conv2D(5, 3, groups: 2)).Message);
        Assert.Contains("groups", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv1D(4, 3, groups: 0)).Message);
        Assert.Contains("dilationRate", Assert.Throws<ArgumentException>(() => new Conv3D(4, 3, strides: (1, 2, 1), dilationRate: 2)).Message);
        Assert.Contains("kernelSize", Assert.Throws<ArgumentException>(() => new Conv3D(4, (3, 0, 3))).Message);
        Assert.Contains("'causal'", Assert.Throws<ArgumentException>(() => new Conv1D(4, 3, padding: "full")).Message);
        Assert.Contains("'valid' or 'same'", Assert.Throws<ArgumentException>(() => new Conv2D(4, 3, padding: "causal")).Message);
        Assert.Contains("dataFormat", Assert.Throws<ArgumentException>(() => new Conv1D(4, 3, dataFormat: "nchw")).Message);
        Assert.Contains("filters", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv3D(0, 3)).Message);
        var channels = Assert.Throws<ArgumentException>(() => new Conv2D(4, 3, groups: 2).Apply(Tensor.Ones(1, 5, 5, 3)));
        Assert.Contains("3 channels", channels.Message);
        Assert.Contains("ndim=5", Assert.Throws<ArgumentException>(() => new Conv3D(4, 3).Apply(Tensor.Ones(1, 5, 5, 3))).Message);
    }

    [Fact]
    public void KerasArchiveRoundTripKeepsPredictions()
    {
        var dir = Directory.CreateTempSubdirectory("nk-conv-").FullName;
        try
        {
            var seq = new Sequential(
            [
                new InputLayer(new Shape(12, 4)),
                new Conv1D(6, 3, padding: "causal", dilationRate: 2, groups: 2, activation: "relu"),
                new Conv1D(4, 2, strides: 2, dataFormat: "channels_first"),
                new Flatten(), new Dense(3),
            ]);
            var volume = new Sequential(
            [
                new InputLayer(new Shape(2, 5, 6, 4)),
                new Conv3D(4, (2, 3, 3), padding: "same", groups: 2, activation: "tanh"),
                new Conv3D(3, 2, dataFormat: "channels_first", useBias: false),
            ]);
            foreach (var (model, x) in new[] { (seq, GradientCheck.Random(1, -1, 1, 3, 12, 4)), (volume, GradientCheck.Random(2, -1, 1, 2, 2, 5, 6, 4)) })
            {
                var path = Path.Combine(dir, $"{model.Name}.keras");
                model.Save(path);
                TensorAssert.Equal(model.Predict(x, verbose: 0), Model.Load(path).Predict(x, verbose: 0));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
