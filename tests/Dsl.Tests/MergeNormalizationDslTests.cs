using NotebookKeras.Runtime.Tensors;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

public class MergeNormalizationDslTests
{
    [Fact]
    public void SequentialWithNormalizationLayersBuildsAndRuns()
    {
        var model = Sequential(
            Dense(8, activation: "relu"),
            BatchNormalization(momentum: 0.9f),
            LayerNormalization(),
            GroupNormalization(groups: 4),
            UnitNormalization(),
            Dense(2));
        var x = ConvertToTensor([.. Enumerable.Range(0, 12).Select(i => i / 12f)], 4, 3);
        var y = model.Apply(x, training: true);
        Assert.Equal(new Shape(4, 2), y.Shape);
        Assert.All(y.ToArray(), v => Assert.True(float.IsFinite(v)));
        // Dense 3x8+8, BatchNormalization 4x8, LayerNormalization 2x8, GroupNormalization 2x8, Dense 8x2+2.
        Assert.Equal(32 + 32 + 16 + 16 + 18, model.CountParams());
        Assert.Contains("batch_normalization", model.Summary());
    }

    [Fact]
    public void FunctionalModelWithMergeLayersBuildsAndRuns()
    {
        var a = Input([4]);
        var b = Input([4]);
        var merged = Concatenate().Apply([
            Add().Apply([a, b]), Subtract().Apply([a, b]), Multiply().Apply([a, b]),
            Average().Apply([a, b]), Maximum().Apply([a, b]), Minimum().Apply([a, b]),
            Dot(axes: 1, normalize: true).Apply([a, b]), Dot(axes: [1, 1]).Apply([a, b]),
        ]);
        var model = Model([a, b], Dense(1).Apply(merged));
        Assert.Equal(new Shape(-1, 26), merged.Shape);
        var y = model.Apply([Ones(3, 4), Full([3, 4], 2f)]);
        Assert.Equal(new Shape(3, 1), y.Shape);
        Assert.Equal(26 + 1, model.CountParams());
    }
}
