using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Metrics;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Tests.Training;

// Minimal losses, metrics and optimizer written against the contracts (Loss, Metric, Optimizer), so the trainer is tested on
// its own; the catalogue's real classes are tested by their owners.

/// <summary>mean((y - ŷ)²) over the last axis, weighted and averaged over the batch (Keras's "sum_over_batch_size").</summary>
internal sealed class MseDouble() : Loss("mean_squared_error")
{
    public override string ClassName => "MeanSquaredError";

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred) => Runtime.Ops.Mean(Runtime.Ops.Square(yPred - yTrue), axis: -1);

    public override Tensor Call(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => Reduce(ComputeValues(yTrue, yPred), sampleWeight);

    internal static Tensor Reduce(Tensor values, Tensor? sampleWeight)
    {
        if (sampleWeight is not null) values = values * Runtime.Ops.Reshape(sampleWeight, values.Shape.ToArray());
        return Runtime.Ops.Sum(values) / values.Size;
    }
}

/// <summary>Sparse categorical crossentropy from logits; its class name makes the trainer check the labels' range.</summary>
internal sealed class SparseCrossentropyDouble() : Loss("sparse_categorical_crossentropy")
{
    public override string ClassName => "SparseCategoricalCrossentropy";

    protected internal override Tensor ComputeValues(Tensor yTrue, Tensor yPred)
    {
        var labels = yTrue.DType == DType.Int32 ? yTrue : Tensor.FromArray(yTrue.ToIntArray(), yTrue.Shape.ToArray());
        labels = Runtime.Ops.Reshape(labels, yPred.Shape[0]);
        return -Runtime.Ops.Sum(Runtime.Ops.OneHot(labels, yPred.Shape[-1]) * Runtime.Ops.LogSoftmax(yPred), axis: -1);
    }

    public override Tensor Call(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null) => MseDouble.Reduce(ComputeValues(yTrue, yPred), sampleWeight);
}

/// <summary>Plain SGD: w -= lr * g.</summary>
internal sealed class SgdDouble(float learningRate = 0.1f) : Optimizer
{
    private readonly Variable _iterations = new(Tensor.Scalar(0), "iterations", trainable: false);

    public override string Name => "sgd";

    public override string ClassName => "SGD";

    public override long Iterations => (long)_iterations.Value.Item();

    public override float LearningRate { get; set; } = learningRate;

    public override IReadOnlyList<Variable> Variables => [_iterations];

    public override void Apply(IReadOnlyList<Tensor> gradients, IReadOnlyList<Variable> variables)
    {
        GradientTape.NoRecord(() =>
        {
            for (var i = 0; i < variables.Count; i++) variables[i].AssignSub(gradients[i] * LearningRate);
            _iterations.Assign(Tensor.Scalar((int)(Iterations + 1)));
            return 0;
        });
    }

    public override JsonObject GetConfig() => new() { ["name"] = Name, ["learning_rate"] = LearningRate };
}

/// <summary>The fraction of samples whose argmax matches the integer label.</summary>
internal sealed class SparseAccuracyDouble(string name = "accuracy") : Metric(name)
{
    private double _correct;
    private double _count;

    public override string ClassName => "SparseCategoricalAccuracy";

    public override void UpdateState(Tensor yTrue, Tensor yPred, Tensor? sampleWeight = null)
    {
        var predicted = Runtime.Ops.ArgMax(yPred, axis: -1).ToIntArray();
        var labels = yTrue.ToIntArray();
        var weights = sampleWeight?.ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            var w = weights?[i] ?? 1;
            _correct += predicted[i] == labels[i] ? w : 0;
            _count += w;
        }
    }

    public override Tensor Result() => Tensor.Scalar((float)(_count == 0 ? 0 : _correct / _count));

    public override void ResetState() => (_correct, _count) = (0, 0);
}
