using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;
using PureHDF;

namespace NotebookKeras.Runtime.Saving;

/// <summary>
/// Keras 3's <c>model.weights.h5</c> (also a <c>.weights.h5</c> file on its own): for each layer at object path P (see
/// <see cref="KerasObjectGraph"/>) a group <c>P/vars</c> with attribute <c>name</c> and datasets "0", "1", ... in variable
/// order. Reading checks every dataset against the model first and assigns only when all match, so a failed load changes nothing.
/// </summary>
internal static class WeightsFile
{
    // Keras 2.13 files hold the layer list under this name instead of "layers" (H5IOStore.get's fallback).
    private const string LegacyLayersName = "_layer_checkpoint_dependencies";

    // The model's "optimizer" attribute: iterations, learning rate, then the slots (Keras's optimizer.variables order).
    private const string OptimizerVarsPath = "optimizer/vars";

    /// <summary>Writes the weights of <paramref name="model"/> as an HDF5 file to <paramref name="stream"/>.</summary>
    public static void Write(Layer model, Stream stream)
    {
        var file = new H5File();
        foreach (var saveable in KerasObjectGraph.Walk(model))
        {
            var vars = GetOrAddGroup(file, KerasObjectGraph.VarsPath(saveable.Path));
            vars.Attributes["name"] = saveable.Layer.Name;
            AddDatasets(vars, saveable.Variables);
        }
        if (model is Model { Optimizer: { } optimizer })
        {
            var vars = GetOrAddGroup(file, OptimizerVarsPath);
            vars.Attributes["name"] = optimizer.Name;
            AddDatasets(vars, optimizer.Variables);
        }
        file.Write(stream);
    }

    /// <summary>
    /// Reads weights from <paramref name="stream"/> (a seekable HDF5 file) into <paramref name="model"/>;
    /// <paramref name="source"/> names the file in errors.
    /// </summary>
    /// <exception cref="KerasFormatException">The file is not HDF5, or a group or dataset is missing or does not match.</exception>
    public static void Read(Layer model, Stream stream, string source)
    {
        var values = new List<(Variable Variable, Tensor Value)>();
        try
        {
            using var file = H5File.Open(stream, leaveOpen: true);
            foreach (var saveable in KerasObjectGraph.Walk(model))
            {
                if (saveable.Variables.Count == 0) continue; // older Keras 3 files have no group for layers without variables
                var path = KerasObjectGraph.VarsPath(saveable.Path);
                var vars = FindGroup(file, path)
                    ?? throw new KerasFormatException(
                        $"'{source}': no group '{path}' for layer '{saveable.Layer.Name}', which has {saveable.Variables.Count} variables ({Describe(saveable.Variables)}).");
                var count = vars.Children().Count(c => c is IH5Dataset);
                if (count != saveable.Variables.Count)
                    throw new KerasFormatException(
                        $"'{source}': layer '{saveable.Layer.Name}' expects {saveable.Variables.Count} variables ({Describe(saveable.Variables)}), but '{path}' holds {count}.");
                for (var i = 0; i < saveable.Variables.Count; i++) values.Add((saveable.Variables[i], ReadVariable(vars, i, $"{path}/{i}", saveable.Variables[i], source)));
            }
            if (model is Model { Optimizer: { } optimizer } compiled && FindGroup(file, OptimizerVarsPath) is { } state)
            {
                // The slots must exist to receive the state (Keras builds the optimizer when it compiles a loaded model).
                optimizer.Build(compiled.TrainableWeights);
                var variables = optimizer.Variables;
                // As Keras's load_own_variables: state saved for another optimizer or other variables is skipped, not an error.
                if (state.Children().Count(c => c is IH5Dataset) == variables.Count)
                {
                    for (var i = 0; i < variables.Count; i++) values.Add((variables[i], ReadVariable(state, i, $"{OptimizerVarsPath}/{i}", variables[i], source)));
                }
            }
        }
        catch (Exception e) when (e is not KerasFormatException)
        {
            throw new KerasFormatException($"'{source}' is not a readable Keras weights file (HDF5): {e.Message}", e);
        }
        foreach (var (variable, value) in values) variable.Assign(value);
    }

    private static Tensor ReadVariable(IH5Group vars, int index, string path, Variable variable, string source)
    {
        var name = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!vars.LinkExists(name) || vars.Get(name) is not IH5Dataset dataset)
            throw new KerasFormatException($"'{source}': dataset '{path}' ({variable.Path}) is missing.");
        return ReadDataset(dataset, path, variable, source);
    }

    /// <summary>Whether <paramref name="dataset"/> has exactly the shape of <paramref name="variable"/>.</summary>
    public static bool ShapeMatches(IH5Dataset dataset, Variable variable)
    {
        var dims = dataset.Space.Dimensions;
        var expected = variable.Shape.ToArray();
        return dims.Length == expected.Length && !dims.Where((d, i) => d != (ulong)expected[i]).Any();
    }

    /// <summary>The shape of a dataset as "(2, 3)", for messages.</summary>
    public static string ShapeOf(IH5Dataset dataset) => $"({string.Join(", ", dataset.Space.Dimensions)})";

    /// <summary>
    /// The value of <paramref name="dataset"/> (at <paramref name="path"/> in <paramref name="source"/>) for
    /// <paramref name="variable"/>, after checking its shape and type: a hostile file cannot make us allocate more than the
    /// model's own weights.
    /// </summary>
    public static Tensor ReadDataset(IH5Dataset dataset, string path, Variable variable, string source)
    {
        var expected = variable.Shape.ToArray();
        if (!ShapeMatches(dataset, variable))
            throw new KerasFormatException(
                $"'{source}': dataset '{path}' has shape {ShapeOf(dataset)}, but weight '{variable.Path}' has shape {variable.Shape}.");
        var type = dataset.Type;
        if (variable.DType == DType.Float32)
        {
            if (type.Class != H5DataTypeClass.FloatingPoint)
                throw new KerasFormatException($"'{source}': dataset '{path}' holds {type.Class} data; weight '{variable.Path}' is float32.");
            var data = type.Size == 4 ? dataset.Read<float[]>() : Array.ConvertAll(dataset.Read<double[]>(), d => (float)d);
            return Tensor.FromArray(data, expected);
        }
        if (type.Class != H5DataTypeClass.FixedPoint)
            throw new KerasFormatException($"'{source}': dataset '{path}' holds {type.Class} data; weight '{variable.Path}' is int32.");
        var ints = type.Size == 8 ? Array.ConvertAll(dataset.Read<long[]>(), l => (int)l) : dataset.Read<int[]>();
        return Tensor.FromArray(ints, expected);
    }

    private static void AddDatasets(H5Group vars, IReadOnlyList<Variable> variables)
    {
        for (var i = 0; i < variables.Count; i++) vars[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Dataset(variables[i]);
    }

    private static H5Dataset Dataset(Variable variable)
    {
        var dims = variable.Shape.ToArray().Select(d => (ulong)d).ToArray();
        // Integer state (the optimizer's iteration count) is int64 in Keras's files.
        return variable.DType == DType.Float32
            ? new H5Dataset<float[]>(variable.Value.AsSpan().ToArray(), fileDims: dims)
            : new H5Dataset<long[]>(Array.ConvertAll(variable.Value.AsIntSpan().ToArray(), i => (long)i), fileDims: dims);
    }

    private static H5Group GetOrAddGroup(H5Group root, string path)
    {
        var group = root;
        foreach (var part in path.Split('/'))
        {
            if (!group.TryGetValue(part, out var child)) group[part] = child = new H5Group();
            group = (H5Group)child;
        }
        return group;
    }

    private static IH5Group? FindGroup(IH5Group root, string path)
    {
        var parts = path.Split('/');
        var group = Descend(root, parts);
        if (group is null && parts[0] == "layers")
        {
            parts[0] = LegacyLayersName;
            group = Descend(root, parts);
        }
        return group;
    }

    private static IH5Group? Descend(IH5Group group, string[] parts)
    {
        foreach (var part in parts)
        {
            if (!group.LinkExists(part) || group.Get(part) is not IH5Group child) return null;
            group = child;
        }
        return group;
    }

    private static string Describe(IReadOnlyList<Variable> variables) =>
        string.Join(", ", variables.Select(v => $"{v.Name} {v.Shape}"));
}
