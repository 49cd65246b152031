using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Models;

/// <summary>
/// A plain stack of layers, each with one input and one output (Keras's <c>Sequential</c>). With an input shape known (an
/// <see cref="InputLayer"/> first) every added layer is built at once and shapes are known for <c>Summary()</c>; without one,
/// the model is built on its first call.
/// </summary>
public class Sequential : Model
{
    private readonly List<Layer> _layers = [];
    private InputLayer? _inputLayer;
    private Functional? _graph;

    public Sequential(IEnumerable<Layer>? layers = null, string? name = null, bool trainable = true)
        : base(name, trainable)
    {
        if (layers is not null) AddRange(layers);
    }

    /// <summary>The layers, without the input layer (as Keras lists them).</summary>
    public override IReadOnlyList<Layer> Layers => _layers;

    internal override IReadOnlyList<Layer> TrackedLayers => _layers;

    /// <summary>The input layer, when the input shape is known.</summary>
    public InputLayer? InputLayer => _inputLayer;

    /// <summary>The graph over the known input (null until the input shape is known): gives shapes and feature extraction.</summary>
    public Functional? Graph => _graph;

    /// <summary>Adds a layer on top of the stack and returns the model, so calls chain.</summary>
    public Sequential Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is InputLayer input)
        {
            if (_inputLayer is not null || _layers.Count > 0)
                throw new InvalidOperationException(
                    $"Sequential model '{Name}': an input layer can only be added first; the model already has {(_inputLayer is null ? $"{_layers.Count} layers" : $"input '{_inputLayer.Name}'")}.");
            _inputLayer = input;
            Rebuild();
            return this;
        }
        if (_layers.Any(l => ReferenceEquals(l, layer)))
            throw new ArgumentException($"Sequential model '{Name}' already contains layer '{layer.Name}'.", nameof(layer));
        if (_layers.Any(l => l.Name == layer.Name))
            throw new ArgumentException($"All layers added to a Sequential model should have unique names. Name '{layer.Name}' is already the name of a layer in model '{Name}'.", nameof(layer));
        _layers.Add(layer);
        try
        {
            Rebuild();
        }
        catch
        {
            _layers.RemoveAt(_layers.Count - 1);
            Rebuild();
            throw;
        }
        return this;
    }

    /// <summary>Adds several layers in order and returns the model.</summary>
    public Sequential AddRange(IEnumerable<Layer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers) Add(layer);
        return this;
    }

    /// <summary>Adds the input layer of a symbolic input (<c>model.Add(Input([784]))</c>, as Keras accepts).</summary>
    public Sequential Add(KerasTensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Layer is InputLayer layer
            ? Add(layer)
            : throw new ArgumentException($"Sequential.Add takes layers or an Input(); '{input.Name}' is the output of layer '{input.Layer.Name}'.", nameof(input));
    }

    /// <summary>Removes and returns the last layer.</summary>
    public Layer Pop()
    {
        if (_layers.Count == 0) throw new InvalidOperationException($"Sequential model '{Name}' has no layers to pop.");
        var last = _layers[^1];
        _layers.RemoveAt(_layers.Count - 1);
        Rebuild();
        return last;
    }

    public override void Build(Shape inputShape)
    {
        if (_inputLayer is null)
        {
            _inputLayer = new InputLayer(batchShape: inputShape.Rank > 0 ? inputShape.WithDim(0, -1) : inputShape);
            Rebuild();
        }
    }

    protected internal override Tensor Call(Tensor inputs, bool training, Tensor? mask)
    {
        if (_layers.Count == 0) throw new InvalidOperationException($"Sequential model '{Name}' has no layers; add some before calling it.");
        var x = inputs;
        foreach (var layer in _layers) x = layer.Apply(x, training, x.KerasMask);
        return x;
    }

    public override Shape ComputeOutputShape(Shape inputShape)
    {
        var shape = inputShape;
        foreach (var layer in _layers) shape = layer.ComputeOutputShape(shape);
        return shape;
    }

    public override JsonObject GetConfig()
    {
        var layers = new JsonArray();
        if (_inputLayer is not null) layers.Add(KerasRegistry.Serialize(_inputLayer));
        foreach (var layer in _layers)
        {
            var entry = KerasRegistry.Serialize(layer);
            if (layer.BuildInputShapes is [var shape]) entry["build_config"] = new JsonObject { ["input_shape"] = LayerConfig.ShapeToJson(shape) };
            layers.Add(entry);
        }
        var config = base.GetConfig();
        config["layers"] = layers;
        config["build_input_shape"] = _inputLayer is null ? null : LayerConfig.ShapeToJson(_inputLayer.BatchShape);
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras", "Sequential", c =>
    {
        var model = new Sequential(name: LayerConfig.Name(c), trainable: LayerConfig.Trainable(c));
        if (c["layers"] is JsonArray layers)
        {
            foreach (var entry in layers.OfType<JsonObject>())
                model.Add(KerasRegistry.Deserialize<Layer>(entry));
        }
        if (model._inputLayer is null && LayerConfig.Ints(c, "build_input_shape") is { } shape)
            model.Add(new InputLayer(batchShape: new Shape(shape)));
        return model;
    });

    // Applies the layers to the input symbolically: builds each new layer and records the graph that gives static shapes.
    private void Rebuild()
    {
        if (_inputLayer is null)
        {
            _graph = null;
            return;
        }
        var x = _inputLayer.Output;
        foreach (var layer in _layers)
        {
            var outputs = layer.ApplyMany([x]);
            if (outputs.Count != 1)
                throw new ArgumentException($"All layers in a Sequential model should have a single output tensor; layer '{layer.Name}' has {outputs.Count}.");
            x = outputs[0];
        }
        _graph = _layers.Count == 0 ? null : new Functional(_inputLayer.Output, x, Name + "_graph");
        MarkBuilt([_inputLayer.BatchShape]);
    }
}
