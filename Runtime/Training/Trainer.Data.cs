using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Training;

// Arranging the user's data for the model, and checking it before any step runs.
internal sealed partial class Trainer
{
    private IReadOnlyList<Shape>? _outputShapes;
    private bool _prepared;

    /// <summary>x in the model's input order; integer data for float inputs is converted once, here.</summary>
    public IReadOnlyList<Tensor> ArrangeX(InputData x, string method)
    {
        ArgumentNullException.ThrowIfNull(x);
        var names = ModelSignature.InputNames(_model);
        IReadOnlyList<Tensor> xs;
        if (names is not null) xs = x.Arrange(names, "input", _model.Name);
        else if (x.Names is null) xs = x.Tensors;
        else throw new ArgumentException($"{method}: model '{_model.Name}' is not a functional model, so its inputs have no names; pass x by position.", nameof(x));
        if (ModelSignature.Inputs(_model) is { } inputs)
        {
            var converted = xs.ToArray();
            for (var i = 0; i < converted.Length && i < inputs.Count; i++)
            {
                if (converted[i].DType == DType.Int32 && inputs[i]?.DType == DType.Float32)
                    converted[i] = Tensor.FromArray(converted[i].ToArray(), converted[i].Shape.ToArray());
            }
            xs = converted;
        }
        return xs;
    }

    /// <summary>y (or null) in the model's output order.</summary>
    public IReadOnlyList<Tensor>? ArrangeY(InputData? y, string method)
    {
        if (y is null) return null;
        var names = KnownOutputCount() is { } count ? OutputNames(count) : null;
        if (names is not null) return y.Arrange(names, "output", _model.Name);
        if (y.Names is not null)
            throw new ArgumentException($"{method}: model '{_model.Name}' is not a functional model, so its outputs have no names; pass y by position.", nameof(y));
        return y.Tensors;
    }

    /// <summary>Sample weights in output order; one array for a multi-output model weighs every output.</summary>
    public IReadOnlyList<Tensor?>? ArrangeSampleWeight(InputData? sampleWeight, int outputs, string method)
    {
        if (sampleWeight is null) return null;
        if (sampleWeight.Names is null)
        {
            if (sampleWeight.Tensors.Count == 1) return Enumerable.Repeat<Tensor?>(sampleWeight.Tensors[0], outputs).ToArray();
            if (sampleWeight.Tensors.Count != outputs)
                throw new ArgumentException($"{method}: sampleWeight has {sampleWeight.Tensors.Count} arrays; the model has {outputs} output(s). Pass one array, or one per output.");
            return sampleWeight.Tensors;
        }
        var names = OutputNames(outputs);
        foreach (var key in sampleWeight.Names)
        {
            if (!names.Contains(key))
                throw new ArgumentException($"{method}: sampleWeight has the key '{key}', which is not an output of model '{_model.Name}'; outputs: {string.Join(", ", names)}.");
        }
        var keys = sampleWeight.Names.ToList();
        return names.Select(n => keys.IndexOf(n) is var i and >= 0 ? sampleWeight.Tensors[i] : null).ToArray();
    }

    /// <summary>Every check that can be made on a step's data before running it.</summary>
    public void Check(StepData data, string method)
    {
        CheckCardinality(data.X, data.Y, data.SampleWeight, method);
        CheckInputs(data.X, method);
        Prepare(data.X);
        if (data.Y is not null) CheckSparseLabels(data.Y, method);
    }

    /// <summary>Keras's "data cardinality is ambiguous": every array must have the same number of samples.</summary>
    public static void CheckCardinality(IReadOnlyList<Tensor> x, IReadOnlyList<Tensor>? y, IReadOnlyList<Tensor?>? sampleWeight, string method)
    {
        var groups = new List<(string Name, int[] Sizes)> { ("x", x.Select(t => t.Shape[0]).ToArray()) };
        if (y is not null) groups.Add(("y", y.Select(t => t.Rank == 0 ? 1 : t.Shape[0]).ToArray()));
        if (sampleWeight is not null) groups.Add(("sample_weight", sampleWeight.OfType<Tensor>().Select(t => t.Rank == 0 ? 1 : t.Shape[0]).ToArray()));
        if (groups.SelectMany(g => g.Sizes).Distinct().Count() <= 1) return;
        throw new ArgumentException(
            $"{method}: data cardinality is ambiguous; make sure all arrays contain the same number of samples. " +
            string.Join(", ", groups.Where(g => g.Sizes.Length > 0).Select(g => $"'{g.Name}' sizes: {string.Join(", ", g.Sizes)}")) + ".");
    }

    /// <summary>Each input array against the shape the model declares (the batch axis aside).</summary>
    public void CheckInputs(IReadOnlyList<Tensor> x, string method)
    {
        if (ModelSignature.Inputs(_model) is not { } inputs) return;
        if (x.Count != inputs.Count)
        {
            var names = ModelSignature.InputNames(_model)!;
            throw new ArgumentException($"{method}: model '{_model.Name}' has {inputs.Count} input(s) ({string.Join(", ", names)}), but the data has {x.Count} array(s).");
        }
        for (var i = 0; i < x.Count; i++)
        {
            if (inputs[i] is not { } input) continue;
            var expected = input.Shape;
            var actual = x[i].Shape;
            var ok = expected.Rank == actual.Rank;
            for (var d = 1; ok && d < expected.Rank; d++) ok = expected[d] < 0 || expected[d] == actual[d];
            if (ok) continue;
            var sampleDims = expected.Dims[1..].ToArray();
            var sample = Shape.Format(sampleDims);
            var sameSize = actual.Rank > 0 && Array.IndexOf(sampleDims, -1) < 0 && actual.Product(1, actual.Rank) == sampleDims.Aggregate(1, (a, b) => a * b);
            var hint = sameSize
                ? $" The samples have the right number of values: reshape the data, e.g. x.Reshape(-1, {string.Join(", ", sampleDims)})."
                : " Change the data, or the model's Input shape.";
            throw new ArgumentException(
                $"{method}: input {i} ('{ModelSignature.InputNames(_model)![i]}') of model '{_model.Name}' expects samples of shape {sample} " +
                $"(batch shape {expected}), but the data has shape {actual} (samples of shape {Shape.Format(actual.Rank > 0 ? actual.Dims[1..] : [])}).{hint}");
        }
    }

    /// <summary>
    /// Builds the model for data of these shapes when it is not built (a Sequential model without an Input), then learns the
    /// output shapes and builds the loss, as Keras's symbolic build does before training.
    /// </summary>
    private void Prepare(IReadOnlyList<Tensor> x)
    {
        if (_prepared) return;
        var shapes = x.Select(t => t.Shape.WithDim(0, -1)).ToArray();
        if (_model is Sequential { InputLayer: null, Layers.Count: > 0 } sequential) sequential.MaybeBuild(shapes);
        if (_model is Functional or Sequential)
        {
            _outputShapes = _model.ComputeOutputShape(shapes);
            if (Compiled) BuildLoss(_outputShapes.Count);
        }
        // A subclassed model's outputs are learnt from its first step.
        _prepared = true;
    }

    /// <summary>Targets of sparse_categorical_crossentropy must be class indices within the output's width (the loss's own check).</summary>
    private void CheckSparseLabels(IReadOnlyList<Tensor> y, string method)
    {
        if (_loss is null || _outputShapes is null) return;
        for (var o = 0; o < _loss.Losses.Count && o < y.Count && o < _outputShapes.Count; o++)
        {
            if (_loss.Losses[o] is not SparseCategoricalCrossentropy loss) continue;
            var shape = _outputShapes[o];
            if (shape.Rank == 0 || shape[-1] <= 0) continue;
            try
            {
                loss.ValidateLabels(y[o], shape[-1]);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException(
                    $"{method}: the targets of output '{_loss.OutputNames[o]}' (which has {shape[-1]} units) are not valid for sparse_categorical_crossentropy: {e.Message} " +
                    "Check the labels, or give the last layer as many units as there are classes.", e);
            }
        }
    }
}
