using NotebookKeras.Runtime.Tensors;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

public class ReshapingLayersDslTests
{
    [Fact]
    public void PaddingCroppingAndUpsamplingComposeInASequential()
    {
        var model = Sequential(Input([8, 8, 3]), ZeroPadding2D(1), Cropping2D(((2, 0), (0, 2))), UpSampling2D(2, interpolation: "bilinear"));
        Assert.Equal(new Shape(2, 16, 16, 3), model.Apply(Ones(2, 8, 8, 3)).Shape);
        var sequence = Sequential(Input([5, 4]), ZeroPadding1D((1, 2)), Cropping1D((0, 1)), UpSampling1D(3));
        Assert.Equal(new Shape(1, 21, 4), sequence.Apply(Ones(1, 5, 4)).Shape);
        Assert.Contains("(None, 10, 10, 3)", model.Summary());
    }
}
