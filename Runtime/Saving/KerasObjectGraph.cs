using System.Reflection;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;

namespace NotebookKeras.Runtime.Saving;

/// <summary>One layer's place in a weights file: its object path (<c>layers/dense_1</c>) and its own variables in file order.</summary>
internal sealed record SaveableLayer(string Path, Layer Layer, IReadOnlyList<Variable> Variables);

/// <summary>
/// Keras 3's object-graph walk (<c>saving_lib._walk_saveable</c>), which names the HDF5 groups of a weights file: paths come
/// from the graph, never from layer names. Sequential and Functional models put their layers (for Sequential, InputLayer
/// excluded) under <c>layers/</c>, each named by its class in snake_case made unique within the list (<c>dense</c>, <c>dense_1</c>); a layer
/// holding other layers names each by its attribute (the field or property name in snake_case). Each layer's own
/// variables are its trainable then non-trainable ones, as Keras's <c>save_own_variables</c>.
/// </summary>
internal static class KerasObjectGraph
{
    /// <summary>Every layer reachable from <paramref name="root"/> (itself first, at path ""), each once.</summary>
    public static IReadOnlyList<SaveableLayer> Walk(Layer root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var found = new List<SaveableLayer>();
        Visit(root, "", found, new HashSet<Layer>(ReferenceEqualityComparer.Instance));
        return found;
    }

    /// <summary>A group path inside the file: the object path, then "vars" (the root's own variables live at "vars").</summary>
    public static string VarsPath(string objectPath) => objectPath.Length == 0 ? "vars" : $"{objectPath}/vars";

    private static void Visit(Layer layer, string path, List<SaveableLayer> found, HashSet<Layer> visited)
    {
        if (!visited.Add(layer)) return;
        var children = Children(layer);
        var nested = new HashSet<Variable>(children.SelectMany(c => c.Layer.Weights), ReferenceEqualityComparer.Instance);
        // Layer.Weights lists the layer's own trainable then non-trainable variables before those of inner layers.
        found.Add(new SaveableLayer(path, layer, layer.Weights.Where(v => !nested.Contains(v)).ToList()));
        foreach (var (name, child) in children) Visit(child, path.Length == 0 ? name : $"{path}/{name}", found, visited);
    }

    private static List<(string Name, Layer Layer)> Children(Layer layer)
    {
        // Keras's Sequential.layers leaves out its InputLayer; Functional.layers keeps them (the fixtures' files show both).
        if (layer is Sequential sequential) return Container("layers", sequential.Layers.Where(l => l is not InputLayer));
        if (layer is Functional functional) return Container("layers", functional.Layers);
        var children = new List<(string, Layer)>();
        var types = new Stack<Type>();
        for (var t = layer.GetType(); t is not null && t != typeof(Layer); t = t.BaseType) types.Push(t);
        foreach (var type in types)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                switch (field.GetValue(layer))
                {
                    case Layer child when !ReferenceEquals(child, layer):
                        children.Add((AttributeName(field), child));
                        break;
                    case IEnumerable<Layer> list:
                        children.AddRange(Container(AttributeName(field), list.Where(l => l is not null)));
                        break;
                }
            }
        }
        return children;
    }

    // Keras's _save_container_state: list elements are named by class in snake_case, made unique within the container.
    private static List<(string, Layer)> Container(string attribute, IEnumerable<Layer> layers)
    {
        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<(string, Layer)>();
        foreach (var child in layers)
        {
            var className = child.ClassName[(child.ClassName.IndexOf('>') + 1)..];
            var name = LayerNames.ToSnakeCase(className);
            taken.TryGetValue(name, out var n);
            taken[name] = n + 1;
            list.Add(($"{attribute}/{(n == 0 ? name : $"{name}_{n}")}", child));
        }
        return list;
    }

    // The attribute's name as Keras names its group: "<Forward>k__BackingField" and "_forward" both give "forward".
    private static string AttributeName(FieldInfo field)
    {
        var name = field.Name;
        if (name.StartsWith('<')) name = name[1..name.IndexOf('>')];
        return LayerNames.ToSnakeCase(name.TrimStart('_'));
    }
}
