using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Losses;

/// <summary>Keras names and aliases, configs (ours and Keras 3's), defaults, label kinds and errors of the losses.</summary>
public class LossCatalogTests
{
    public static TheoryData<string, Type, string> NamesAndClasses => new()
    {
        { "mean_squared_error", typeof(MeanSquaredError), "mean_squared_error" },
        { "mse", typeof(MeanSquaredError), "mean_squared_error" },
        { "MSE", typeof(MeanSquaredError), "mean_squared_error" },
        { "MeanSquaredError", typeof(MeanSquaredError), "mean_squared_error" },
        { "mean_absolute_error", typeof(MeanAbsoluteError), "mean_absolute_error" },
        { "mae", typeof(MeanAbsoluteError), "mean_absolute_error" },
        { "MAE", typeof(MeanAbsoluteError), "mean_absolute_error" },
        { "MeanAbsoluteError", typeof(MeanAbsoluteError), "mean_absolute_error" },
        { "mean_absolute_percentage_error", typeof(MeanAbsolutePercentageError), "mean_absolute_percentage_error" },
        { "mape", typeof(MeanAbsolutePercentageError), "mean_absolute_percentage_error" },
        { "MAPE", typeof(MeanAbsolutePercentageError), "mean_absolute_percentage_error" },
        { "MeanAbsolutePercentageError", typeof(MeanAbsolutePercentageError), "mean_absolute_percentage_error" },
        { "mean_squared_logarithmic_error", typeof(MeanSquaredLogarithmicError), "mean_squared_logarithmic_error" },
        { "msle", typeof(MeanSquaredLogarithmicError), "mean_squared_logarithmic_error" },
        { "MSLE", typeof(MeanSquaredLogarithmicError), "mean_squared_logarithmic_error" },
        { "MeanSquaredLogarithmicError", typeof(MeanSquaredLogarithmicError), "mean_squared_logarithmic_error" },
        { "binary_crossentropy", typeof(BinaryCrossentropy), "binary_crossentropy" },
        { "bce", typeof(BinaryCrossentropy), "binary_crossentropy" },
        { "BCE", typeof(BinaryCrossentropy), "binary_crossentropy" },
        { "BinaryCrossentropy", typeof(BinaryCrossentropy), "binary_crossentropy" },
        { "binary_focal_crossentropy", typeof(BinaryFocalCrossentropy), "binary_focal_crossentropy" },
        { "BinaryFocalCrossentropy", typeof(BinaryFocalCrossentropy), "binary_focal_crossentropy" },
        { "categorical_crossentropy", typeof(CategoricalCrossentropy), "categorical_crossentropy" },
        { "CategoricalCrossentropy", typeof(CategoricalCrossentropy), "categorical_crossentropy" },
        { "categorical_focal_crossentropy", typeof(CategoricalFocalCrossentropy), "categorical_focal_crossentropy" },
        { "CategoricalFocalCrossentropy", typeof(CategoricalFocalCrossentropy), "categorical_focal_crossentropy" },
        { "sparse_categorical_crossentropy", typeof(SparseCategoricalCrossentropy), "sparse_categorical_crossentropy" },
        { "SparseCategoricalCrossentropy", typeof(SparseCategoricalCrossentropy), "sparse_categorical_crossentropy" },
        { "kl_divergence", typeof(KLDivergence), "kl_divergence" },
        { "kld", typeof(KLDivergence), "kl_divergence" },
        { "KLD", typeof(KLDivergence), "kl_divergence" },
        { "kullback_leibler_divergence", typeof(KLDivergence), "kl_divergence" },
        { "KLDivergence", typeof(KLDivergence), "kl_divergence" },
        { "poisson", typeof(Poisson), "poisson" },
        { "Poisson", typeof(Poisson), "poisson" },
        { "cosine_similarity", typeof(CosineSimilarity), "cosine_similarity" },
        { "CosineSimilarity", typeof(CosineSimilarity), "cosine_similarity" },
        { "huber", typeof(Huber), "huber_loss" },
        { "Huber", typeof(Huber), "huber_loss" },
        { "log_cosh", typeof(LogCosh), "log_cosh" },
        { "logcosh", typeof(LogCosh), "log_cosh" },
        { "LogCosh", typeof(LogCosh), "log_cosh" },
        { "hinge", typeof(Hinge), "hinge" },
        { "Hinge", typeof(Hinge), "hinge" },
        { "squared_hinge", typeof(SquaredHinge), "squared_hinge" },
        { "SquaredHinge", typeof(SquaredHinge), "squared_hinge" },
        { "categorical_hinge", typeof(CategoricalHinge), "categorical_hinge" },
        { "CategoricalHinge", typeof(CategoricalHinge), "categorical_hinge" },
    };

    [Theory]
    [MemberData(nameof(NamesAndClasses))]
    public void GetResolvesEveryKerasName(string name, Type expected, string defaultName)
    {
        var loss = Loss.Get(name);
        Assert.IsType(expected, loss);
        Assert.Equal(defaultName, loss.Name);
        Assert.Equal("sum_over_batch_size", loss.Reduction);
        Assert.IsType(expected, Loss.Get((object)name));
        Loss implicitly = name;
        Assert.IsType(expected, implicitly);
    }

    [Fact]
    public void EveryNameIsTested()
    {
        var tested = NamesAndClasses.Select(row => (string)row[0]).ToHashSet();
        Assert.Equal(Loss.Names.Order(), tested.Order());
    }

    [Fact]
    public void UnknownNamesListTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Loss.Get("sparse_categorical_crossentropyy"));
        Assert.Contains("sparse_categorical_crossentropyy", e.Message);
        Assert.Contains("sparse_categorical_crossentropy,", e.Message);
        var hint = Assert.Throws<ArgumentException>(() => Loss.Get("Sparse-Categorical-Crossentropy"));
        Assert.Contains("Did you mean 'sparse_categorical_crossentropy'", hint.Message);
    }

    public static TheoryData<Loss> NonDefaultLosses => new()
    {
        new MeanSquaredError(reduction: "sum", name: "mse_sum"),
        new MeanAbsoluteError(reduction: "none"),
        new MeanAbsolutePercentageError(reduction: "mean"),
        new MeanSquaredLogarithmicError(reduction: "mean_with_sample_weight"),
        new BinaryCrossentropy(fromLogits: true, labelSmoothing: 0.1f, axis: 0, name: "bce"),
        new BinaryFocalCrossentropy(applyClassBalancing: true, alpha: 0.4f, gamma: 3f, fromLogits: true, labelSmoothing: 0.05f, axis: 1),
        new CategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.2f, axis: 1, reduction: "sum"),
        new CategoricalFocalCrossentropy(alpha: 0.5f, gamma: 1f, fromLogits: true, labelSmoothing: 0.1f),
        new CategoricalFocalCrossentropy(alpha: [0.1f, 0.2f, 0.7f], gamma: 0f),
        new SparseCategoricalCrossentropy(fromLogits: true, ignoreClass: 255),
        new SparseCategoricalCrossentropy(),
        new KLDivergence(reduction: "sum"),
        new Poisson(name: "counts"),
        new CosineSimilarity(axis: 0),
        new Huber(delta: 2.5f),
        new LogCosh(),
        new Hinge(),
        new SquaredHinge(reduction: "none"),
        new CategoricalHinge(),
    };

    [Theory]
    [MemberData(nameof(NonDefaultLosses))]
    public void ConfigRoundTrips(Loss loss)
    {
        var back = KerasConfigAssert.RoundTrips(loss);
        Assert.Equal(loss.Name, back.Name);
        Assert.Equal(loss.Reduction, back.Reduction);
        Assert.Same(back.GetType(), Loss.Get((object)KerasRegistry.Serialize(loss))!.GetType());
    }

    [Fact]
    public void ConfigsUseKerasKeys()
    {
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"name":"binary_crossentropy","reduction":"sum_over_batch_size","from_logits":true,"label_smoothing":0,"axis":-1}"""),
            new BinaryCrossentropy(fromLogits: true).GetConfig()));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"name":"sparse_categorical_crossentropy","reduction":"sum_over_batch_size","from_logits":false,"ignore_class":null}"""),
            new SparseCategoricalCrossentropy().GetConfig()));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"name":"binary_focal_crossentropy","reduction":"sum_over_batch_size","from_logits":false,"label_smoothing":0,"axis":-1,"apply_class_balancing":false,"alpha":0.25,"gamma":2}"""),
            new BinaryFocalCrossentropy().GetConfig()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"mean_squared_error","reduction":"sum_over_batch_size"}"""), new MeanSquaredError().GetConfig()));
        Assert.Equal(0.1f, (float)new CategoricalFocalCrossentropy(alpha: [0.1f, 0.9f]).GetConfig()["alpha"]!.AsArray()[0]!.GetValue<float>());
    }

    [Fact]
    public void Keras3ConfigsLoad()
    {
        // As Keras 3 writes them in compile_config (Python's None as null, float32 values as doubles, an unused dtype key).
        var scce = (SparseCategoricalCrossentropy)Loss.Get(JsonNode.Parse("""
            {"module": "keras.losses", "class_name": "SparseCategoricalCrossentropy", "registered_name": null,
             "config": {"name": "sparse_categorical_crossentropy", "reduction": "sum_over_batch_size", "from_logits": true, "ignore_class": null, "dtype": null}}
            """)!.AsObject())!;
        Assert.True(scce.FromLogits);
        Assert.Null(scce.IgnoreClass);
        var bce = (BinaryCrossentropy)Loss.Get(JsonNode.Parse("""
            {"module": "keras.losses", "class_name": "BinaryCrossentropy",
             "config": {"name": "bce", "reduction": null, "from_logits": false, "label_smoothing": 0.10000000149011612, "axis": -1}}
            """)!.AsObject())!;
        Assert.Equal("none", bce.Reduction);
        Assert.Equal(0.1f, bce.LabelSmoothing);
        Assert.Equal("bce", bce.Name);
        // Keras 2 configs have no module.
        Assert.IsType<Huber>(Loss.Get(JsonNode.Parse("""{"class_name": "Huber", "config": {"reduction": "auto", "name": "huber_loss", "delta": 1.0}}""")!.AsObject()));
    }

    [Fact]
    public void DefaultsAreKeras()
    {
        var bfce = new BinaryFocalCrossentropy();
        Assert.Equal((false, 0.25f, 2f, false, 0f, -1), (bfce.ApplyClassBalancing, bfce.Alpha, bfce.Gamma, bfce.FromLogits, bfce.LabelSmoothing, bfce.Axis));
        var cfce = new CategoricalFocalCrossentropy();
        Assert.Equal([0.25f], cfce.Alpha);
        Assert.Equal(2f, cfce.Gamma);
        Assert.Equal(1f, new Huber().Delta);
        Assert.Equal(-1, new CosineSimilarity().Axis);
        Assert.Null(new SparseCategoricalCrossentropy().IgnoreClass);
        Assert.Equal(["sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none"], Loss.Reductions);
        Assert.Equal("BinaryCrossentropy(name=\"binary_crossentropy\", reduction=\"sum_over_batch_size\", from_logits=false, label_smoothing=0, axis=-1)",
            new BinaryCrossentropy().ToString());
    }

    [Fact]
    public void LabelEncodingTellsWhichAccuracyTheLossMeans()
    {
        Assert.Equal(LabelEncoding.SparseCategorical, Loss.Get("sparse_categorical_crossentropy").LabelEncoding);
        Assert.Equal(LabelEncoding.Categorical, Loss.Get("categorical_crossentropy").LabelEncoding);
        Assert.Equal(LabelEncoding.Categorical, Loss.Get("categorical_focal_crossentropy").LabelEncoding);
        Assert.Equal(LabelEncoding.Binary, Loss.Get("binary_crossentropy").LabelEncoding);
        Assert.Equal(LabelEncoding.Binary, Loss.Get("binary_focal_crossentropy").LabelEncoding);
        Assert.Equal(LabelEncoding.Other, Loss.Get("mse").LabelEncoding);
        Assert.Equal(LabelEncoding.Other, Loss.Get("categorical_hinge").LabelEncoding);
    }

    [Fact]
    public void InvalidArgumentsAreClearErrors()
    {
        var reduction = Assert.Throws<ArgumentException>(() => new MeanSquaredError(reduction: "average"));
        Assert.Contains("'average'", reduction.Message);
        Assert.Contains("sum_over_batch_size", reduction.Message);
        var smoothing = Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryCrossentropy(labelSmoothing: 1.5f));
        Assert.Contains("labelSmoothing must be in [0, 1]", smoothing.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryFocalCrossentropy(alpha: -0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CategoricalFocalCrossentropy(gamma: float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Huber(delta: -1f));
        Assert.Throws<ArgumentException>(() => new CategoricalFocalCrossentropy(alpha: Array.Empty<float>()));
    }

    [Fact]
    public void SparseLabelsOutOfRangeNameTheValueAndTheClasses()
    {
        var probs = Tensor.Full(new Shape(3, 10), 0.1f);
        var e = Assert.Throws<ArgumentException>(() => Loss.Get("sparse_categorical_crossentropy").Call(Tensor.FromArray([3, 10, 1], 3), probs));
        Assert.Contains("label 10", e.Message);
        Assert.Contains("10 classes", e.Message);
        Assert.Contains("position 1", e.Message);
        var negative = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().Call(Tensor.FromArray([-1f, 0f, 1f], 3), probs));
        Assert.Contains("label -1", negative.Message);
        var fractional = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().Call(Tensor.FromArray([0.5f, 0f, 1f], 3), probs));
        Assert.Contains("integer class indices", fractional.Message);
        Assert.Contains("0.5", fractional.Message);
        var shape = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().Call(Tensor.FromArray([0, 1], 2), probs));
        Assert.Contains("(3,)", shape.Message);
        Assert.Contains("(2,)", shape.Message);
        // The trainer checks all of y up front with the same error.
        var upFront = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().ValidateLabels(Tensor.FromArray([0, 9, 12, 3], 4, 1), 10));
        Assert.Contains("label 12", upFront.Message);
        new SparseCategoricalCrossentropy(ignoreClass: -1).ValidateLabels(Tensor.FromArray([0, 9, -1, 3], 4), 10);
        // The ignored class may lie outside the range.
        Assert.True(float.IsFinite(new SparseCategoricalCrossentropy(ignoreClass: 255).Call(Tensor.FromArray([3, 255, 1], 3), probs).Item()));
    }

    [Fact]
    public void ShapeMismatchesNameTheLossAndShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new CategoricalCrossentropy().Call(Tensor.Zeros(4, 3), Tensor.Ones(4, 5)));
        Assert.Contains("CategoricalCrossentropy", e.Message);
        Assert.Contains("(4, 3)", e.Message);
        Assert.Contains("(4, 5)", e.Message);
        var mse = Assert.Throws<ArgumentException>(() => new MeanSquaredError().Call(Tensor.Zeros(4, 3), Tensor.Ones(2, 3)));
        Assert.Contains("MeanSquaredError", mse.Message);
        var weights = Assert.Throws<ArgumentException>(() => new MeanSquaredError().Call(Tensor.Zeros(4, 3), Tensor.Ones(4, 3), Tensor.Ones(3)));
        Assert.Contains("sample_weight of shape (3,)", weights.Message);
        Assert.Contains("(4,)", weights.Message);
        var axis = Assert.Throws<ArgumentException>(() => new BinaryCrossentropy(axis: 2).Call(Tensor.Zeros(4, 3), Tensor.Ones(4, 3)));
        Assert.Contains("axis 2", axis.Message);
        var alpha = Assert.Throws<ArgumentException>(() => new CategoricalFocalCrossentropy(alpha: [0.5f, 0.5f]).Call(Tensor.Zeros(4, 3), Tensor.Ones(4, 3)));
        Assert.Contains("3 classes", alpha.Message);
    }

    [Fact]
    public void CustomLossesGetKerasWeightingAndReduction()
    {
        var loss = new AbsoluteSum(reduction: "sum_over_batch_size");
        var yPred = Tensor.FromArray([1f, -2f, 3f, -4f], 2, 2);
        // Per-sample values 3 and 7, weighted 1 and 3: (3 + 21) / 2.
        Assert.Equal(12f, loss.Call(Tensor.Zeros(2, 2), yPred, Tensor.FromArray([1f, 3f], 2)).Item());
        Assert.Equal(5f, new AbsoluteSum("sum").Call(Tensor.Zeros(2, 2), yPred, Tensor.FromArray([0.5f, 0.5f], 2)).Item());
    }

    private sealed class AbsoluteSum(string reduction) : Loss("absolute_sum", reduction)
    {
        public override string ClassName => "Custom>AbsoluteSum";

        protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred) => Runtime.Ops.Sum(Runtime.Ops.Abs(yPred - yTrue), -1);
    }
}
