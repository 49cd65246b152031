using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Tensors;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

public class ConvolutionLayersDslTests
{
    [Fact]
    public void TheKerasMnistConvnetReadsAsInKeras()
    {
        var model = Sequential(name: "mnist_convnet")
            .Add(Input([28, 28, 1]))
            .Add(Conv2D(32, kernelSize: 3, activation: "relu"))
            .Add(MaxPooling2D(poolSize: 2))
            .Add(Conv2D(64, kernelSize: (3, 3), activation: "relu"))
            .Add(MaxPooling2D(poolSize: (2, 2)))
            .Add(Flatten())
            .Add(Dropout(0.5))
            .Add(Dense(10, activation: "softmax"));
        Assert.Equal(34_826, model.CountParams());
        Assert.Equal(new Shape(-1, 10), model.Graph!.Outputs[0].Shape);
    }

    [Fact]
    public void SizesTakeAnIntOrATuple()
    {
        var conv = Conv2D(8, (3, 5), strides: 2, dilationRate: 1, padding: "same");
        Assert.Equal(new Size2D(3, 5), conv.KernelSize);
        Assert.Equal(new Size2D(2, 2), conv.Strides);
        Assert.Equal(new Size2D(3, 3), AveragePooling2D(3).Strides);
        Assert.Equal(new Shape(-1, 7, 7, 8), conv.ComputeOutputShape(new Shape(-1, 14, 13, 1)));
        Assert.Equal(new Shape(-1, 1, 1, 8), GlobalAveragePooling2D(keepDims: true).ComputeOutputShape(new Shape(-1, 7, 7, 8)));
        Assert.Equal(new Shape(-1, 8), GlobalMaxPooling2D().ComputeOutputShape(new Shape(-1, 7, 7, 8)));
    }
}
