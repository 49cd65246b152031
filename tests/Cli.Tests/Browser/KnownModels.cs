using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Layers.Merge;
using NotebookKeras.Runtime.Models;

namespace NotebookKeras.Cli.Tests.Browser;

/// <summary>Models whose graphs are known by construction: the boxes and edges a reader must see.</summary>
internal static class KnownModels
{
    /// <summary>A Sequential of <paramref name="layers"/> Dense layers: that many boxes, one fewer edges.</summary>
    public static Sequential Chain(int layers)
    {
        var model = new Sequential(name: "chain").Add(InputLayer.Create([4]));
        for (var i = 0; i < layers; i++) model.Add(new Dense(3, name: $"dense_{i}"));
        return model;
    }

    /// <summary>Two inputs, one going through a hidden layer before they merge, and two heads.</summary>
    public static (Model Model, string[] Boxes, (string, string)[] Edges) TwoInputs()
    {
        var left = InputLayer.Create([3], name: "left");
        var right = InputLayer.Create([5], name: "right");
        var merged = new Concatenate(name: "merge").Apply([new Dense(4, name: "left_dense").Apply(left), right]);
        var model = new Functional([left, right], [new Dense(1, name: "score").Apply(merged), new Dense(2, name: "label").Apply(merged)], name: "two_inputs");
        return (model, ["label", "left", "left_dense", "merge", "right", "score"],
            [("left", "left_dense"), ("left_dense", "merge"), ("merge", "label"), ("merge", "score"), ("right", "merge")]);
    }
}
