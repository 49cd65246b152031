using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Losses;

/// <summary>
/// Loss values against Keras's formulas computed by PyTorch (Reference/gen_losses.py, which also checks itself against the
/// values of Keras's docstrings), with sample weights, masks and every reduction; gradients with respect to y_pred by finite
/// differences.
/// </summary>
public class LossValueTests
{
    private const string File = "losses.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    // Cases on clipping boundaries and kinks are checked forward only.
    public static IEnumerable<object[]> SmoothCases => Cases.Where(n => !((string)n[0]).EndsWith("_extreme", StringComparison.Ordinal));

    /// <summary>The loss of a case, created from its Keras config (the case's args) through the catalogue.</summary>
    private static Loss Make(ReferenceCase c)
    {
        var config = (JsonObject)JsonNode.Parse(c.Args.GetRawText())!;
        config.Remove("weighted");
        config.Remove("masked");
        return Loss.Get(new JsonObject { ["module"] = "keras.losses", ["class_name"] = c.Op, ["config"] = config })!;
    }

    /// <summary>loss(y_true, y_pred, sample_weight) with the case's Keras mask attached to y_pred.</summary>
    private static Tensor Apply(ReferenceCase c, Loss loss, Tensor yTrue, Tensor yPred, Tensor[] inputs)
    {
        var weighted = c.Bool("weighted");
        if (c.Bool("masked")) yPred.KerasMask = inputs[^1];
        return loss.Call(yTrue, yPred, weighted ? inputs[2] : null);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValueMatchesKerasFormula(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var inputs = c.Inputs;
        var value = Apply(c, Make(c), inputs[0], inputs[1], inputs);
        TensorAssert.Close(c.Output, value, rtol: 1e-5f, atol: 1e-6f, because: name);
    }

    [Theory]
    [MemberData(nameof(SmoothCases))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var inputs = c.Inputs;
        var loss = Make(c);
        GradientCheck.Check(x => Apply(c, loss, inputs[0], x[0], inputs), [inputs[1]], eps: 1e-3f, name: name);
    }

    [Fact]
    public void SparseCrossentropyFromLogitsHasTheSoftmaxGradient()
    {
        var logits = new Variable(Tensor.FromArray([1f, -2f, 0.5f, 0f, 0f, 3f], 2, 3), "logits");
        var labels = Tensor.FromArray([2, 0], 2);
        using var tape = new GradientTape();
        var loss = new SparseCategoricalCrossentropy(fromLogits: true).Call(labels, logits.Value);
        var grad = tape.Gradient(loss, [logits])[0];
        // d/dx mean(-log_softmax(x)[y]) = (softmax(x) - one_hot(y)) / batch.
        var expected = (Runtime.Ops.Softmax(logits.Value) - Runtime.Ops.OneHot(labels, 3)) / 2f;
        TensorAssert.Close(expected, grad);
    }

    [Fact]
    public void BinaryCrossentropyFromZeroLogitsHasTheExactGradient()
    {
        // A zero-initialized output layer gives logits of exactly 0, where the stable max/abs form has no derivative.
        var logits = Tensor.Zeros(2, 2);
        var labels = Tensor.FromArray([1f, 0f, 0f, 1f], 2, 2);
        using var tape = new GradientTape();
        tape.Watch(logits);
        var loss = new BinaryCrossentropy(fromLogits: true).Call(labels, logits);
        var grad = tape.Gradient(loss, logits)[0];
        TensorAssert.Close(Tensor.FromArray([-0.125f, 0.125f, 0.125f, -0.125f], 2, 2), grad);
        Assert.Equal(MathF.Log(2f), loss.Item(), 6);
    }

    [Fact]
    public void IntAndFloatLabelsGiveTheSameSparseCrossentropy()
    {
        var probs = Runtime.Ops.Softmax(GradientCheck.Random(3, -2, 2, 4, 5));
        var loss = new SparseCategoricalCrossentropy();
        var fromInts = loss.Call(Tensor.FromArray([0, 4, 2, 1], 4), probs).Item();
        var fromFloats = loss.Call(Tensor.FromArray([0f, 4f, 2f, 1f], 4, 1), probs).Item();
        Assert.Equal(fromInts, fromFloats);
        // The same labels one-hot encoded give the categorical crossentropy.
        Assert.Equal(fromInts, new CategoricalCrossentropy().Call(Runtime.Ops.OneHot(Tensor.FromArray([0, 4, 2, 1], 4), 5), probs).Item(), 6);
    }

    [Fact]
    public void IgnoredEntriesHaveNoGradientAndNoNaN()
    {
        var probs = Runtime.Ops.Softmax(GradientCheck.Random(5, -2, 2, 3, 3));
        var labels = Tensor.FromArray([1, -1, 0], 3);
        using var tape = new GradientTape();
        tape.Watch(probs);
        var loss = new SparseCategoricalCrossentropy(ignoreClass: -1).Call(labels, probs);
        var grad = tape.Gradient(loss, probs)[0].ToArray();
        Assert.True(float.IsFinite(loss.Item()));
        Assert.All(grad, g => Assert.True(float.IsFinite(g)));
        Assert.Equal([0f, 0f, 0f], grad[3..6]);
    }

    [Fact]
    public void ReductionNoneKeepsThePerSampleLosses()
    {
        var yTrue = GradientCheck.Random(1, -1, 1, 3, 2, 4);
        var yPred = GradientCheck.Random(2, -1, 1, 3, 2, 4);
        var none = new MeanAbsoluteError(reduction: "none").Call(yTrue, yPred);
        Assert.Equal(new Shape(3, 2), none.Shape);
        var mean = new MeanAbsoluteError().Call(yTrue, yPred);
        Assert.Equal(Shape.Scalar, mean.Shape);
        Assert.Equal(Runtime.Ops.Mean(none).Item(), mean.Item(), 6);
        Assert.Equal(Runtime.Ops.Sum(none).Item(), new MeanAbsoluteError(reduction: "sum").Call(yTrue, yPred).Item(), 5);
    }

    [Fact]
    public void CasesCoverEveryLossAndReduction()
    {
        var cases = ReferenceCases.Names(File).Select(n => ReferenceCases.Get(File, (string)n[0])).ToArray();
        var classes = Loss.Names.Where(n => char.IsUpper(n[0]) && n.Any(char.IsLower)).ToHashSet();
        Assert.Equal(17, classes.Count);
        Assert.Equal(classes.Order(), cases.Select(c => c.Op).Distinct().Order());
        Assert.Equal(Loss.Reductions.ToHashSet(), cases.Select(c => c.String("reduction")).ToHashSet());
        Assert.Contains(cases, c => c.Args.TryGetProperty("from_logits", out var f) && f.ValueKind == JsonValueKind.True);
    }
}
