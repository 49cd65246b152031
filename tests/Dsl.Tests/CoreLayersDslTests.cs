using NotebookKeras.Runtime;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Tensors;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

public class CoreLayersDslTests
{
    [Fact]
    public void ASequentialOfCoreAndRegularizationLayersBuildsAndRuns()
    {
        var model = Sequential(name: "core_and_regularization")
            .Add(Input([4, 5]))
            .Add(Flatten())
            .Add(Dense(12, activation: "relu"))
            .Add(Dropout(0.5, seed: 1))
            .Add(GaussianNoise(0.1, seed: 2))
            .Add(GaussianDropout(0.1, seed: 3))
            .Add(AlphaDropout(0.1, seed: 4))
            .Add(ActivityRegularization(l2: 0.01))
            .Add(Reshape([3, 4]))
            .Add(SpatialDropout1D(0.2, seed: 5))
            .Add(Permute([2, 1]))
            .Add(Activation("tanh"))
            .Add(Flatten())
            .Add(RepeatVector(2))
            .Add(Lambda(x => x * 2f))
            .Add(Identity())
            .Add(Reshape([2, 3, 4]))
            .Add(SpatialDropout2D(0.2, seed: 6))
            .Add(Reshape([2, 3, 2, 2]))
            .Add(SpatialDropout3D(0.2, seed: 7))
            .Add(Flatten())
            .Add(Masking()); // last: a mask reaching Flatten would be rejected, as in Keras

        Assert.Equal(new Shape(-1, 24), model.Graph!.Outputs[0].Shape);
        Assert.Equal(20 * 12 + 12, model.CountParams());
        var summary = model.Summary();
        Assert.Contains("repeat_vector (RepeatVector)", summary);
        Assert.Contains("(None, 2, 12)", summary);
        Assert.Contains("(SpatialDropout3D)", summary); // long names wrap onto two lines, as in Keras

        var x = Runtime.Ops.RandomUniform(new Shape(8, 4, 5), seed: 8);
        var inference = model.Apply(x);
        Assert.Equal(new Shape(8, 24), inference.Shape);
        Assert.Equal(inference.ToArray(), model.Apply(x).ToArray()); // inference is deterministic
        var training = model.Apply(x, training: true);
        Assert.Equal(new Shape(8, 24), training.Shape);
        Assert.NotEqual(inference.ToArray(), training.ToArray());
        Assert.Single(model.Losses); // the activity regularization of the last call
    }

    [Fact]
    public void AnEmbeddingModelTakesIntIndices()
    {
        var model = Sequential()
            .Add(Input([5], dtype: DType.Int32))
            .Add(Embedding(inputDim: 10, outputDim: 4))
            .Add(Flatten())
            .Add(Dense(1));
        Assert.Equal(10 * 4 + 20 + 1, model.CountParams());
        var y = model.Apply(ConvertToTensor([1, 2, 3, 0, 0, 9, 8, 7, 6, 0], 2, 5));
        Assert.Equal(new Shape(2, 1), y.Shape);
    }

    [Fact]
    public void RegisteredLambdasAreFoundByName()
    {
        LambdaFunctions.Register("CoreLayersDslTests>halve", x => x * 0.5f);
        var y = Lambda("CoreLayersDslTests>halve").Apply(ConvertToTensor([2f, 4f], 1, 2));
        Assert.Equal([1f, 2f], y.ToArray());
    }
}
