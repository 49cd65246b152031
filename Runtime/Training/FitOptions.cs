using NotebookKeras.Runtime.Training.Callbacks;

namespace NotebookKeras.Runtime.Training;

/// <summary>The arguments of <c>Fit</c> beyond the data, with Keras's defaults.</summary>
internal sealed record FitOptions
{
    public int? BatchSize { get; init; }
    public int Epochs { get; init; } = 1;
    public int Verbose { get; init; } = 1;
    public IEnumerable<Callback>? Callbacks { get; init; }
    public double ValidationSplit { get; init; }
    public ValidationData? ValidationData { get; init; }
    public bool Shuffle { get; init; } = true;
    public IReadOnlyDictionary<int, float>? ClassWeight { get; init; }
    public InputData? SampleWeight { get; init; }
    public int InitialEpoch { get; init; }
    public int? StepsPerEpoch { get; init; }
    public int ValidationFreq { get; init; } = 1;
    public int? ValidationBatchSize { get; init; }
    public int? ValidationSteps { get; init; }
    public CancellationToken CancellationToken { get; init; }

    public void Validate()
    {
        if (BatchSize is <= 0) throw new ArgumentOutOfRangeException("batchSize", BatchSize, "Fit: batchSize must be a positive integer.");
        if (Epochs < 0) throw new ArgumentOutOfRangeException("epochs", Epochs, "Fit: epochs must be >= 0.");
        if (InitialEpoch < 0) throw new ArgumentOutOfRangeException("initialEpoch", InitialEpoch, "Fit: initialEpoch must be >= 0.");
        if (!(ValidationSplit >= 0 && ValidationSplit < 1))
            throw new ArgumentOutOfRangeException("validationSplit", ValidationSplit, "Fit: validationSplit must be in [0, 1).");
        if (StepsPerEpoch is <= 0) throw new ArgumentOutOfRangeException("stepsPerEpoch", StepsPerEpoch, "Fit: stepsPerEpoch must be a positive integer.");
        if (ValidationFreq <= 0) throw new ArgumentOutOfRangeException("validationFreq", ValidationFreq, "Fit: validationFreq must be a positive integer.");
        if (ValidationBatchSize is <= 0) throw new ArgumentOutOfRangeException("validationBatchSize", ValidationBatchSize, "Fit: validationBatchSize must be a positive integer.");
        if (ValidationSteps is <= 0) throw new ArgumentOutOfRangeException("validationSteps", ValidationSteps, "Fit: validationSteps must be a positive integer.");
        if (ClassWeight is not null) ClassWeights.Validate(ClassWeight);
        if (ClassWeight is not null && SampleWeight is not null)
            throw new ArgumentException("Fit: you cannot pass classWeight and sampleWeight at the same time.");
    }
}
