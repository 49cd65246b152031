using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Models;

/// <summary>
/// A model is a layer made of layers. Subclass it, hold layers in fields or properties and override <c>Call</c> (their
/// weights are tracked without registration); or build one from a graph (<see cref="Functional"/>) or a stack
/// (<see cref="Sequential"/>). Models are layers, so they nest.
/// </summary>
public partial class Model : Layer
{
    protected Model(string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
    }

    public override string Module => "keras";

    /// <summary>The model's layers, in order (for functional models, inputs first, by depth as Keras orders them).</summary>
    public virtual IReadOnlyList<Layer> Layers => TrackedLayers;

    /// <summary>The layer called <paramref name="name"/>; the error lists the names there are.</summary>
    public Layer GetLayer(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Layers.FirstOrDefault(l => l.Name == name)
            ?? throw new ArgumentException($"No such layer: '{name}'. Existing layers are: [{string.Join(", ", Layers.Select(l => $"'{l.Name}'"))}].", nameof(name));
    }

    /// <summary>Keras's <c>model.summary()</c> as text: layers, output shapes, parameter counts and totals.</summary>
    public string Summary(int? lineLength = null, bool expandNested = false, bool showTrainable = false) =>
        ModelSummary.Render(this, lineLength, expandNested, showTrainable);

    /// <summary>The layer at <paramref name="index"/> in <see cref="Layers"/>.</summary>
    public Layer GetLayer(int index)
    {
        var layers = Layers;
        if (index < 0 || index >= layers.Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Model '{Name}' has {layers.Count} layers; index {index} is out of range.");
        return layers[index];
    }
}
