using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Regularizers;

/// <summary>Penalties against Keras's formulas computed by PyTorch, their gradients, names, configs and errors.</summary>
public class RegularizerTests
{
    private const string File = "catalogs.json";
    private static readonly string[] Ops = ["l1", "l2", "l1_l2", "orthogonal_regularizer"];

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File).Where(n => Ops.Contains(ReferenceCases.Get(File, (string)n[0]).Op));

    private static Regularizer Make(ReferenceCase c) => c.Op switch
    {
        "l1" => new L1(c.Float("l1")),
        "l2" => new L2(c.Float("l2")),
        "l1_l2" => new L1L2(c.Float("l1"), c.Float("l2")),
        "orthogonal_regularizer" => new OrthogonalRegularizer(c.Float("factor"), c.String("mode")),
        _ => throw new InvalidOperationException(c.Op),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PenaltyMatchesKerasFormula(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var penalty = Make(c).Call(c.Inputs[0]);
        Assert.Equal(Shape.Scalar, penalty.Shape);
        TensorAssert.Close(c.Output, penalty, rtol: 1e-5f, atol: 1e-6f, because: name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var regularizer = Make(c);
        GradientCheck.Check(x => regularizer.Call(x[0]), c.Inputs, eps: 1e-3f, name: name);
    }

    [Fact]
    public void PenaltyOfAVariableLandsOnTheTape()
    {
        var kernel = new Variable(Tensor.FromArray([1f, -2f, 3f, 0.5f], 2, 2), "kernel");
        using var tape = new GradientTape();
        var penalty = new L2(0.5f).Call(kernel);
        var grad = tape.Gradient(penalty, [kernel])[0];
        // d/dw 0.5 * sum(w²) = w.
        TensorAssert.Close(kernel.Value, grad);
    }

    [Fact]
    public void ZeroFactorsOfL1L2GiveZero()
    {
        Assert.Equal(0f, new L1L2().Call(Tensor.Ones(3, 3)).Item());
    }

    public static TheoryData<string, Type> NamesAndClasses => new()
    {
        { "l1", typeof(L1) }, { "L1", typeof(L1) },
        { "l2", typeof(L2) }, { "L2", typeof(L2) },
        { "l1_l2", typeof(L1L2) }, { "l1l2", typeof(L1L2) }, { "L1L2", typeof(L1L2) },
        { "orthogonal_regularizer", typeof(OrthogonalRegularizer) }, { "OrthogonalRegularizer", typeof(OrthogonalRegularizer) },
    };

    [Theory]
    [MemberData(nameof(NamesAndClasses))]
    public void GetResolvesEveryKerasName(string name, Type expected)
    {
        Assert.IsType(expected, Regularizer.Get(name));
        Assert.IsType(expected, Regularizer.Get((object)name));
        Assert.Contains(name, Regularizer.Names);
    }

    [Fact]
    public void EveryNameIsTested()
    {
        var tested = NamesAndClasses.Select(row => (string)row[0]).ToHashSet();
        Assert.DoesNotContain(Regularizer.Names, n => !tested.Contains(n));
    }

    [Fact]
    public void NamesGiveKerasDefaults()
    {
        Assert.Equal(0.01f, Assert.IsType<L1>(Regularizer.Get("l1")).L1Factor);
        Assert.Equal(0.01f, Assert.IsType<L2>(Regularizer.Get("l2")).L2Factor);
        var documented = Assert.IsType<L1L2>(Regularizer.Get("l1_l2"));
        Assert.Equal((0.01f, 0.01f), (documented.L1Factor, documented.L2Factor));
        var byClass = Assert.IsType<L1L2>(Regularizer.Get("L1L2"));
        Assert.Equal((0f, 0f), (byClass.L1Factor, byClass.L2Factor));
        var orthogonal = Assert.IsType<OrthogonalRegularizer>(Regularizer.Get("orthogonal_regularizer"));
        Assert.Equal((0.01f, "rows"), (orthogonal.Factor, orthogonal.Mode));
    }

    [Fact]
    public void GetAcceptsObjectsConfigsAndNull()
    {
        var mine = new L2(0.3f);
        Assert.Same(mine, Regularizer.Get((object)mine));
        Assert.Null(Regularizer.Get((object?)null));
        var keras = JsonNode.Parse("""{"module": "keras.regularizers", "class_name": "L1", "config": {"l1": 0.009999999776482582}, "registered_name": null}""")!.AsObject();
        Assert.Equal(0.01f, Assert.IsType<L1>(Regularizer.Get(keras)).L1Factor);
    }

    [Fact]
    public void UnknownNamesListTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Regularizer.Get("l3"));
        Assert.Contains("Unknown regularizer 'l3'", e.Message);
        Assert.Contains("l1, l2, l1l2, l1_l2, orthogonal_regularizer", e.Message);
    }

    [Fact]
    public void ConfigsUseKerasKeys()
    {
        Assert.Equal("""{"l1":0.3}""", new L1(0.3f).GetConfig().ToJsonString());
        Assert.Equal("""{"l2":0.01}""", new L2().GetConfig().ToJsonString());
        Assert.Equal("""{"l1":0.1,"l2":0.2}""", new L1L2(0.1f, 0.2f).GetConfig().ToJsonString());
        Assert.Equal("""{"factor":0.01,"mode":"columns"}""", new OrthogonalRegularizer(mode: "columns").GetConfig().ToJsonString());
    }

    public static TheoryData<Regularizer> Instances => new()
    {
        new L1(0.25f), new L2(), new L1L2(0.1f, 0.2f), new L1L2(l2: 0.5f), new OrthogonalRegularizer(0.3f, "columns"),
    };

    [Theory]
    [MemberData(nameof(Instances))]
    public void EveryClassRoundTripsThroughTheRegistry(Regularizer regularizer)
    {
        Assert.Equal("keras.regularizers", regularizer.Module);
        KerasConfigAssert.RoundTrips(regularizer);
    }

    [Fact]
    public void BadArgumentsAreRejectedWithClearErrors()
    {
        Assert.Contains("L1: l1 must be a finite number >= 0; got -1", Assert.Throws<ArgumentOutOfRangeException>(() => new L1(-1)).Message);
        Assert.Contains("l2 must be a finite number >= 0", Assert.Throws<ArgumentOutOfRangeException>(() => new L2(float.NaN)).Message);
        Assert.Contains("L1L2", Assert.Throws<ArgumentOutOfRangeException>(() => new L1L2(0, float.PositiveInfinity)).Message);
        var mode = Assert.Throws<ArgumentException>(() => new OrthogonalRegularizer(mode: "diagonal"));
        Assert.Contains("invalid mode 'diagonal'; use 'rows' or 'columns'", mode.Message);
        var rank = Assert.Throws<ArgumentException>(() => new OrthogonalRegularizer().Call(Tensor.Ones(2, 2, 2)));
        Assert.Contains("rank 2", rank.Message);
        Assert.Contains("(2, 2, 2)", rank.Message);
        var dtype = Assert.Throws<ArgumentException>(() => new L1().Call(Tensor.FromArray([1, 2], 2)));
        Assert.Contains("L1: the weights must be float32; got int32", dtype.Message);
    }
}
