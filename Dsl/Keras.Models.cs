using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Dsl;

public static partial class Keras
{
    /// <summary><c>keras.Input(shape, batch_size, name, dtype)</c>: a symbolic input; the shape excludes the batch axis.</summary>
    public static KerasTensor Input(Shape shape, int? batchSize = null, string? name = null, DType dtype = DType.Float32) =>
        InputLayer.Create(shape, batchSize, name, dtype);

    /// <summary><c>keras.Sequential(layers, name)</c>: a stack of layers; add more with <c>.Add(...)</c>, which chains.</summary>
    public static Sequential Sequential(params Layer[] layers) => new(layers);

    /// <summary><c>keras.Sequential([keras.Input(shape), ...])</c>: a stack whose input shape is known, so it is built at once.</summary>
    public static Sequential Sequential(KerasTensor input, params Layer[] layers) => new Sequential().Add(input).AddRange(layers);

    /// <summary>A named <c>keras.Sequential</c>.</summary>
    public static Sequential Sequential(string name, params Layer[] layers) => new(layers, name);

    /// <summary><c>keras.Model(inputs, outputs)</c>: a functional model over one input and one output.</summary>
    public static Functional Model(KerasTensor inputs, KerasTensor outputs, string? name = null) => new(inputs, outputs, name);

    /// <summary><c>keras.Model(model.inputs, layer.output)</c>: several inputs, one output (feature extraction).</summary>
    public static Functional Model(IReadOnlyList<KerasTensor> inputs, KerasTensor outputs, string? name = null) => new(inputs, outputs, name);

    /// <summary><c>keras.Model(inputs, outputs)</c> with several inputs and outputs (lists).</summary>
    public static Functional Model(IReadOnlyList<KerasTensor> inputs, IReadOnlyList<KerasTensor> outputs, string? name = null) => new(inputs, outputs, name);

    /// <summary><c>keras.Model(inputs, {"name": output, ...})</c>: outputs keyed by name.</summary>
    public static Functional Model(IReadOnlyList<KerasTensor> inputs, IReadOnlyDictionary<string, KerasTensor> outputs, string? name = null) => new(inputs, outputs, name);

    /// <summary><c>keras.backend.clear_session()</c>: restarts automatic layer names ("dense", "dense_1", ...).</summary>
    public static void ClearSession() => LayerNames.Reset();
}
