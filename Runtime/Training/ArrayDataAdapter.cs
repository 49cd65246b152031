using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Training;

/// <summary>
/// Batches in-memory arrays (Keras's <c>ArrayDataAdapter</c>): consecutive rows, or rows in a new random order at every pass when
/// <c>shuffle</c> is on. Unshuffled batches are views (no copy); the last batch may be smaller.
/// </summary>
internal sealed class ArrayDataAdapter : DataAdapter
{
    private readonly IReadOnlyList<Tensor> _x;
    private readonly IReadOnlyList<Tensor>? _y;
    private readonly IReadOnlyList<Tensor?>? _sampleWeight;
    private readonly IReadOnlyDictionary<int, float>? _classWeight;
    private readonly int _batchSize;
    private readonly bool _shuffle;
    private readonly SeedGenerator? _seed;

    public ArrayDataAdapter(
        IReadOnlyList<Tensor> x, IReadOnlyList<Tensor>? y, IReadOnlyList<Tensor?>? sampleWeight, int batchSize, bool shuffle,
        IReadOnlyDictionary<int, float>? classWeight = null, SeedGenerator? seed = null)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be a positive integer.");
        _x = x;
        _y = y;
        _sampleWeight = sampleWeight;
        _classWeight = classWeight;
        _batchSize = batchSize;
        _shuffle = shuffle;
        _seed = seed;
        SampleCount = x[0].Shape[0];
    }

    public int SampleCount { get; }

    public override int? NumBatches => (SampleCount + _batchSize - 1) / _batchSize;

    public override IEnumerable<StepData> Pass()
    {
        var order = _shuffle ? Ops.RandomPermutation(SampleCount, _seed) : null;
        for (var start = 0; start < SampleCount; start += _batchSize)
        {
            var count = Math.Min(_batchSize, SampleCount - start);
            var rows = order?.Batch(start, count);
            Tensor Take(Tensor t) => rows is null ? t.Batch(start, count) : Ops.Take(t, rows, axis: 0);
            var x = _x.Select(Take).ToArray();
            var y = _y?.Select(Take).ToArray();
            IReadOnlyList<Tensor?>? sw = _sampleWeight?.Select(w => w is null ? null : Take(w)).ToArray();
            if (_classWeight is not null && y is not null) sw = [ClassWeights.ToSampleWeights(y[0], _classWeight)];
            yield return new StepData(x, y, sw);
        }
    }
}
