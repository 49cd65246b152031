using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Training;

/// <summary>
/// <c>Fit</c>'s <c>validationData</c>: <c>(xVal, yVal)</c> or <c>(xVal, yVal, sampleWeightVal)</c> as tensors or
/// <see cref="InputData"/>, or a batch source. Converts implicitly from those tuples.
/// </summary>
public sealed class ValidationData
{
    /// <summary>Validation arrays.</summary>
    public ValidationData(InputData x, InputData y, InputData? sampleWeight = null)
    {
        X = x ?? throw new ArgumentNullException(nameof(x));
        Y = y ?? throw new ArgumentNullException(nameof(y));
        SampleWeight = sampleWeight;
    }

    /// <summary>A batch source read once per validation pass.</summary>
    public ValidationData(IEnumerable<Batch> batches)
    {
        Batches = batches ?? throw new ArgumentNullException(nameof(batches));
    }

    public InputData? X { get; }

    public InputData? Y { get; }

    public InputData? SampleWeight { get; }

    public IEnumerable<Batch>? Batches { get; }

    public static implicit operator ValidationData((Tensor X, Tensor Y) data) => new(data.X, data.Y);

    public static implicit operator ValidationData((Tensor X, Tensor Y, Tensor SampleWeight) data) => new(data.X, data.Y, data.SampleWeight);

    public static implicit operator ValidationData((InputData X, InputData Y) data) => new(data.X, data.Y);

    public static implicit operator ValidationData((InputData X, InputData Y, InputData SampleWeight) data) => new(data.X, data.Y, data.SampleWeight);

    public static implicit operator ValidationData(List<Batch> batches) => new(batches);

    public static implicit operator ValidationData(Batch[] batches) => new(batches);
}
