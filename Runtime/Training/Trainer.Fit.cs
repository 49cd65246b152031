using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Runtime.Training;

// Fit: arrays or a batch source, validation, the epoch loop and its callbacks.
internal sealed partial class Trainer
{
    private const string FitName = "Fit";

    public History Fit(InputData x, InputData? y, FitOptions options)
    {
        RequireCompiled("fit");
        options.Validate();
        var xs = ArrangeX(x, FitName);
        var ys = ArrangeY(y, FitName) ?? throw new ArgumentException("Fit: y (the targets) is required when x is arrays; pass a batch source to give both together.", nameof(y));
        var sws = ArrangeSampleWeight(options.SampleWeight, ys.Count, FitName);
        CheckCardinality(xs, ys, sws, FitName);
        if (options.ClassWeight is not null && ys.Count > 1)
            throw new ArgumentException("Fit: classWeight is only supported for models with a single output; pass sampleWeight per output instead.");

        var validationBatch = options.ValidationBatchSize ?? options.BatchSize ?? 32;
        StepData? split = null;
        if (options.ValidationData is null && options.ValidationSplit > 0)
        {
            // Keras takes the LAST fraction of the arrays, before any shuffling, as the validation set.
            var n = xs[0].Shape[0];
            var splitAt = (int)Math.Floor(n * (1.0 - options.ValidationSplit));
            if (splitAt == 0 || splitAt == n)
                throw new ArgumentException(
                    $"Fit: the training data contains {n} samples, which is not sufficient to split it into a validation and training set as specified by validationSplit={options.ValidationSplit}. Either provide more data, or a different value for validationSplit.");
            split = new StepData(
                xs.Select(t => t.Batch(splitAt, n - splitAt)).ToArray(),
                ys.Select(t => t.Batch(splitAt, n - splitAt)).ToArray(),
                sws?.Select(w => w?.Batch(splitAt, n - splitAt)).ToArray());
            xs = xs.Select(t => t.Batch(0, splitAt)).ToArray();
            ys = ys.Select(t => t.Batch(0, splitAt)).ToArray();
            sws = sws?.Select(w => w?.Batch(0, splitAt)).ToArray();
        }

        Check(new StepData(xs, ys, sws), FitName);
        DataAdapter? validation = null;
        if (split is not null)
        {
            Check(split, "Fit (validation split)");
            validation = new ArrayDataAdapter(split.X, split.Y, split.SampleWeight, validationBatch, shuffle: false);
        }
        else if (options.ValidationData is { } vd) validation = ValidationAdapter(vd, validationBatch);
        var train = new ArrayDataAdapter(xs, ys, sws, options.BatchSize ?? 32, options.Shuffle, options.ClassWeight, new SeedGenerator());
        return RunFit(train, validation, options);
    }

    public History Fit(IEnumerable<Batch> batches, FitOptions options)
    {
        RequireCompiled("fit");
        options.Validate();
        if (options.ValidationSplit > 0)
            throw new ArgumentException("Fit: validationSplit is only supported for arrays, not for a batch source; pass validationData instead.");
        if (options.SampleWeight is not null)
            throw new ArgumentException("Fit: sampleWeight cannot be passed with a batch source; yield (x, y, sampleWeight) batches instead.");
        DataAdapter? validation = options.ValidationData is { } vd ? ValidationAdapter(vd, options.ValidationBatchSize ?? 32) : null;
        return RunFit(SourceAdapter(batches, FitName, options.ClassWeight), validation, options);
    }

    /// <summary>A batch source arranged for the model, each batch checked before its step.</summary>
    private BatchSourceAdapter SourceAdapter(IEnumerable<Batch> batches, string method, IReadOnlyDictionary<int, float>? classWeight = null)
    {
        ArgumentNullException.ThrowIfNull(batches);
        return new BatchSourceAdapter(batches, batch =>
        {
            var xs = ArrangeX(batch.X, method);
            var ys = ArrangeY(batch.Y, method);
            var sws = ys is null ? null : ArrangeSampleWeight(batch.SampleWeight, ys.Count, method);
            if (classWeight is not null && ys is not null)
            {
                if (ys.Count > 1) throw new ArgumentException($"{method}: classWeight is only supported for models with a single output.");
                sws = [ClassWeights.ToSampleWeights(ys[0], classWeight)];
            }
            var data = new StepData(xs, ys, sws);
            Check(data, method);
            return data;
        });
    }

    private DataAdapter ValidationAdapter(ValidationData data, int batchSize)
    {
        if (data.Batches is { } batches) return SourceAdapter(batches, "Fit (validation data)");
        const string method = "Fit (validation data)";
        var xs = ArrangeX(data.X!, method);
        var ys = ArrangeY(data.Y, method)!;
        var sws = ArrangeSampleWeight(data.SampleWeight, ys.Count, method);
        Check(new StepData(xs, ys, sws), method);
        return new ArrayDataAdapter(xs, ys, sws, batchSize, shuffle: false);
    }

    private History RunFit(DataAdapter train, DataAdapter? validation, FitOptions options)
    {
        var token = options.CancellationToken;
        var iterator = new EpochIterator(train, options.StepsPerEpoch);
        var callbacks = new CallbackList(options.Callbacks, addHistory: true, addProgbar: options.Verbose != 0, _model,
            new TrainingParams(options.Verbose, options.Epochs, iterator.Steps));
        var validationIterator = validation is null ? null : new EpochIterator(validation, options.ValidationSteps);
        _model.StopTraining = false;
        IDictionary<string, double> trainingLogs = new Dictionary<string, double>();
        callbacks.OnTrainBegin(new Dictionary<string, double>());
        // BackupAndRestore may resume an interrupted fit from the epoch it reached.
        var initialEpoch = _model.ResumeFromEpoch ?? options.InitialEpoch;
        _model.ResumeFromEpoch = null;
        for (var epoch = initialEpoch; epoch < options.Epochs; epoch++)
        {
            AmbientCancellation.ThrowIfCancellationRequested(token);
            ResetMetrics();
            callbacks.OnEpochBegin(epoch);
            foreach (var (step, data) in iterator.Epoch())
            {
                // Cancellation is honoured between steps only: every applied update is complete, so the model stays usable.
                AmbientCancellation.ThrowIfCancellationRequested(token);
                callbacks.OnTrainBatchBegin(step);
                TrainStep(data);
                callbacks.OnTrainBatchEnd(step, Logs());
                if (_model.StopTraining) break;
            }
            var epochLogs = Logs();
            if (validationIterator is not null && (epoch + 1) % options.ValidationFreq == 0)
            {
                foreach (var (name, value) in EvaluateLoop(validationIterator, callbacks, token))
                    epochLogs["val_" + name] = value;
            }
            callbacks.OnEpochEnd(epoch, epochLogs);
            trainingLogs = epochLogs;
            if (_model.StopTraining) break;
        }
        callbacks.OnTrainEnd(trainingLogs);
        return callbacks.History!;
    }
}
