using System.Globalization;
using NotebookKeras.Runtime;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Visualizers.Images;

/// <summary>
/// What a layer "sees" in one image: the model is run up to the layer (a functional model from the model's input to the layer's
/// output, as Keras's feature-extraction recipe), and each channel of the output is drawn as a heatmap, the input on their left.
/// Channels-last outputs (1, height, width, channels) give images; 1D outputs (1, steps, channels) give strips.
/// </summary>
public static class FeatureMaps
{
    private const int Columns = 8;

    /// <summary>The feature maps of the layer named <paramref name="layerName"/> for <paramref name="image"/> (the model's input
    /// shape without the batch axis, or with a batch of 1), at most <paramref name="maxChannels"/> of them.</summary>
    public static ImageGrid Plot(Model model, string layerName, Tensor image, int maxChannels = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Plot(model, model.GetLayer(layerName), image, maxChannels);
    }

    /// <summary>The feature maps of the layer at <paramref name="layerIndex"/> in <c>model.Layers</c>.</summary>
    public static ImageGrid Plot(Model model, int layerIndex, Tensor image, int maxChannels = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Plot(model, model.GetLayer(layerIndex), image, maxChannels);
    }

    private static ImageGrid Plot(Model model, Layer layer, Tensor image, int maxChannels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChannels, 1);
        var (input, output) = Compute(model, layer, image);
        var spatial = output.Rank == 3;
        int height = spatial ? output.Shape[0] : 1, width = output.Shape[-2], channels = output.Shape[-1];
        var shown = Math.Min(channels, maxChannels);

        var tiles = new List<ImageTile>(shown);
        var values = output.ToArray();
        for (var k = 0; k < shown; k++)
            tiles.Add(new ImageTile(Raster.FromChannel(values, height, width, channels, k, ColorMap.Viridis), "channel " + k.ToString(CultureInfo.InvariantCulture)));

        var size = spatial ? $"{height}x{width}" : $"of {width} steps";
        var heading = string.Create(CultureInfo.InvariantCulture,
            $"Feature maps of {layer.Name} ({layer.ClassName}): {channels} channels {size}, showing {shown}; input {string.Join("x", input.Shape)}");
        var lead = InputImage(input) is { } inputImage ? new ImageTile(inputImage, "input") : null;
        return new ImageGrid(heading, tiles, Columns, heading, lead);
    }

    /// <summary>
    /// The input image (batch axis removed) and <paramref name="layer"/>'s output for it (batch axis removed): (height, width,
    /// channels) or (steps, channels).
    /// </summary>
    internal static (Tensor Input, Tensor Output) Compute(Model model, Layer layer, Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var extractor = Extractor(model, layer);
        var inputShape = extractor.Inputs[0].Shape;
        Tensor batch;
        if (image.Rank == inputShape.Rank - 1) batch = image.Reshape([1, .. image.Shape]);
        else if (image.Rank == inputShape.Rank && image.Shape[0] == 1) batch = image;
        else
        {
            throw new ArgumentException(
                $"The image for model '{model.Name}' must have the model's input shape {inputShape} without the batch axis, or with a batch of 1; got {image.Shape}.",
                nameof(image));
        }
        var output = GradientTape.NoRecord(() => extractor.Apply(batch, training: false));
        return (batch.Reshape(batch.Shape.ToArray()[1..]), output.Reshape(output.Shape.ToArray()[1..]));
    }

    // A functional model from the model's input to the layer's output (its first use in the model's graph).
    private static Functional Extractor(Model model, Layer layer)
    {
        var graph = model switch
        {
            Functional functional => functional,
            Sequential sequential => sequential.Graph ?? throw new InvalidOperationException(
                $"Model '{model.Name}' is not built yet, so its layers have no outputs to show: start it with Input(shape) or call it on data (Fit, Predict) first."),
            _ => throw new ArgumentException(
                $"Feature maps need a Sequential or Functional model; '{model.Name}' ({model.ClassName}) is a subclassed model, which records no layer graph. Rebuild it with the functional API.",
                nameof(model)),
        };
        if (graph.Inputs.Count != 1)
            throw new ArgumentException($"Feature maps take one input image; model '{model.Name}' has {graph.Inputs.Count} inputs ({string.Join(", ", graph.InputNames)}).", nameof(model));
        if (layer is InputLayer)
            throw new ArgumentException($"Layer '{layer.Name}' is the model's input; choose a layer after it to see its feature maps.", nameof(layer));
        var node = graph.Nodes.FirstOrDefault(n => ReferenceEquals(n.Layer, layer))
            ?? throw new ArgumentException($"Layer '{layer.Name}' is not used in the graph of model '{model.Name}'.", nameof(layer));
        if (node.Outputs.Count != 1)
            throw new ArgumentException($"Layer '{layer.Name}' ({layer.ClassName}) has {node.Outputs.Count} outputs; feature maps need a layer with one.", nameof(layer));
        var shape = node.Outputs[0].Shape;
        if (shape.Rank is not (3 or 4))
        {
            throw new ArgumentException(
                $"Layer '{layer.Name}' ({layer.ClassName}) outputs shape {shape}, which has no spatial axes: feature maps need (batch, height, width, channels) " +
                "or (batch, steps, channels), e.g. a Conv2D, pooling or Conv1D layer.", nameof(layer));
        }
        return new Functional(graph.Inputs, node.Outputs[0], $"{model.Name}_{layer.Name}_features");
    }

    // The input as a picture: an image of 1, 3 or 4 channels (other counts: the first channel), a sequence (steps, features) as
    // one row per feature, anything else not at all.
    private static Raster? InputImage(Tensor input)
    {
        var values = input.ToArray();
        return input.Rank switch
        {
            3 when input.Shape[2] is 1 or 3 or 4 => Raster.FromValues(values, input.Shape[0], input.Shape[1], input.Shape[2], ColorMap.Gray),
            3 => Raster.FromChannel(values, input.Shape[0], input.Shape[1], input.Shape[2], 0, ColorMap.Gray),
            2 => Raster.FromValues(Ops.Transpose(input).ToArray(), input.Shape[1], input.Shape[0], 1, ColorMap.Viridis),
            _ => null,
        };
    }
}
