using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Tensors;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

public class LossesDslTests
{
    [Fact]
    public void EveryLossFactoryComputesALoss()
    {
        var oneHot = ConvertToTensor([0f, 1f, 0f, 1f, 0f, 0f], 2, 3);
        var probs = ConvertToTensor([0.2f, 0.7f, 0.1f, 0.5f, 0.25f, 0.25f], 2, 3);
        Loss[] losses =
        [
            MeanSquaredError(), MeanAbsoluteError(), MeanAbsolutePercentageError(), MeanSquaredLogarithmicError(),
            BinaryCrossentropy(labelSmoothing: 0.1), BinaryFocalCrossentropy(applyClassBalancing: true, gamma: 3),
            CategoricalCrossentropy(labelSmoothing: 0.1), CategoricalFocalCrossentropy(alpha: 0.5), CategoricalFocalCrossentropy(alpha: [0.2, 0.3, 0.5]),
            KLDivergence(), Poisson(), CosineSimilarity(axis: -1), Huber(delta: 0.5), LogCosh(), Hinge(), SquaredHinge(), CategoricalHinge(),
        ];
        foreach (var loss in losses)
        {
            var value = loss.Call(oneHot, probs);
            Assert.Equal(Shape.Scalar, value.Shape);
            Assert.True(float.IsFinite(value.Item()), $"{loss.ClassName} gave {value.Item()}");
        }
        // Integer labels for the same rows: the sparse loss equals the categorical one.
        var sparse = SparseCategoricalCrossentropy().Call(ConvertToTensor([1, 0], 2), probs).Item();
        Assert.Equal(CategoricalCrossentropy().Call(oneHot, probs).Item(), sparse, 6);
    }

    [Fact]
    public void FactoriesTakeKerasArgumentsAndNames()
    {
        var scce = SparseCategoricalCrossentropy(fromLogits: true);
        Assert.True(scce.FromLogits);
        Assert.Equal("sparse_categorical_crossentropy", scce.Name);
        Assert.Equal(0.1f, BinaryCrossentropy(labelSmoothing: 0.1).LabelSmoothing);
        Assert.Equal("sum", Losses.MeanSquaredError(reduction: "sum").Reduction);
        Assert.Equal(MeanSquaredError().GetConfig().ToJsonString(), Losses.MeanSquaredError().GetConfig().ToJsonString());
        Assert.Equal(Huber(delta: 2).GetConfig().ToJsonString(), Losses.Huber(delta: 2).GetConfig().ToJsonString());
        Assert.Equal(255, Losses.SparseCategoricalCrossentropy(ignoreClass: 255).IgnoreClass);
        Loss byName = "mse";
        Assert.IsType<MeanSquaredError>(byName);
    }
}
