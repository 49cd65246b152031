using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;
using PureHDF;

namespace NotebookKeras.Runtime.Tests.ModelFiles;

/// <summary>The weights files we write have Keras 3's HDF5 layout exactly: the same groups, datasets, shapes and name attributes.</summary>
public sealed class WeightsFileLayoutTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nk-layout-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("mlp")]
    [InlineData("functional_2in_2out")]
    public void WrittenLayoutMatchesKeras(string name)
    {
        var model = Model.Load(KerasFixtures.PathOf($"{name}.keras"));
        var path = Path.Combine(_dir, $"{name}.weights.h5");
        model.SaveWeights(path);
        Assert.Equal(Layout(KerasFixtures.PathOf($"{name}.weights.h5")), Layout(path));
    }

    [Fact]
    public void ReaderToleratesOlderLayouts()
    {
        // Keras 2.13 named the layer list "_layer_checkpoint_dependencies"; older Keras 3 files have no groups for layers
        // without variables (here the Dropout and the root); unknown groups (compile-time trackers) are ignored.
        var model = new Sequential([new InputLayer(new Shape(3)), new Dense(2), new Dropout(0.5f)]);
        var kernel = Enumerable.Range(0, 6).Select(i => i * 0.5f).ToArray();
        var bias = new[] { -1f, 1f };
        var file = new H5File
        {
            ["_layer_checkpoint_dependencies"] = new H5Group
            {
                ["dense"] = new H5Group { ["vars"] = new H5Group { ["0"] = new H5Dataset<float[]>(kernel, fileDims: [3, 2]), ["1"] = new H5Dataset<float[]>(bias, fileDims: [2]) } },
            },
            ["compile_metrics"] = new H5Group { ["vars"] = new H5Group { ["0"] = new H5Dataset<float[]>([1f], fileDims: [1]) } },
        };
        var path = Path.Combine(_dir, "old.weights.h5");
        file.Write(path);
        model.LoadWeights(path);
        Assert.Equal(kernel, model.Layers[0].GetWeights()[0].AsSpan().ToArray());
        Assert.Equal(bias, model.Layers[0].GetWeights()[1].AsSpan().ToArray());
    }

    // Every group (with its "name" attribute) and dataset (with its shape and element type), one line each, sorted.
    private static List<string> Layout(string path)
    {
        using var file = H5File.OpenRead(path);
        var lines = new List<string>();
        Walk(file, "", lines);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static void Walk(IH5Group group, string path, List<string> lines)
    {
        foreach (var child in group.Children())
        {
            var childPath = $"{path}/{child.Name}";
            switch (child)
            {
                case IH5Group inner:
                    var name = inner.AttributeExists("name") ? inner.Attribute("name").Read<string>() : "";
                    lines.Add($"{childPath} name={name}");
                    Walk(inner, childPath, lines);
                    break;
                case IH5Dataset dataset:
                    lines.Add($"{childPath} ({string.Join(", ", dataset.Space.Dimensions)}) {dataset.Type.Class}{dataset.Type.Size}");
                    break;
            }
        }
    }
}
