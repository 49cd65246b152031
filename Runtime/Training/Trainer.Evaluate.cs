using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Runtime.Training;

// Evaluate, Predict and the single-batch methods.
internal sealed partial class Trainer
{
    public EvaluationResult Evaluate(InputData x, InputData? y, int? batchSize, int verbose, InputData? sampleWeight, int? steps,
        IEnumerable<Callback>? callbacks, bool returnDict, CancellationToken token)
    {
        const string method = "Evaluate";
        RequireCompiled("evaluate");
        if (batchSize is <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Evaluate: batchSize must be a positive integer.");
        var xs = ArrangeX(x, method);
        var ys = ArrangeY(y, method);
        var sws = ys is null ? null : ArrangeSampleWeight(sampleWeight, ys.Count, method);
        var data = new StepData(xs, ys, sws);
        Check(data, method);
        return RunEvaluate(new ArrayDataAdapter(xs, ys, sws, batchSize ?? 32, shuffle: false), verbose, steps, callbacks, returnDict, token);
    }

    public EvaluationResult Evaluate(IEnumerable<Batch> batches, int verbose, int? steps, IEnumerable<Callback>? callbacks, bool returnDict, CancellationToken token)
    {
        RequireCompiled("evaluate");
        return RunEvaluate(SourceAdapter(batches, "Evaluate"), verbose, steps, callbacks, returnDict, token);
    }

    private EvaluationResult RunEvaluate(DataAdapter adapter, int verbose, int? steps, IEnumerable<Callback>? callbacks, bool returnDict, CancellationToken token)
    {
        if (steps is <= 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Evaluate: steps must be a positive integer.");
        var iterator = new EpochIterator(adapter, steps);
        var list = new CallbackList(callbacks, addHistory: false, addProgbar: verbose != 0, _model, new TrainingParams(verbose, 1, iterator.Steps));
        EvaluateLoop(iterator, list, token);
        return new EvaluationResult(Results(), returnDict);
    }

    /// <summary>One pass of test steps with the test hooks (also Fit's validation); returns the sorted logs.</summary>
    private Dictionary<string, double> EvaluateLoop(EpochIterator iterator, CallbackList callbacks, CancellationToken token)
    {
        ResetMetrics();
        callbacks.OnTestBegin();
        var steps = 0;
        foreach (var (step, data) in iterator.Epoch())
        {
            AmbientCancellation.ThrowIfCancellationRequested(token);
            callbacks.OnTestBatchBegin(step);
            TestStep(data);
            callbacks.OnTestBatchEnd(step, Logs());
            steps++;
        }
        if (steps == 0) throw new ArgumentException($"Model '{_model.Name}': the evaluation data is empty; there is nothing to evaluate.");
        var logs = Logs();
        callbacks.OnTestEnd(logs);
        return logs;
    }

    public IReadOnlyList<Tensor> Predict(InputData x, int? batchSize, int verbose, int? steps, IEnumerable<Callback>? callbacks, CancellationToken token)
    {
        const string method = "Predict";
        if (batchSize is <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Predict: batchSize must be a positive integer.");
        var xs = ArrangeX(x, method);
        CheckCardinality(xs, null, null, method);
        CheckInputs(xs, method);
        return RunPredict(new ArrayDataAdapter(xs, null, null, batchSize ?? 32, shuffle: false), verbose, steps, callbacks, token);
    }

    public IReadOnlyList<Tensor> Predict(IEnumerable<Batch> batches, int verbose, int? steps, IEnumerable<Callback>? callbacks, CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var adapter = new BatchSourceAdapter(batches, batch =>
        {
            var xs = ArrangeX(batch.X, "Predict");
            CheckCardinality(xs, null, null, "Predict");
            CheckInputs(xs, "Predict");
            return new StepData(xs, null, null);
        });
        return RunPredict(adapter, verbose, steps, callbacks, token);
    }

    private IReadOnlyList<Tensor> RunPredict(DataAdapter adapter, int verbose, int? steps, IEnumerable<Callback>? callbacks, CancellationToken token)
    {
        if (steps is <= 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Predict: steps must be a positive integer.");
        var iterator = new EpochIterator(adapter, steps);
        var list = new CallbackList(callbacks, addHistory: false, addProgbar: verbose != 0, _model, new TrainingParams(verbose, 1, iterator.Steps));
        list.OnPredictBegin();
        var batches = new List<IReadOnlyList<Tensor>>();
        foreach (var (step, data) in iterator.Epoch())
        {
            AmbientCancellation.ThrowIfCancellationRequested(token);
            list.OnPredictBatchBegin(step);
            batches.Add(PredictStep(data.X));
            list.OnPredictBatchEnd(step);
        }
        if (batches.Count == 0) throw new ArgumentException($"Model '{_model.Name}': the prediction data is empty; there is nothing to predict.");
        list.OnPredictEnd();
        var outputs = batches[0].Count;
        return Enumerable.Range(0, outputs)
            .Select(o => batches.Count == 1 ? batches[0][o] : Ops.Concatenate(batches.Select(b => b[o]).ToArray(), axis: 0))
            .ToArray();
    }

    /// <summary>The model's outputs in inference mode, never recorded on a tape.</summary>
    public IReadOnlyList<Tensor> PredictStep(IReadOnlyList<Tensor> x) => GradientTape.NoRecord(() => Forward(x, training: false));

    public EvaluationResult TrainOnBatch(InputData x, InputData? y, InputData? sampleWeight, IReadOnlyDictionary<int, float>? classWeight, bool returnDict)
    {
        const string method = "TrainOnBatch";
        RequireCompiled("train_on_batch");
        var xs = ArrangeX(x, method);
        var ys = ArrangeY(y, method);
        var sws = ys is null ? null : ArrangeSampleWeight(sampleWeight, ys.Count, method);
        if (classWeight is not null)
        {
            ClassWeights.Validate(classWeight);
            if (sampleWeight is not null) throw new ArgumentException("TrainOnBatch: you cannot pass classWeight and sampleWeight at the same time.");
            if (ys is not { Count: 1 }) throw new ArgumentException("TrainOnBatch: classWeight is only supported for models with a single output.");
            sws = [ClassWeights.ToSampleWeights(ys[0], classWeight)];
        }
        var data = new StepData(xs, ys, sws);
        Check(data, method);
        TrainStep(data);
        return new EvaluationResult(Results(), returnDict);
    }

    /// <summary>The compiled loss of one batch in training mode, recorded on the active tape; updates no weight and no metric.</summary>
    public Tensor LossOnBatch(InputData x, InputData y)
    {
        const string method = "LossOnBatch";
        RequireCompiled("compute its loss");
        var data = new StepData(ArrangeX(x, method), ArrangeY(y, method), null);
        Check(data, method);
        return ComputeLoss(data, Forward(data.X, training: true));
    }

    public EvaluationResult TestOnBatch(InputData x, InputData? y, InputData? sampleWeight, bool returnDict)
    {
        const string method = "TestOnBatch";
        RequireCompiled("test_on_batch");
        var xs = ArrangeX(x, method);
        var ys = ArrangeY(y, method);
        var data = new StepData(xs, ys, ys is null ? null : ArrangeSampleWeight(sampleWeight, ys.Count, method));
        Check(data, method);
        TestStep(data);
        return new EvaluationResult(Results(), returnDict);
    }
}
