using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Pooling;

/// <summary>Global 2-D max pooling (Keras's <c>GlobalMaxPooling2D</c>): the maximum over height and width, per channel.</summary>
public sealed class GlobalMaxPooling2D(
    string? dataFormat = null, bool keepDims = false, string? name = null, bool trainable = true, DType dtype = DType.Float32)
    : BaseGlobalPooling2D(dataFormat, keepDims, "GlobalMaxPooling2D", name, trainable, dtype)
{
    protected internal override Tensor Call(Tensor inputs) => Ops.Max(inputs, SpatialAxes, KeepDims);

    internal static void Register() => KerasRegistry.Register("keras.layers", "GlobalMaxPooling2D", c => new GlobalMaxPooling2D(
        dataFormat: LayerConfig.String(c, "data_format"),
        keepDims: LayerConfig.Bool(c, "keepdims", false),
        name: LayerConfig.Name(c),
        trainable: LayerConfig.Trainable(c),
        dtype: LayerConfig.DType(c)));
}
