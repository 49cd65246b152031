using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Core;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;
using Tensor = NotebookKeras.Runtime.Tensors.Tensor;

namespace NotebookKeras.Bench.Workloads;

/// <summary>
/// The convnet in torch.nn (NCHW), its weights copied from a NotebookKeras model: kernels transposed from Keras's
/// (kh, kw, in, out) to PyTorch's (out, in, kh, kw), and the Dense kernel's rows reordered from Keras's channels_last flatten
/// (h, w, c) to PyTorch's (c, h, w), so both networks compute the same function without an extra permute in torch.
/// </summary>
internal static class TorchConvnet
{
    public static Sequential Create(Runtime.Models.Sequential keras)
    {
        var convs = keras.Layers.OfType<Conv2D>().ToArray();
        var dense = keras.Layers.OfType<Dense>().Single();
        var model = Sequential(
            ("conv1", Conv2d(1, 32, 3)), ("relu1", ReLU()), ("pool1", MaxPool2d(2)),
            ("conv2", Conv2d(32, 64, 3)), ("relu2", ReLU()), ("pool2", MaxPool2d(2)),
            ("flatten", Flatten()), ("dropout", Dropout(0.5)), ("dense", Linear(1600, 10)));
        using var noGrad = torch.no_grad();
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        for (var i = 0; i < convs.Length; i++)
        {
            var kernel = convs[i].Kernel!.Value;
            var (kh, kw, cin, cout) = (kernel.Shape[0], kernel.Shape[1], kernel.Shape[2], kernel.Shape[3]);
            using var k = torch.tensor(kernel.ToArray(), [kh, kw, cin, cout]).permute(3, 2, 0, 1).contiguous();
            parameters[$"conv{i + 1}.weight"].copy_(k);
            parameters[$"conv{i + 1}.bias"].copy_(torch.tensor(convs[i].Bias!.Value.ToArray()));
        }
        // Keras's dense kernel is (h·w·c, units) with rows in (h, w, c) order; torch's weight is (units, c·h·w).
        using var denseKernel = torch.tensor(dense.Kernel!.Value.ToArray(), [5, 5, 64, 10]).permute(3, 2, 0, 1).reshape(10, 1600);
        parameters["dense.weight"].copy_(denseKernel);
        parameters["dense.bias"].copy_(torch.tensor(dense.Bias!.Value.ToArray()));
        return model;
    }

    /// <summary>(n, 28, 28, 1) channels_last images as (n, 1, 28, 28): the same memory, since there is one channel.</summary>
    public static torch.Tensor Images(Tensor x) => torch.tensor(x.ToArray(), [x.Shape[0], 1, 28, 28]);

    /// <summary>Softmax probabilities in eval mode, as a flat (n · 10) array.</summary>
    public static float[] Predict(Sequential model, Tensor x)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return functional.softmax(model.forward(Images(x)), 1).data<float>().ToArray();
    }
}
