using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>
/// Values whose scale adapts to the weight's shape (Keras's <c>VarianceScaling</c>, "variance_scaling"): with n the fan-in,
/// the fan-out or their average (<see cref="Mode"/>), "truncated_normal" draws a truncated normal whose standard deviation
/// after truncation is sqrt(scale / n), "untruncated_normal" a normal with that standard deviation, and "uniform" values in
/// [-limit, limit) with limit = sqrt(3 scale / n). Glorot, He and LeCun initializers are its named settings.
/// </summary>
public class VarianceScaling : RandomInitializer
{
    /// <summary>The standard deviation of a standard normal truncated to [-2, 2]: dividing by it makes the truncated values' std as asked.</summary>
    internal const double TruncatedNormalStddev = 0.87962566103423978;

    private static readonly string[] Modes = ["fan_in", "fan_out", "fan_avg"];
    private static readonly string[] Distributions = ["truncated_normal", "untruncated_normal", "uniform"];

    public VarianceScaling(float scale = 1f, string mode = "fan_in", string distribution = "truncated_normal", int? seed = null) : base(seed)
    {
        ArgumentNullException.ThrowIfNull(mode);
        ArgumentNullException.ThrowIfNull(distribution);
        if (!(scale > 0) || !float.IsFinite(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"VarianceScaling: scale must be a finite number > 0; got {scale}.");
        if (!Modes.Contains(mode))
            throw new ArgumentException($"VarianceScaling: invalid mode '{mode}'; use one of {string.Join(", ", Modes.Select(m => $"'{m}'"))}.", nameof(mode));
        // Keras lower-cases the distribution and reads "normal" as "truncated_normal".
        var d = distribution.ToLowerInvariant();
        if (d == "normal") d = "truncated_normal";
        if (!Distributions.Contains(d))
            throw new ArgumentException($"VarianceScaling: invalid distribution '{distribution}'; use one of {string.Join(", ", Distributions.Select(m => $"'{m}'"))}.", nameof(distribution));
        Scale = scale;
        Mode = mode;
        Distribution = d;
    }

    /// <summary>The scaling factor (> 0).</summary>
    public float Scale { get; }

    /// <summary>"fan_in", "fan_out" or "fan_avg".</summary>
    public string Mode { get; }

    /// <summary>"truncated_normal", "untruncated_normal" or "uniform".</summary>
    public string Distribution { get; }

    public override string ClassName => "VarianceScaling";

    public override JsonObject GetConfig()
    {
        var config = base.GetConfig();
        config["scale"] = Scale;
        config["mode"] = Mode;
        config["distribution"] = Distribution;
        return config;
    }

    public override Tensor Call(Shape shape, DType dtype = DType.Float32)
    {
        RequireFloat(dtype);
        RequireConcrete(shape);
        var (fanIn, fanOut) = ComputeFans(shape);
        double scale = Scale;
        scale /= Mode switch
        {
            "fan_in" => Math.Max(1.0, fanIn),
            "fan_out" => Math.Max(1.0, fanOut),
            _ => Math.Max(1.0, (fanIn + fanOut) / 2.0),
        };
        return Distribution switch
        {
            "truncated_normal" => Ops.TruncatedNormal(shape, 0f, (float)(Math.Sqrt(scale) / TruncatedNormalStddev), Generator()),
            "untruncated_normal" => Ops.RandomNormal(shape, 0f, (float)Math.Sqrt(scale), Generator()),
            _ => Ops.RandomUniform(shape, -(float)Math.Sqrt(3 * scale), (float)Math.Sqrt(3 * scale), Generator()),
        };
    }

    /// <summary>
    /// Keras's <c>compute_fans</c>: (fan_in, fan_out) of a weight shape. Rank 0: (1, 1); rank 1: (n, n); rank 2: (rows, cols);
    /// higher ranks are convolution kernels (..., input_depth, depth) whose receptive field is the product of the leading dims.
    /// </summary>
    internal static (long FanIn, long FanOut) ComputeFans(Shape shape)
    {
        switch (shape.Rank)
        {
            case 0: return (1, 1);
            case 1: return (shape[0], shape[0]);
            case 2: return (shape[0], shape[1]);
        }
        long receptive = 1;
        for (var i = 0; i < shape.Rank - 2; i++) receptive *= shape[i];
        return (shape[-2] * receptive, shape[-1] * receptive);
    }

    internal static VarianceScaling FromConfig(JsonObject config) => new(
        config.GetFloat("scale", 1f, "VarianceScaling"),
        config.GetString("mode", "fan_in", "VarianceScaling"),
        config.GetString("distribution", "truncated_normal", "VarianceScaling"),
        config.GetNullableInt("seed", "VarianceScaling"));
}
