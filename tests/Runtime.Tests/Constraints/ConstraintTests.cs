using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Constraints;

/// <summary>Projections against Keras's formulas computed by PyTorch, names, configs and errors.</summary>
public class ConstraintTests
{
    private const string File = "catalogs.json";
    private static readonly string[] Ops = ["max_norm", "min_max_norm", "unit_norm", "non_neg"];

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File).Where(n => Ops.Contains(ReferenceCases.Get(File, (string)n[0]).Op));

    private static Constraint Make(ReferenceCase c) => c.Op switch
    {
        "max_norm" => new MaxNorm(c.Float("max_value"), c.Ints("axis")),
        "min_max_norm" => new MinMaxNorm(c.Float("min_value"), c.Float("max_value"), c.Float("rate"), c.Ints("axis")),
        "unit_norm" => new UnitNorm(c.Ints("axis")),
        "non_neg" => new NonNeg(),
        _ => throw new InvalidOperationException(c.Op),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ProjectionMatchesKerasFormula(string name)
    {
        var c = ReferenceCases.Get(File, name);
        TensorAssert.Close(c.Output, Make(c).Call(c.Inputs[0]), rtol: 1e-5f, atol: 1e-6f, because: name);
    }

    [Fact]
    public void ProjectionsAreNotRecorded()
    {
        var kernel = new Variable(Tensor.FromArray([3f, -4f, 1f, 0.5f], 2, 2), "kernel");
        using var tape = new GradientTape();
        foreach (var constraint in new Constraint[] { new MaxNorm(1f), new MinMaxNorm(), new UnitNorm(), new NonNeg() })
            constraint.Call(kernel);
        Assert.Equal(0, tape.RecordedCount);
    }

    [Fact]
    public void UnitNormGivesUnitColumns()
    {
        var w = new UnitNorm().Call(Tensor.FromArray(new float[,] { { 3, 0 }, { 4, 2 } }));
        TensorAssert.Close(Tensor.FromArray(new float[,] { { 0.6f, 0 }, { 0.8f, 1 } }), w);
    }

    public static TheoryData<string, Type> NamesAndClasses => new()
    {
        { "max_norm", typeof(MaxNorm) }, { "MaxNorm", typeof(MaxNorm) },
        { "min_max_norm", typeof(MinMaxNorm) }, { "MinMaxNorm", typeof(MinMaxNorm) },
        { "non_neg", typeof(NonNeg) }, { "NonNeg", typeof(NonNeg) },
        { "unit_norm", typeof(UnitNorm) }, { "UnitNorm", typeof(UnitNorm) },
    };

    [Theory]
    [MemberData(nameof(NamesAndClasses))]
    public void GetResolvesEveryKerasName(string name, Type expected)
    {
        Assert.IsType(expected, Constraint.Get(name));
        Assert.IsType(expected, Constraint.Get((object)name));
        Assert.Contains(name, Constraint.Names);
    }

    [Fact]
    public void EveryNameIsTested()
    {
        var tested = NamesAndClasses.Select(row => (string)row[0]).ToHashSet();
        Assert.DoesNotContain(Constraint.Names, n => !tested.Contains(n));
    }

    [Fact]
    public void NamesGiveKerasDefaults()
    {
        var maxNorm = Assert.IsType<MaxNorm>(Constraint.Get("max_norm"));
        Assert.Equal(2f, maxNorm.MaxValue);
        Assert.Equal([0], maxNorm.Axis);
        var minMax = Assert.IsType<MinMaxNorm>(Constraint.Get("min_max_norm"));
        Assert.Equal((0f, 1f, 1f), (minMax.MinValue, minMax.MaxValue, minMax.Rate));
        Assert.Equal([0], minMax.Axis);
        Assert.Equal([0], Assert.IsType<UnitNorm>(Constraint.Get("unit_norm")).Axis);
    }

    [Fact]
    public void GetAcceptsObjectsConfigsAndNull()
    {
        var mine = new NonNeg();
        Assert.Same(mine, Constraint.Get((object)mine));
        Assert.Null(Constraint.Get((object?)null));
        var keras = JsonNode.Parse("""{"module": "keras.constraints", "class_name": "MaxNorm", "config": {"max_value": 3, "axis": [0, 1, 2]}, "registered_name": null}""")!.AsObject();
        var maxNorm = Assert.IsType<MaxNorm>(Constraint.Get(keras));
        Assert.Equal(3f, maxNorm.MaxValue);
        Assert.Equal([0, 1, 2], maxNorm.Axis);
    }

    [Fact]
    public void UnknownNamesListTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Constraint.Get("maxnorm"));
        Assert.Contains("Unknown constraint 'maxnorm'. Did you mean 'max_norm'?", e.Message);
        Assert.Contains("max_norm, min_max_norm, non_neg, unit_norm", e.Message);
    }

    [Fact]
    public void ConfigsUseKerasKeys()
    {
        Assert.Equal("""{"max_value":2,"axis":0}""", new MaxNorm().GetConfig().ToJsonString());
        Assert.Equal("""{"max_value":3,"axis":[0,1,2]}""", new MaxNorm(3, [0, 1, 2]).GetConfig().ToJsonString());
        Assert.Equal("""{"min_value":0,"max_value":1,"rate":1,"axis":0}""", new MinMaxNorm().GetConfig().ToJsonString());
        Assert.Equal("""{"axis":-1}""", new UnitNorm(-1).GetConfig().ToJsonString());
        Assert.Equal("{}", new NonNeg().GetConfig().ToJsonString());
        Assert.Equal("MaxNorm(max_value=3, axis=[0,1,2])", new MaxNorm(3, [0, 1, 2]).ToString());
    }

    public static TheoryData<Constraint> Instances => new()
    {
        new MaxNorm(3f, 1), new MaxNorm(1.5f, [0, 1, 2]), new MinMaxNorm(0.5f, 2f, 0.25f, -1), new NonNeg(), new UnitNorm([1, 2]),
    };

    [Theory]
    [MemberData(nameof(Instances))]
    public void EveryClassRoundTripsThroughTheRegistry(Constraint constraint)
    {
        Assert.Equal("keras.constraints", constraint.Module);
        KerasConfigAssert.RoundTrips(constraint);
    }

    [Fact]
    public void BadArgumentsAreRejectedWithClearErrors()
    {
        Assert.Contains("maxValue must be a finite number >= 0; got -1", Assert.Throws<ArgumentOutOfRangeException>(() => new MaxNorm(-1)).Message);
        Assert.Contains("0 <= minValue <= maxValue; got minValue 2 and maxValue 1", Assert.Throws<ArgumentException>(() => new MinMaxNorm(2, 1)).Message);
        Assert.Contains("rate must be in [0, 1]; got 1.5", Assert.Throws<ArgumentOutOfRangeException>(() => new MinMaxNorm(rate: 1.5f)).Message);
        Assert.Contains("at least one axis", Assert.Throws<ArgumentException>(() => new UnitNorm([])).Message);
        var axis = Assert.Throws<ArgumentException>(() => new MaxNorm(2, 2).Call(Tensor.Ones(3, 4)));
        Assert.Contains("MaxNorm: axis 2 is out of range for weights of shape (3, 4)", axis.Message);
        var dtype = Assert.Throws<ArgumentException>(() => new NonNeg().Call(Tensor.FromArray([1, 2], 2)));
        Assert.Contains("NonNeg: the weights must be float32; got int32", dtype.Message);
    }
}
