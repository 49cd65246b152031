using System.Globalization;
using System.Xml.Linq;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Layers.Merge;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Visualizers.Models;

namespace NotebookKeras.Visualizers.Tests.Models;

public class ModelGraphTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement Parse(string svg)
    {
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(Svg + "svg", root.Name);
        return root;
    }

    private static List<XElement> Boxes(XElement root) => [.. root.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "layer")];

    private static List<(string From, string To)> Edges(XElement root) =>
        [.. root.Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == "edge")
            .Select(p => ((string)p.Attribute("data-from")!, (string)p.Attribute("data-to")!))];

    private static (double X, double Y) Center(XElement root, string layer)
    {
        var rect = Boxes(root).Single(g => (string?)g.Attribute("data-name") == layer).Element(Svg + "rect")!;
        double Get(string name) => double.Parse((string)rect.Attribute(name)!, CultureInfo.InvariantCulture);
        return (Get("x") + Get("width") / 2, Get("y") + Get("height") / 2);
    }

    private static Sequential Chain() => new Sequential(name: "chain")
        .Add(InputLayer.Create([4]))
        .AddRange([new Dense(8, activation: "relu", name: "hidden_a"), new Dense(6, name: "hidden_b"), new Dense(3, activation: "softmax", name: "probs")]);

    [Fact]
    public void SequentialIsAChainOfBoxes()
    {
        var model = Chain();
        var root = Parse(ModelGraph.ToSvg(model));
        var names = Boxes(root).Select(g => (string)g.Attribute("data-name")!).ToList();
        Assert.Equal(model.Layers.Select(l => l.Name), names);
        Assert.Equal([("hidden_a", "hidden_b"), ("hidden_b", "probs")], Edges(root));
        Assert.Contains("hidden_a (Dense)", root.Descendants(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void TopToBottomStacksRanksDownAndLeftToRightAcross()
    {
        var model = Chain();
        var tb = Parse(ModelGraph.ToSvg(model, rankdir: "TB"));
        var lr = Parse(ModelGraph.ToSvg(model, rankdir: "LR"));
        Assert.Equal(Center(tb, "hidden_a").X, Center(tb, "probs").X, 6);
        Assert.True(Center(tb, "probs").Y > Center(tb, "hidden_b").Y && Center(tb, "hidden_b").Y > Center(tb, "hidden_a").Y);
        Assert.Equal(Center(lr, "hidden_a").Y, Center(lr, "probs").Y, 6);
        Assert.True(Center(lr, "probs").X > Center(lr, "hidden_b").X && Center(lr, "hidden_b").X > Center(lr, "hidden_a").X);
        Assert.Throws<ArgumentException>(() => ModelGraph.ToSvg(model, rankdir: "BT"));
    }

    [Fact]
    public void FunctionalWithTwoInputsAndTwoOutputsDrawsEveryConnection()
    {
        var left = InputLayer.Create([3], name: "left");
        var right = InputLayer.Create([5], name: "right");
        var merged = new Concatenate(name: "merge").Apply([new Dense(4, name: "left_dense").Apply(left), right]);
        var score = new Dense(1, name: "score").Apply(merged);
        var label = new Dense(2, activation: "softmax", name: "label").Apply(merged);
        var model = new Functional([left, right], [score, label], name: "two_by_two");

        var root = Parse(ModelGraph.ToSvg(model, showShapes: true));
        Assert.Equal(["label", "left", "left_dense", "merge", "right", "score"], Boxes(root).Select(g => (string)g.Attribute("data-name")!).Order().ToList());
        Assert.Equal(
            [("left", "left_dense"), ("left_dense", "merge"), ("merge", "label"), ("merge", "score"), ("right", "merge")],
            Edges(root).Order().ToList());
        // Longest path: both inputs start at the top, the outputs share the bottom rank.
        Assert.Equal(Center(root, "left").Y, Center(root, "right").Y, 6);
        Assert.Equal(Center(root, "score").Y, Center(root, "label").Y, 6);
        Assert.True(Center(root, "merge").Y > Center(root, "left_dense").Y);
        Assert.Contains("input: (None, 9) | output: (None, 1)", root.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Contains("input: [(None, 4), (None, 5)] | output: (None, 9)", root.Descendants(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void SharedLayerHasOneBoxAndAnEdgePerUse()
    {
        var a = InputLayer.Create([3], name: "a");
        var b = InputLayer.Create([3], name: "b");
        var shared = new Dense(2, name: "shared");
        var sum = new Add(name: "sum").Apply([shared.Apply(a), shared.Apply(b)]);
        var root = Parse(ModelGraph.ToSvg(new Functional([a, b], sum)));
        Assert.Single(Boxes(root), g => (string?)g.Attribute("data-name") == "shared");
        Assert.Equal([("a", "shared"), ("b", "shared"), ("shared", "sum"), ("shared", "sum")], Edges(root).Order().ToList());
    }

    [Fact]
    public void LayerAppliedToItsOwnOutputGetsALoop()
    {
        var x = InputLayer.Create([3], name: "x");
        var twice = new Dense(3, name: "twice");
        var root = Parse(ModelGraph.ToSvg(new Functional(x, twice.Apply(twice.Apply(x)))));
        Assert.Equal(2, Boxes(root).Count);
        Assert.Equal([("twice", "twice"), ("x", "twice")], Edges(root).Order().ToList());
        Assert.True(Center(root, "twice").Y > Center(root, "x").Y);
    }

    [Fact]
    public void LongEdgeIsRoutedAroundTheBoxesItSkips()
    {
        var x = InputLayer.Create([4], name: "x");
        var deep = new Dense(4, name: "deep_b").Apply(new Dense(4, name: "deep_a").Apply(x));
        var root = Parse(ModelGraph.ToSvg(new Functional(x, new Add(name: "residual").Apply([deep, x]))));
        var skip = root.Descendants(Svg + "path").Single(p => (string?)p.Attribute("data-from") == "x" && (string?)p.Attribute("data-to") == "residual");
        var numbers = ((string)skip.Attribute("d")!).Split(' ').Where(t => t is not ("M" or "C"))
            .Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        // One curve per rank crossed (x at rank 0, residual at rank 3), each ending at a waypoint or the target.
        Assert.Equal(2 + 3 * 6, numbers.Length);
        foreach (var layer in new[] { "deep_a", "deep_b" })
        {
            var rect = Boxes(root).Single(g => (string?)g.Attribute("data-name") == layer).Element(Svg + "rect")!;
            double Get(string name) => double.Parse((string)rect.Attribute(name)!, CultureInfo.InvariantCulture);
            for (var i = 6; i < numbers.Length; i += 6)
            {
                var inside = numbers[i] > Get("x") && numbers[i] < Get("x") + Get("width") && numbers[i + 1] > Get("y") && numbers[i + 1] < Get("y") + Get("height");
                Assert.False(inside, $"waypoint ({numbers[i]}, {numbers[i + 1]}) lies inside {layer}");
            }
        }
    }

    [Fact]
    public void OptionalLinesAndEscaping()
    {
        var model = Chain();
        model.Layers[1].Trainable = false;
        var root = Parse(ModelGraph.ToSvg(model, showDtype: true, showLayerNames: false, showLayerActivations: true, showTrainable: true));
        var texts = root.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("Dense", texts);
        Assert.DoesNotContain("hidden_a (Dense)", texts);
        Assert.Contains("dtype: float32", texts);
        Assert.Contains("activation: relu", texts);
        Assert.Contains("activation: softmax", texts);
        Assert.Contains("trainable: no", texts);
        Assert.Contains("trainable: yes", texts);

        var withLambda = new Sequential(name: "lambda").Add(InputLayer.Create([2])).Add(new Lambda(t => t, name: "unnamed_fn"));
        Assert.Contains("unnamed_fn (Lambda)", ModelGraph.ToSvg(withLambda, showLayerActivations: true));

        var named = new Sequential(name: "a<b>&\"c\"").Add(InputLayer.Create([2])).Add(new Dense(1, name: "d"));
        Assert.Equal("a<b>&\"c\"", Parse(ModelGraph.ToSvg(named)).Element(Svg + "title")!.Value);
    }

    [Fact]
    public void ExpandNestedDrawsTheInnerLayersInPlace()
    {
        var inner = new Sequential(name: "inner").Add(InputLayer.Create([4])).AddRange([new Dense(3, name: "inner_a"), new Dense(2, name: "inner_b")]);
        var x = InputLayer.Create([4], name: "x");
        var y = new Dense(1, name: "head").Apply(inner.Apply(x));
        var model = new Functional(x, y);

        var collapsed = Parse(ModelGraph.ToSvg(model));
        Assert.Equal([("inner", "head"), ("x", "inner")], Edges(collapsed).Order().ToList());
        var expanded = Parse(ModelGraph.ToSvg(model, expandNested: true));
        Assert.DoesNotContain(Boxes(expanded), g => (string?)g.Attribute("data-name") == "inner");
        Assert.Equal([("inner_a", "inner_b"), ("inner_b", "head"), ("x", "inner_a")], Edges(expanded).Order().ToList());
    }
}
