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

    /// <summary>Two inputs, one going through a hidden layer before they merge, and two heads; every name starts with
    /// <paramref name="prefix"/>.</summary>
    public static (Model Model, string[] Boxes, (string, string)[] Edges) TwoInputs(string prefix = "")
    {
        var left = InputLayer.Create([3], name: prefix + "left");
        var right = InputLayer.Create([5], name: prefix + "right");
        var merged = new Concatenate(name: prefix + "merge").Apply([new Dense(4, name: prefix + "left_dense").Apply(left), right]);
        var model = new Functional([left, right], [new Dense(1, name: prefix + "score").Apply(merged), new Dense(2, name: prefix + "label").Apply(merged)], name: prefix + "two_inputs");
        string[] boxes = ["label", "left", "left_dense", "merge", "right", "score"];
        (string, string)[] edges = [("left", "left_dense"), ("left_dense", "merge"), ("merge", "label"), ("merge", "score"), ("right", "merge")];
        return (model, [.. boxes.Select(b => prefix + b)], [.. edges.Select(e => (prefix + e.Item1, prefix + e.Item2))]);
    }
}
