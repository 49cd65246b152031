using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Tests.Models;

public class ModelSummaryTests
{
    [Fact]
    public void SequentialSummaryMatchesKerasLayout()
    {
        var model = new Sequential(
            [new InputLayer(new Shape(784)), new Dense(64, "relu", name: "dense"), new Dense(10, name: "dense_1")],
            name: "sequential");
        const string expected = """
            Model: "sequential"
            ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
            ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
            ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
            │ dense (Dense)                   │ (None, 64)             │        50,240 │
            ├─────────────────────────────────┼────────────────────────┼───────────────┤
            │ dense_1 (Dense)                 │ (None, 10)             │           650 │
            └─────────────────────────────────┴────────────────────────┴───────────────┘
             Total params: 50,890 (198.79 KB)
             Trainable params: 50,890 (198.79 KB)
             Non-trainable params: 0 (0.00 B)

            """;
        Assert.Equal(expected, model.Summary());
    }

    [Fact]
    public void FunctionalSummaryHasConnectedTo()
    {
        var a = InputLayer.Create(new Shape(4), name: "left");
        var b = InputLayer.Create(new Shape(4), name: "right");
        var shared = new Dense(3, name: "shared");
        var head = new Dense(1, name: "head");
        var model = new Functional([a, b], [shared.Apply(a), head.Apply(shared.Apply(b))], name: "two");
        var text = model.Summary();
        Assert.StartsWith("Model: \"two\"\n┏", text);
        Assert.Contains("Connected to", text);
        Assert.Contains("│ left (InputLayer)", text);
        Assert.Contains("left[0][0]", text);
        Assert.Contains("right[0][0]", text);
        Assert.Contains("shared[1][0]", text);
        Assert.Contains(" Total params: 19 (76.00 B)", text);
        var lines = text.Split('\n');
        Assert.All(lines.Skip(1).Take(lines.Length - 5), l => Assert.Equal(76, l.Length));
    }

    [Fact]
    public void UnbuiltLayersShowQuestionMarksAndSizesReadLikeKeras()
    {
        var model = new Sequential([new Dense(4)], name: "lazy");
        var text = model.Summary();
        Assert.Contains("│ ?", text);
        Assert.Contains("0 (unbuilt)", text);
        Assert.Equal("0.00 B", ModelSummary.ReadableSize(0));
        Assert.Equal("2.55 MB", ModelSummary.ReadableSize(669_706 * 4));
    }
}
