using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

/// <summary>Conv1DTranspose, Conv2DTranspose and Conv3DTranspose against PyTorch's conv_transpose cropped as Keras does.</summary>
public class ConvTransposeTests
{
    private const string File = "conv_transpose.json";

    // The file also holds the op's cases ("op_*"), checked in Ops.ConvTransposeTests.
    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File).Where(n => !((string)n[0]).StartsWith("op_", StringComparison.Ordinal));

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
    public void KernelIsWindowFiltersChannelsAndSamePaddingMultipliesByTheStrides()
    {
        var layer = new Conv2DTranspose(5, (3, 2), strides: (2, 3), padding: "same");
        Assert.Equal(new Shape(-1, 8, 12, 5), layer.ComputeOutputShape(new Shape(-1, 4, 4, 3)));
        layer.Apply(Tensor.Ones(1, 4, 4, 3));
        Assert.Equal(new Shape(3, 2, 5, 3), layer.Kernel!.Shape);
        Assert.Equal(new Shape(-1, 3, 8), new Conv1DTranspose(3, 4, strides: 2, dataFormat: "channels_first").ComputeOutputShape(new Shape(-1, 2, 3)));
        Assert.Equal(new Shape(-1, 3, 3, 6, 2), new Conv3DTranspose(2, 3, outputPadding: (0, 0, 1), strides: (1, 1, 2), padding: "same")
            .ComputeOutputShape(new Shape(-1, 3, 3, 3, 4)));
    }

    [Fact]
    public void ConfigsHaveKerasKeysWithoutGroupsAndOutputPaddingOnlyWhenSet()
    {
        var plain = new Conv2DTranspose(4, 3, strides: 2, padding: "same", activation: "relu", name: "up");
        var config = KerasRegistry.Serialize(plain)["config"]!.AsObject();
        Assert.Equal(
            ["name", "trainable", "dtype", "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
             "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
             "activity_regularizer", "kernel_constraint", "bias_constraint"],
            config.Select(p => p.Key));
        KerasConfigAssert.RoundTrips(plain);
        var padded = KerasConfigAssert.RoundTrips(new Conv1DTranspose(3, 3, strides: 2, outputPadding: 1, dataFormat: "channels_first"));
        Assert.Equal(1, padded.OutputPadding);
        Assert.Equal("[1]", padded.GetConfig()["output_padding"]!.ToJsonString());
        Assert.Equal(new Size2D(1, 0), KerasConfigAssert.RoundTrips(new Conv2DTranspose(3, 3, strides: (2, 3), outputPadding: (1, 0))).OutputPadding);
        KerasConfigAssert.RoundTrips(new Conv3DTranspose(2, (1, 2, 3), dilationRate: 2, useBias: false));
    }

    [Fact]
    public void KerasValidationErrorsNameTheArgument()
    {
        Assert.Contains("outputPadding", Assert.Throws<ArgumentException>(() => new Conv2DTranspose(4, 3, strides: 2, outputPadding: 2)).Message);
        Assert.Contains("dilationRate", Assert.Throws<ArgumentException>(() => new Conv1DTranspose(4, 3, strides: 2, dilationRate: 2)).Message);
        Assert.Contains("'valid' or 'same'", Assert.Throws<ArgumentException>(() => new Conv1DTranspose(4, 3, padding: "causal")).Message);
        Assert.Contains("kernelSize", Assert.Throws<ArgumentException>(() => new Conv3DTranspose(4, 0)).Message);
    }

    [Fact]
    public void AnAutoencoderSavesAndLoadsWithIdenticalPredictions()
    {
        var dir = Directory.CreateTempSubdirectory("nk-convt-").FullName;
        try
        {
            var model = new Sequential(
            [
                new InputLayer(new Shape(8, 8, 2)),
                new Conv2D(4, 3, strides: 2, padding: "same", activation: "relu"),
                new Conv2DTranspose(3, 3, strides: 2, padding: "same", activation: "relu"),
                new Conv2DTranspose(2, (2, 3), outputPadding: (0, 1), strides: (1, 2), dataFormat: "channels_first"),
            ]);
            var x = GradientCheck.Random(4, -1, 1, 2, 8, 8, 2);
            var path = Path.Combine(dir, "ae.keras");
            model.Save(path);
            var copy = Model.Load(path);
            TensorAssert.Equal(model.Predict(x, verbose: 0), copy.Predict(x, verbose: 0));
            // The last layer reads (2, 8, 8, 3) as channels_first: 8 channels over (8, 3).
            Assert.Equal(new Shape(2, 2, 9, 8), copy.Predict(x, verbose: 0).Shape);
            Assert.Equal(new Shape(2, 3, 2, 8), copy.Layers.OfType<Conv2DTranspose>().Last().Kernel!.Shape);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
