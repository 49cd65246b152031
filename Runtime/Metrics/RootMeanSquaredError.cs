using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Metrics;

/// <summary>
/// sqrt(mean((y_pred - y_true)²)) over everything seen (Keras's <c>RootMeanSquaredError(name="root_mean_squared_error")</c>):
/// the squared errors are averaged per sample, then over samples (weighted), and the root is taken of the running mean.
/// </summary>
public sealed class RootMeanSquaredError : Metric
{
    private readonly WeightedMean _state;

    public RootMeanSquaredError(string name = "root_mean_squared_error", DType dtype = DType.Float32) : base(name, dtype)
    {
        _state = new WeightedMean(AddVariable("total", Shape.Scalar), AddVariable("count", Shape.Scalar));
        Direction = "down";
    }

    public override string ClassName => "RootMeanSquaredError";

    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => Update(yTrue, yPred, sampleWeight, () =>
    {
        var (t, p) = RankMatching.SqueezeOrExpand(Ops.AsFloat32(yTrue), Ops.AsFloat32(yPred));
        _state.Update(Ops.Square(Ops.Subtract(p, t)), sampleWeight);
    });

    public override Tensor Result() => Tensor.Scalar(MathF.Sqrt(_state.Value));

    public override JsonObject GetConfig() => NameAndDTypeConfig();

    internal static RootMeanSquaredError FromConfig(JsonObject config)
    {
        var (name, dtype) = NameAndDType(config, "root_mean_squared_error", "RootMeanSquaredError");
        return new RootMeanSquaredError(name!, dtype);
    }
}
