using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

/// <summary>
/// The checks every convolution layer's PyTorch case goes through: cases hold inputs [x, kernel, bias, dy] and outputs [y, dx,
/// dkernel, dbias], and their args are the layer's Keras config keys, so the layer is made from them through the registry.
/// </summary>
internal static class ConvLayerReference
{
    /// <summary>The case's layer (its op is the Keras class name), built on x, with the reference kernel and bias.</summary>
    public static Layer Create(ReferenceCase c)
    {
        var config = (JsonObject)JsonNode.Parse(c.Args.GetRawText())!;
        var layer = KerasRegistry.Deserialize<Layer>(new JsonObject { ["module"] = "keras.layers", ["class_name"] = c.Op, ["config"] = config });
        layer.Apply(c.Inputs[0]);
        layer.SetWeights([c.Inputs[1], c.Inputs[2]]);
        return layer;
    }

    public static void ForwardMatches(ReferenceCase c)
    {
        var layer = Create(c);
        var y = layer.Apply(c.Inputs[0]);
        TensorAssert.Close(c.Outputs[0], y, rtol: 1e-5f, atol: 1e-5f, because: c.Name);
        Assert.Equal(y.Shape.WithDim(0, -1), layer.ComputeOutputShape(c.Inputs[0].Shape.WithDim(0, -1)));
    }

    public static void GradientsMatch(ReferenceCase c)
    {
        var layer = Create(c);
        var (x, dy) = (c.Inputs[0], c.Inputs[3]);
        using var tape = new GradientTape(persistent: true);
        tape.Watch(x);
        tape.Watch([.. layer.TrainableWeights]);
        var objective = Runtime.Ops.Sum(Runtime.Ops.Multiply(layer.Apply(x), dy));
        TensorAssert.Close(c.Outputs[1], tape.Gradient(objective, x)[0], rtol: 1e-4f, atol: 1e-5f, because: $"{c.Name} dx");
        var dw = tape.Gradient(objective, layer.TrainableWeights);
        TensorAssert.Close(c.Outputs[2], dw[0], rtol: 1e-4f, atol: 1e-4f, because: $"{c.Name} dkernel");
        TensorAssert.Close(c.Outputs[3], dw[1], rtol: 1e-4f, atol: 1e-4f, because: $"{c.Name} dbias");
    }

    /// <summary>Finite differences of the layer's output with respect to its input (the ops' tests check the kernel's).</summary>
    public static void InputGradientMatchesFiniteDifferences(ReferenceCase c)
    {
        var layer = Create(c);
        GradientCheck.Check(x => layer.Apply(x[0]), [c.Inputs[0]], name: c.Name);
    }
}
