using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Training;

/// <summary>
/// What the trainer knows of a model's inputs and outputs before running it: names (for keyed data, losses and logs) and the
/// input shapes it declares (for checking data). Functional and Sequential models declare them; subclassed models do not.
/// </summary>
internal static class ModelSignature
{
    /// <summary>The input names, or null for a subclassed model (data is then passed by position).</summary>
    public static IReadOnlyList<string>? InputNames(Model model) => model switch
    {
        Functional f => f.InputNames,
        Sequential s => [s.InputLayer?.Name ?? "input"],
        _ => null,
    };

    /// <summary>The declared input shapes (batch axis first) and dtypes, one per input; null entries are unknown.</summary>
    public static IReadOnlyList<(Shape Shape, DType DType)?>? Inputs(Model model) => model switch
    {
        Functional f => f.Inputs.Select(k => ((Shape, DType)?)(k.Shape, k.DType)).ToArray(),
        Sequential { InputLayer: { } input } => [(input.BatchShape, input.DType)],
        _ => null,
    };

    /// <summary>The output names ("dense_1", or dictionary keys); for subclassed models "output_0", "output_1", ...</summary>
    public static IReadOnlyList<string> OutputNames(Model model, int count) => model switch
    {
        Functional f => f.OutputNames,
        Sequential { Layers.Count: > 0 } s => [s.Layers[^1].Name],
        _ => count == 1 ? ["output"] : Enumerable.Range(0, count).Select(i => $"output_{i}").ToArray(),
    };
}
