using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Tests.Support;

/// <summary>
/// Models saved by TensorFlow.js (tests/Runtime.Tests/Reference/tfjs, written by its gen_tfjs_models.js): a folder per
/// model with model.json, the weight shards, inputs in0.npy... and TensorFlow.js's predictions out0.npy...
/// </summary>
public static class TfjsFixtures
{
    /// <summary>Every model that NotebookKeras loads (all but hard_sigmoid_lstm and bilinear_upsampling, which it refuses).</summary>
    public static IReadOnlyList<string> Models { get; } =
    [
        "mlp", "mlp_uint8", "mlp_uint16", "mlp_float16", "reshaping", "convnet", "convnet_strided", "recurrent", "embedding_mask",
        "masking", "rnn_cell", "functional_merge", "nested_trained",
    ];

    public static string Directory { get; } = Locate();

    /// <summary>The model.json of <paramref name="model"/>.</summary>
    public static string ModelJson(string model) => Path.Combine(Directory, model, "model.json");

    /// <summary>The inputs (in0.npy, ...) or outputs (out0.npy, ...) files of <paramref name="model"/>, in order.</summary>
    public static IReadOnlyList<string> Files(string model, string prefix) =>
        Enumerable.Range(0, 8).Select(i => Path.Combine(Directory, model, $"{prefix}{i}.npy")).TakeWhile(File.Exists).ToList();

    public static Tensor[] Inputs(string model) => Files(model, "in").Select(NpyFile.Read).ToArray();

    public static Tensor[] Outputs(string model) => Files(model, "out").Select(NpyFile.Read).ToArray();

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NotebookKeras.sln")))
                return Path.Combine(dir.FullName, "tests", "Runtime.Tests", "Reference", "tfjs");
        }
        throw new DirectoryNotFoundException($"Could not find the repository root (NotebookKeras.sln) above {AppContext.BaseDirectory}.");
    }
}
