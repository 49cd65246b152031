using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Convolution;

/// <summary>
/// What the transposed convolution layers share (Keras's <c>BaseConvTranspose</c>): <c>activation(conv_transpose(inputs,
/// kernel) + bias)</c>, the gradient of a convolution with respect to its input, which grows the spatial axes by the strides.
/// The kernel is (*kernelSize, filters, channels) as Keras stores it; output lengths follow Keras's
/// compute_conv_transpose_output_shape. Keras 3's layers pass output_padding through their keyword arguments to this base
/// but leave it out of get_config; here it is written to the config only when set, a key Keras's from_config reads back.
/// </summary>
public abstract class BaseConvTranspose : BaseConv
{
    private readonly int[]? _outputPadding;

    private protected BaseConvTranspose(
        string className, int rank, int filters, int[] kernelSize, int[] strides, string padding, int[]? outputPadding,
        string? dataFormat, int[] dilationRate, string? activation, bool useBias,
        Initializer? kernelInitializer, Initializer? biasInitializer,
        Regularizer? kernelRegularizer, Regularizer? biasRegularizer, Regularizer? activityRegularizer,
        Constraint? kernelConstraint, Constraint? biasConstraint,
        string? name, bool trainable, DType dtype)
        : base(className, rank, filters, kernelSize, strides, padding, dataFormat, dilationRate, 1, activation, useBias,
            kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, activityRegularizer, kernelConstraint, biasConstraint,
            name, trainable, dtype)
    {
        _outputPadding = CheckOutputPadding(className, outputPadding);
    }

    private protected BaseConvTranspose(string className, int rank, JsonObject config) : base(className, rank, config)
    {
        _outputPadding = CheckOutputPadding(className, ConfigSizes(config, "output_padding", rank, className));
    }

    /// <summary>Extra rows/columns after the output, per axis, each smaller than its stride; null for Keras's default.</summary>
    private protected int[]? OutputPaddingValues => _outputPadding;

    private protected override Shape KernelShape(int channels) => new([.. KernelSizes, Filters, channels]);

    private protected override Tensor Convolve(Tensor x, Tensor kernel, Tensor? bias, bool relu)
    {
        var y = Ops.ConvTranspose(x, kernel, StrideValues, Padding, _outputPadding, null, DilationValues);
        if (bias is not null) y = Ops.Add(y, bias);
        return relu ? Ops.Relu(y) : y;
    }

    private protected override Shape OutputShape(Shape x) =>
        OpShapes.ConvTranspose(x, new Shape([.. KernelSizes, Filters, x[-1]]), StrideValues, Padding, _outputPadding, DilationValues);

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        if (_outputPadding is not null) config["output_padding"] = LayerConfig.IntsToJson(_outputPadding);
        return config;
    }

    private int[]? CheckOutputPadding(string className, int[]? outputPadding)
    {
        if (outputPadding is null) return null;
        if (outputPadding.Length != Rank || outputPadding.Where((p, i) => p < 0 || p >= StrideValues[i]).Any())
            throw new ArgumentException(
                $"{className}: 'outputPadding' must be non-negative and smaller than the strides; got outputPadding {Format(outputPadding)} and strides {Format(StrideValues)}.",
                nameof(outputPadding));
        return outputPadding;
    }
}
