using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Recurrent;

/// <summary>
/// Keras's <c>StackedRNNCells</c>: cells run one after the other within each timestep, the output of cell i being the input of
/// cell i+1, so <c>new RNN(new StackedRNNCells([new LSTMCell(8), new LSTMCell(8)]))</c> computes what two stacked LSTM layers
/// compute in one pass over time. The states are the cells' states in order (Keras nests them per cell; here they are one flat
/// list, e.g. [h1, c1, h2, c2]); the output is the last cell's.
/// </summary>
public sealed class StackedRNNCells : RecurrentCell
{
    private readonly RecurrentCell[] _cells;

    public StackedRNNCells(IReadOnlyList<RecurrentCell> cells, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name: name, trainable: trainable, dtype: dtype)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
            throw new ArgumentException("StackedRNNCells: 'cells' must hold at least one cell.", nameof(cells));
        if (cells.Any(c => c is null))
            throw new ArgumentException("StackedRNNCells: 'cells' must not contain null.", nameof(cells));
        _cells = [.. cells];
    }

    /// <summary>The cells, from the one reading the sequence to the one producing the output.</summary>
    public IReadOnlyList<RecurrentCell> Cells => _cells;

    /// <summary>The cells' state sizes, concatenated in cell order.</summary>
    public override IReadOnlyList<int> StateSize => _cells.SelectMany(c => c.StateSize).ToArray();

    public override int OutputSize => _cells[^1].OutputSize;

    internal override bool AcceptsConstants => _cells.Any(c => c.AcceptsConstants);

    /// <summary>Builds each cell on the previous cell's output; the shapes after the step's are the constants'.</summary>
    public override void Build(IReadOnlyList<Shape> inputShapes)
    {
        var input = inputShapes[0];
        var constants = inputShapes.Skip(1).ToArray();
        foreach (var cell in _cells)
        {
            cell.MaybeBuild([input, .. cell.AcceptsConstants ? constants : []]);
            input = new Shape(input[0], cell.OutputSize);
        }
    }

    public override (Tensor Output, IReadOnlyList<Tensor> States) Call(Tensor inputs, IReadOnlyList<Tensor> states, bool training) =>
        Step(inputs, states, [], training);

    /// <summary>Passes the constants to the cells that accept them (as Keras 2 did), the others run without.</summary>
    public override (Tensor Output, IReadOnlyList<Tensor> States) Call(Tensor inputs, IReadOnlyList<Tensor> states, IReadOnlyList<Tensor> constants, bool training) =>
        Step(inputs, states, constants, training);

    private (Tensor Output, IReadOnlyList<Tensor> States) Step(Tensor inputs, IReadOnlyList<Tensor> states, IReadOnlyList<Tensor> constants, bool training)
    {
        var next = new List<Tensor>(states.Count);
        var offset = 0;
        foreach (var cell in _cells)
        {
            var count = cell.StateSize.Count;
            var own = states.Skip(offset).Take(count).ToArray();
            var (output, cellStates) = constants.Count > 0 && cell.AcceptsConstants
                ? cell.Call(inputs, own, constants, training)
                : cell.Call(inputs, own, training);
            if (cellStates.Count != count)
                throw new InvalidOperationException($"Cell '{cell.Name}' returned {cellStates.Count} states; its StateSize has {count}.");
            next.AddRange(cellStates);
            inputs = output;
            offset += count;
        }
        return (inputs, next);
    }

    internal override void ResetDropoutMasks()
    {
        foreach (var cell in _cells) cell.ResetDropoutMasks();
    }

    /// <summary>Keras 3's config: the serialized cells under <c>cells</c>.</summary>
    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["cells"] = new JsonArray(_cells.Select(c => LayerConfig.Serialize(c)).ToArray());
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "StackedRNNCells", c => new StackedRNNCells(
        cells: c["cells"] is JsonArray cells
            ? cells.Select(e => KerasRegistry.Deserialize<RecurrentCell>(e as JsonObject
                ?? throw new FormatException("StackedRNNCells config: every entry of 'cells' must be a serialized cell."))).ToArray()
            : throw new FormatException("StackedRNNCells config is missing the required key 'cells'."),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
