using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

/// <summary>The README's tour, verbatim, so the documentation stays true.</summary>
public class ReadmeTourTests
{
    [Fact]
    public void BuildingBlocksSnippetRuns()
    {
        var model = Sequential(Input([784]))
            .Add(Dense(512, activation: "relu"))
            .Add(Dropout(0.2))
            .Add(Dense(10, activation: "softmax"));
        Assert.Contains("Total params: 407,050", model.Summary());

        var a = Input([32], name: "a");
        var b = Input([32], name: "b");
        var shared = Dense(16, activation: "relu");
        var merged = Concatenate().Apply([shared.Apply(a), shared.Apply(b)]);
        var functional = Model([a, b], [Dense(1).Apply(merged)]);
        Assert.Equal(32 * 16 + 16 + 32 + 1, functional.CountParams());
        Assert.Contains("Connected to", functional.Summary());
    }
}
