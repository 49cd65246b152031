namespace NotebookKeras.Cli.Tests.Browser;

public sealed class SummaryGraphTests
{
    [Fact]
    public void AChainHasItsRowsAsBoxesAndOneEdgeBetweenEachPair()
    {
        var chain = KnownModels.Chain(layers: 3);
        var expected = SummaryGraph.Parse(chain.Summary())!;
        Assert.Equal("chain", expected.Model);
        Assert.Equal(["dense_0", "dense_1", "dense_2"], expected.Layers);
        Assert.Equal(2, expected.Edges);
    }

    [Fact]
    public void AFunctionalModelHasAnEdgePerConnectedToReference()
    {
        var (model, boxes, edges) = KnownModels.TwoInputs();
        var expected = SummaryGraph.Parse(model.Summary())!;
        Assert.Equal("two_inputs", expected.Model);
        Assert.Equal(boxes, expected.Layers.Order());
        Assert.Equal(edges.Length, expected.Edges);
    }

    [Fact]
    public void LongNamesWrappedOverSeveralLinesAreReadWhole()
    {
        var (model, boxes, edges) = KnownModels.TwoInputs(prefix: "a_layer_name_longer_than_its_column_");
        var summary = model.Summary();
        // The names are folded over several lines of their cells.
        Assert.DoesNotContain("a_layer_name_longer_than_its_column_merge", summary, StringComparison.Ordinal);
        var expected = SummaryGraph.Parse(summary)!;
        Assert.Equal(boxes, expected.Layers.Order());
        Assert.Equal(edges.Length, expected.Edges);
    }

    [Fact]
    public void OtherTextIsNoSummary() => Assert.Null(SummaryGraph.Parse("train: (12000, 28, 28)"));
}
