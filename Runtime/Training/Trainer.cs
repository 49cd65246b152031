using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Training;

/// <summary>
/// The training machinery behind <c>Model.Compile/Fit/Evaluate/Predict</c>, kept apart from the model's definition as Keras keeps
/// its <c>Trainer</c>: the compiled loss, metrics and optimizer, the train and test steps, and the loops that drive callbacks.
/// </summary>
internal sealed partial class Trainer
{
    private readonly Model _model;
    private readonly LossSpec? _lossSpec;
    private readonly LossWeights? _lossWeights;
    private readonly CompiledMetrics? _metrics;
    private readonly RunningMean _lossTracker = new("loss");
    private CompiledLoss? _loss;

    /// <summary>An uncompiled trainer: prediction only.</summary>
    public Trainer(Model model)
    {
        _model = model;
    }

    public Trainer(Model model, Optimizer optimizer, LossSpec? loss, MetricsSpec? metrics, LossWeights? lossWeights, MetricsSpec? weightedMetrics)
    {
        _model = model;
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        _lossSpec = loss;
        _lossWeights = lossWeights;
        _metrics = new CompiledMetrics(metrics, weightedMetrics);
        CompileArguments = (loss, metrics, lossWeights, weightedMetrics);
        // When the outputs are known now, a loss that does not fit them is reported by Compile rather than by Fit.
        if (KnownOutputCount() is { } outputs) BuildLoss(outputs);
    }

    public Optimizer? Optimizer { get; }

    /// <summary>The arguments Compile received, for saving them as Keras's <c>compile_config</c>.</summary>
    public (LossSpec? Loss, MetricsSpec? Metrics, LossWeights? LossWeights, MetricsSpec? WeightedMetrics) CompileArguments { get; }

    public bool Compiled => Optimizer is not null;

    /// <summary>Names of the values Evaluate returns, in order (known after the first step, as in Keras).</summary>
    public IReadOnlyList<string> MetricsNames => Results().Select(r => r.Key).ToArray();

    /// <summary>The direction ("up", "down") of the compiled metric logged as <paramref name="logName"/>, when it says.</summary>
    public string? MetricDirection(string logName) => _metrics?.Direction(logName);

    public void ResetMetrics()
    {
        _lossTracker.Reset();
        if (_loss is not null)
        {
            foreach (var t in _loss.Trackers) t?.Reset();
        }
        _metrics?.Reset();
    }

    /// <summary>One training step (Keras's <c>train_step</c>): forward on a tape, loss, gradients, optimizer update, metrics.</summary>
    public void TrainStep(StepData data)
    {
        var optimizer = RequireCompiled("fit");
        var weights = _model.TrainableWeights;
        IReadOnlyList<Tensor> yPred;
        Tensor loss;
        Tensor[] grads = [];
        using (var tape = new GradientTape())
        {
            yPred = Forward(data.X, training: true);
            loss = ComputeLoss(data, yPred);
            if (weights.Count > 0) grads = tape.Gradient(loss, weights);
        }
        if (weights.Count > 0) optimizer.Apply(grads, weights);
        _lossTracker.Update(loss.Item(), data.Size);
        UpdateMetrics(data, yPred);
    }

    /// <summary>One evaluation step (Keras's <c>test_step</c>): forward in inference mode, loss, metrics.</summary>
    public void TestStep(StepData data)
    {
        RequireCompiled("evaluate");
        var yPred = Forward(data.X, training: false);
        var loss = ComputeLoss(data, yPred);
        _lossTracker.Update(loss.Item(), data.Size);
        UpdateMetrics(data, yPred);
    }

    public IReadOnlyList<Tensor> Forward(IReadOnlyList<Tensor> x, bool training) => _model.ApplyMany(x, training);

    /// <summary>The results in Keras's order: the loss, the compiled metrics, then each output's loss.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Results()
    {
        var results = new List<KeyValuePair<string, double>> { new(_lossTracker.Name, _lossTracker.Result) };
        if (_metrics is not null) results.AddRange(_metrics.Results());
        if (_loss is not null)
        {
            foreach (var t in _loss.Trackers)
            {
                if (t is not null) results.Add(new(t.Name, t.Result));
            }
        }
        return results;
    }

    /// <summary>The logs callbacks see: the results sorted by name, as Keras's <c>pythonify_logs</c> does.</summary>
    public Dictionary<string, double> Logs()
    {
        var logs = new Dictionary<string, double>();
        foreach (var (name, value) in Results().OrderBy(r => r.Key, StringComparer.Ordinal)) logs[name] = value;
        return logs;
    }

    private Tensor ComputeLoss(StepData data, IReadOnlyList<Tensor> yPred)
    {
        var loss = BuildLoss(yPred.Count);
        Tensor? total = null;
        if (loss.HasLoss)
        {
            var y = data.Y ?? throw new ArgumentException($"Model '{_model.Name}' was compiled with a loss, so training and evaluation need targets (y).");
            if (y.Count != yPred.Count)
                throw new ArgumentException($"Model '{_model.Name}' has {yPred.Count} output(s) but the data has {y.Count} target array(s).");
            total = loss.Compute(y, yPred, data.SampleWeight);
        }
        // Regularization penalties and activity losses are added to the compiled loss, as Keras's compute_loss does.
        foreach (var penalty in _model.Losses)
        {
            var term = penalty.Rank == 0 ? penalty : Ops.Sum(penalty);
            total = total is null ? term : Ops.Add(total, term);
        }
        return total ?? throw new InvalidOperationException(
            $"Model '{_model.Name}': no loss to compute. Provide a 'loss' argument in Compile().");
    }

    private void UpdateMetrics(StepData data, IReadOnlyList<Tensor> yPred)
    {
        if (_metrics is null || data.Y is null) return;
        if (!_metrics.Built) _metrics.Build(OutputNames(yPred.Count), data.Y, yPred);
        _metrics.Update(data.Y, yPred, data.SampleWeight);
    }

    private CompiledLoss BuildLoss(int outputs)
    {
        if (_loss is not null)
        {
            if (_loss.Losses.Count != outputs)
                throw new InvalidOperationException($"Model '{_model.Name}' was compiled for {_loss.Losses.Count} output(s) but produced {outputs}.");
            return _loss;
        }
        return _loss = new CompiledLoss(_lossSpec, _lossWeights, OutputNames(outputs));
    }

    private IReadOnlyList<string> OutputNames(int count) => ModelSignature.OutputNames(_model, count);

    private int? KnownOutputCount() => _model switch
    {
        Functional f => f.Outputs.Count,
        Sequential { Layers.Count: > 0 } => 1,
        _ => null,
    };

    private Optimizer RequireCompiled(string method) => Optimizer
        ?? throw new InvalidOperationException($"You must call Compile() before using the model: '{_model.Name}' is not compiled, so it cannot {method}.");
}
