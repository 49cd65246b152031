using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Reshaping;
using NotebookKeras.Runtime.Tensors;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

public class DepthwiseAndPoolingDslTests
{
    [Fact]
    public void AMobileNetStyleBlockReadsAsInKeras()
    {
        var model = Sequential(name: "mobile")
            .Add(Input([16, 16, 3]))
            .Add(DepthwiseConv2D(3, padding: "same", depthMultiplier: 2, activation: "relu"))
            .Add(SeparableConv2D(8, kernelSize: (3, 3), strides: 2, activation: "relu"))
            .Add(MaxPooling2D(2))
            .Add(GlobalAveragePooling2D())
            .Add(Dense(4, activation: "softmax"));
        // depthwise 3*3*3*2 + 6, separable 3*3*6 + 6*8 + 8, dense 8*4 + 4
        Assert.Equal(60 + 110 + 36, model.CountParams());
        Assert.Equal(new Shape(-1, 4), model.Graph!.Outputs[0].Shape);
    }

    [Fact]
    public void OneAndThreeDimensionalLayersTakeIntsAndTriples()
    {
        Assert.Equal(new Shape(-1, 4, 12), DepthwiseConv1D(3, strides: 2, depthMultiplier: 3).ComputeOutputShape(new Shape(-1, 9, 4)));
        Assert.Equal(new Shape(-1, 9, 5), SeparableConv1D(5, 3, padding: "same").ComputeOutputShape(new Shape(-1, 9, 4)));
        Assert.Equal(3, MaxPooling1D(3).Strides);
        Assert.Equal(new Size3D(1, 2, 2), AveragePooling3D((1, 2, 2)).Strides);
        Assert.Equal(new Shape(-1, 2, 2, 2, 4), MaxPooling3D().ComputeOutputShape(new Shape(-1, 4, 5, 4, 4)));
        Assert.Equal(new Shape(-1, 6), GlobalAveragePooling1D().ComputeOutputShape(new Shape(-1, 7, 6)));
        Assert.Equal(new Shape(-1, 6), GlobalMaxPooling1D().ComputeOutputShape(new Shape(-1, 7, 6)));
        Assert.Equal(new Shape(-1, 6), GlobalMaxPooling3D().ComputeOutputShape(new Shape(-1, 2, 2, 2, 6)));
        Assert.Equal(new Shape(-1, 1, 1, 1, 6), GlobalAveragePooling3D(keepDims: true).ComputeOutputShape(new Shape(-1, 2, 2, 2, 6)));
        Assert.Equal(new Shape(-1, 3, 4), AveragePooling1D(2).ComputeOutputShape(new Shape(-1, 7, 4)));
        Assert.Equal(new Size2D(3, 3), DepthwiseConv2D(3).KernelSize);
    }
}
