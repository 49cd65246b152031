using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Reshaping;
using NotebookKeras.Runtime.Tensors;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

public class ConvLayersDslTests
{
    [Fact]
    public void OneAndThreeDimensionalConvolutionsReadAsInKeras()
    {
        var model = Sequential()
            .Add(Input([20, 3]))
            .Add(Conv1D(6, 3, activation: "relu"))
            .Add(Conv1D(5, 4, strides: 2, padding: "same"))
            .Add(Conv1D(4, 3, padding: "causal", dilationRate: 2));
        Assert.Equal(new Shape(-1, 9, 4), model.Graph!.Outputs[0].Shape);
        Assert.Equal(6 * 3 * 3 + 6 + 5 * 4 * 6 + 5 + 4 * 3 * 5 + 4, model.CountParams());

        var conv3 = Conv3D(8, (3, 3, 3), groups: 2, dataFormat: "channels_first");
        Assert.Equal(new Size3D(3, 3, 3), conv3.KernelSize);
        Assert.Equal(Conv3D(8, 3).KernelSize, conv3.KernelSize);
        Assert.Equal(new Shape(-1, 8, 2, 3, 4), conv3.ComputeOutputShape(new Shape(-1, 4, 4, 5, 6)));
    }

    [Fact]
    public void TransposedConvolutionsUpsample()
    {
        Assert.Equal(new Shape(-1, 14, 14, 16), Conv2DTranspose(16, 3, strides: 2, padding: "same").ComputeOutputShape(new Shape(-1, 7, 7, 32)));
        Assert.Equal(new Shape(-1, 12, 4), Conv1DTranspose(4, 3, strides: 2, outputPadding: 1).ComputeOutputShape(new Shape(-1, 5, 2)));
        var up3 = Conv3DTranspose(2, (1, 2, 2), strides: (1, 2, 2));
        Assert.Equal(new Size3D(1, 2, 2), up3.Strides);
        Assert.Equal(new Shape(-1, 3, 8, 8, 2), up3.ComputeOutputShape(new Shape(-1, 3, 4, 4, 5)));
        Assert.IsAssignableFrom<BaseConvTranspose>(up3);
    }
}
