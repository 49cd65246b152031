using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Training;
using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Runtime.Models;

// Steps 3 to 6 of the workflow (compile, fit, evaluate, predict), delegated to the Trainer as Keras keeps its trainer apart from
// the model's definition.
public partial class Model
{
    private Trainer? _trainer;

    /// <summary>Whether <see cref="Compile"/> has been called.</summary>
    public bool Compiled => _trainer?.Compiled ?? false;

    /// <summary>The optimizer given to <see cref="Compile"/> (null before).</summary>
    public Optimizer? Optimizer => _trainer?.Optimizer;

    /// <summary>The History of the last <see cref="Fit"/> (Keras's <c>model.history</c>).</summary>
    public History? History { get; private set; }

    /// <summary>Set it from a callback to end <see cref="Fit"/> after the current batch (Keras's <c>model.stop_training</c>).</summary>
    public bool StopTraining { get; set; }

    /// <summary>The names of the values <see cref="Evaluate(InputData, InputData?, int?, int, InputData?, int?, IEnumerable{Callback}?, bool, CancellationToken)"/> returns: "loss", then the metrics (known once data has been seen).</summary>
    public IReadOnlyList<string> MetricsNames => _trainer?.MetricsNames ?? [];

    /// <summary>Set by BackupAndRestore at the start of a fit: the epoch to resume from.</summary>
    internal int? ResumeFromEpoch { get; set; }

    internal void SetHistory(History history) => History = history;

    /// <summary>Whether the compiled metric logged as <paramref name="logName"/> improves "up" or "down" (null when unknown).</summary>
    internal string? MetricDirection(string logName) => _trainer?.MetricDirection(logName);

    /// <summary>
    /// Configures the model for training (Keras's <c>compile</c>): the optimizer (an object or a name, "rmsprop" by default), the
    /// loss (a name or object, one per output as a list or keyed by output name), metrics (names such as "accuracy", which
    /// Keras resolves against the targets and the loss, or objects), lossWeights for multi-output models, and weightedMetrics
    /// (which use sample weights).
    /// </summary>
    public void Compile(Optimizer? optimizer = null, LossSpec? loss = null, MetricsSpec? metrics = null, LossWeights? lossWeights = null, MetricsSpec? weightedMetrics = null)
    {
        _trainer = new Trainer(this, optimizer ?? Optimizer.Get("rmsprop"), loss, metrics, lossWeights, weightedMetrics);
    }

    /// <summary>
    /// Trains the model for <paramref name="epochs"/> epochs on arrays (Keras's <c>fit</c>) and returns the History.
    /// <paramref name="validationSplit"/> holds out the LAST fraction of the arrays (before shuffling) for validation;
    /// <paramref name="validationData"/> gives validation data instead. Cancelling <paramref name="cancellationToken"/> stops at a
    /// batch boundary with an <see cref="OperationCanceledException"/>; the model keeps the weights of the last completed step.
    /// </summary>
    public History Fit(
        InputData x, InputData? y = null, int? batchSize = null, int epochs = 1, int verbose = 1, IEnumerable<Callback>? callbacks = null,
        double validationSplit = 0, ValidationData? validationData = null, bool shuffle = true, IReadOnlyDictionary<int, float>? classWeight = null,
        InputData? sampleWeight = null, int initialEpoch = 0, int? stepsPerEpoch = null, int validationFreq = 1, int? validationBatchSize = null,
        int? validationSteps = null, CancellationToken cancellationToken = default) =>
        RequireTrainer().Fit(x, y, new FitOptions
        {
            BatchSize = batchSize,
            Epochs = epochs,
            Verbose = verbose,
            Callbacks = callbacks,
            ValidationSplit = validationSplit,
            ValidationData = validationData,
            Shuffle = shuffle,
            ClassWeight = classWeight,
            SampleWeight = sampleWeight,
            InitialEpoch = initialEpoch,
            StepsPerEpoch = stepsPerEpoch,
            ValidationFreq = validationFreq,
            ValidationBatchSize = validationBatchSize,
            ValidationSteps = validationSteps,
            CancellationToken = cancellationToken,
        });

    /// <summary>Trains on a batch source: each element is one batch (x, y[, sampleWeight]), read again at every epoch.</summary>
    public History Fit(
        IEnumerable<Batch> batches, int epochs = 1, int verbose = 1, IEnumerable<Callback>? callbacks = null, ValidationData? validationData = null,
        IReadOnlyDictionary<int, float>? classWeight = null, int initialEpoch = 0, int? stepsPerEpoch = null, int validationFreq = 1,
        int? validationSteps = null, CancellationToken cancellationToken = default) =>
        RequireTrainer().Fit(batches, new FitOptions
        {
            Epochs = epochs,
            Verbose = verbose,
            Callbacks = callbacks,
            ValidationData = validationData,
            ClassWeight = classWeight,
            InitialEpoch = initialEpoch,
            StepsPerEpoch = stepsPerEpoch,
            ValidationFreq = validationFreq,
            ValidationSteps = validationSteps,
            CancellationToken = cancellationToken,
        });

    /// <summary>Trains on a source of (x, y) batches.</summary>
    public History Fit(
        IEnumerable<(Tensor X, Tensor Y)> batches, int epochs = 1, int verbose = 1, IEnumerable<Callback>? callbacks = null,
        ValidationData? validationData = null, int initialEpoch = 0, int? stepsPerEpoch = null, CancellationToken cancellationToken = default) =>
        Fit(ToBatches(batches), epochs, verbose, callbacks, validationData, null, initialEpoch, stepsPerEpoch, cancellationToken: cancellationToken);

    /// <summary>Trains on a source of (x, y, sampleWeight) batches.</summary>
    public History Fit(
        IEnumerable<(Tensor X, Tensor Y, Tensor SampleWeight)> batches, int epochs = 1, int verbose = 1, IEnumerable<Callback>? callbacks = null,
        ValidationData? validationData = null, int initialEpoch = 0, int? stepsPerEpoch = null, CancellationToken cancellationToken = default) =>
        Fit(batches.Select(b => new Batch(b.X, b.Y, b.SampleWeight)), epochs, verbose, callbacks, validationData, null, initialEpoch, stepsPerEpoch,
            cancellationToken: cancellationToken);

    /// <summary>The loss and metrics on arrays, in inference mode (Keras's <c>evaluate</c>); <c>result["accuracy"]</c> or <c>result[0]</c>.</summary>
    public EvaluationResult Evaluate(
        InputData x, InputData? y = null, int? batchSize = null, int verbose = 1, InputData? sampleWeight = null, int? steps = null,
        IEnumerable<Callback>? callbacks = null, bool returnDict = false, CancellationToken cancellationToken = default) =>
        RequireTrainer().Evaluate(x, y, batchSize, verbose, sampleWeight, steps, callbacks, returnDict, cancellationToken);

    /// <summary>The loss and metrics on a batch source.</summary>
    public EvaluationResult Evaluate(
        IEnumerable<Batch> batches, int verbose = 1, int? steps = null, IEnumerable<Callback>? callbacks = null, bool returnDict = false,
        CancellationToken cancellationToken = default) =>
        RequireTrainer().Evaluate(batches, verbose, steps, callbacks, returnDict, cancellationToken);

    /// <summary>The loss and metrics on a source of (x, y) batches.</summary>
    public EvaluationResult Evaluate(
        IEnumerable<(Tensor X, Tensor Y)> batches, int verbose = 1, int? steps = null, IEnumerable<Callback>? callbacks = null, bool returnDict = false,
        CancellationToken cancellationToken = default) =>
        Evaluate(ToBatches(batches), verbose, steps, callbacks, returnDict, cancellationToken);

    /// <summary>The model's output for every sample, computed in batches in inference mode (Keras's <c>predict</c>); one output.</summary>
    public Tensor Predict(
        InputData x, int? batchSize = null, int verbose = 1, int? steps = null, IEnumerable<Callback>? callbacks = null,
        CancellationToken cancellationToken = default) =>
        Single(PredictMany(x, batchSize, verbose, steps, callbacks, cancellationToken), nameof(PredictMany));

    /// <summary>Every output of the model for every sample (for models with several outputs, in output order).</summary>
    public IReadOnlyList<Tensor> PredictMany(
        InputData x, int? batchSize = null, int verbose = 1, int? steps = null, IEnumerable<Callback>? callbacks = null,
        CancellationToken cancellationToken = default) =>
        (_trainer ?? new Trainer(this)).Predict(x, batchSize, verbose, steps, callbacks, cancellationToken);

    /// <summary>Predictions for a batch source (y, if present, is ignored).</summary>
    public Tensor Predict(IEnumerable<Batch> batches, int verbose = 1, int? steps = null, IEnumerable<Callback>? callbacks = null, CancellationToken cancellationToken = default) =>
        Single(PredictMany(batches, verbose, steps, callbacks, cancellationToken), nameof(PredictMany));

    /// <summary>Every output for a batch source.</summary>
    public IReadOnlyList<Tensor> PredictMany(IEnumerable<Batch> batches, int verbose = 1, int? steps = null, IEnumerable<Callback>? callbacks = null, CancellationToken cancellationToken = default) =>
        (_trainer ?? new Trainer(this)).Predict(batches, verbose, steps, callbacks, cancellationToken);

    /// <summary>One training step on one batch (Keras's <c>train_on_batch</c>): the loss and metrics after it.</summary>
    public EvaluationResult TrainOnBatch(InputData x, InputData? y = null, InputData? sampleWeight = null, IReadOnlyDictionary<int, float>? classWeight = null, bool returnDict = false) =>
        RequireTrainer().TrainOnBatch(x, y, sampleWeight, classWeight, returnDict);

    /// <summary>The loss and metrics of one batch (Keras's <c>test_on_batch</c>).</summary>
    public EvaluationResult TestOnBatch(InputData x, InputData? y = null, InputData? sampleWeight = null, bool returnDict = false) =>
        RequireTrainer().TestOnBatch(x, y, sampleWeight, returnDict);

    /// <summary>
    /// The compiled loss of one batch, forward in training mode, recorded on whatever <see cref="Autodiff.GradientTape"/> is active
    /// (Keras's <c>compute_loss</c>): for inspecting gradients without a training step.
    /// </summary>
    internal Tensor LossOnBatch(InputData x, InputData y) => RequireTrainer().LossOnBatch(x, y);

    /// <summary>The model's output for one batch, in inference mode (Keras's <c>predict_on_batch</c>).</summary>
    public Tensor PredictOnBatch(InputData x)
    {
        var trainer = _trainer ?? new Trainer(this);
        var xs = trainer.ArrangeX(x, nameof(PredictOnBatch));
        trainer.CheckInputs(xs, nameof(PredictOnBatch));
        return Single(trainer.PredictStep(xs), nameof(PredictMany));
    }

    /// <summary>Resets the loss and metric trackers (Keras's <c>reset_metrics</c>).</summary>
    public void ResetMetrics() => _trainer?.ResetMetrics();

    private Trainer RequireTrainer() => _trainer is { Compiled: true } trainer
        ? trainer
        : throw new InvalidOperationException($"You must call Compile() on model '{Name}' before training or evaluating it.");

    private Tensor Single(IReadOnlyList<Tensor> outputs, string alternative) => outputs.Count == 1
        ? outputs[0]
        : throw new InvalidOperationException($"Model '{Name}' has {outputs.Count} outputs; use {alternative} to get all of them.");

    private static IEnumerable<Batch> ToBatches(IEnumerable<(Tensor X, Tensor Y)> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        return batches.Select(b => new Batch(b.X, b.Y));
    }
}
