using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Losses;

/// <summary>
/// The Huber loss averaged over the last axis (Keras's <c>Huber</c>, "huber"): 0.5 x² where |x| &lt;= delta and
/// delta |x| - 0.5 delta² beyond, with x = y_pred - y_true; quadratic for small errors, linear (robust to outliers) for large ones.
/// </summary>
public sealed class Huber : Loss
{
    public Huber(float delta = 1f, string reduction = "sum_over_batch_size", string name = "huber_loss")
        : base(name, reduction)
    {
        Delta = NonNegative(delta, nameof(delta), "Huber");
    }

    /// <summary>Where the loss turns from quadratic to linear.</summary>
    public float Delta { get; }

    public override string ClassName => "Huber";

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var (t, p) = SameRank(yTrue, yPred);
        var error = p - t;
        var absError = Ops.Abs(error);
        var quadratic = 0.5f * Ops.Square(error);
        var linear = Delta * absError - 0.5f * (Delta * Delta);
        return Ops.Mean(Ops.Where(Ops.LessEqual(absError, Delta), quadratic, linear), -1);
    }

    /// <summary>name, reduction and delta (Keras leaves delta out of its config; it is kept here so that a non-default delta round-trips).</summary>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["delta"] = Delta;
        return config;
    }

    internal static Huber FromConfig(JsonObject config) => new(
        config.GetFloat("delta", 1f, "Huber"),
        ConfigReduction(config, "Huber"),
        ConfigName(config, "huber_loss", "Huber"));
}
