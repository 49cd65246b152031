using System.Diagnostics;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Bench.Workloads;

/// <summary>
/// Where a NotebookKeras training step and prediction spend their time: per layer, the forward in training mode (under a
/// tape, as TrainOnBatch runs it) and its backward (input and weight gradients) at the training batch, and the inference
/// forward at the prediction batch; then the loss, the Adam update, and the rest of TrainOnBatch (metrics, bookkeeping).
/// Each figure is the median over several repetitions of the process's CPU time (all threads): on a shared machine, waiting
/// for a core does not count, so the figures say what each part costs rather than how busy the machine was.
/// </summary>
internal static class ConvnetProfile
{
    private const int Repetitions = 15;

    public static void Write(TextWriter output, Sequential model, Tensor x, Tensor y, Tensor predictX)
    {
        output.WriteLine($"| layer | output shape | forward b{x.Shape[0]} | backward b{x.Shape[0]} | predict b{predictX.Shape[0]} |");
        output.WriteLine("| --- | --- | ---: | ---: | ---: |");
        double forwardTotal = 0, backwardTotal = 0, predictTotal = 0;
        var (activation, predictActivation) = (x, predictX);
        foreach (var layer in model.Layers)
        {
            var input = activation;
            var forward = Median(() => Time(() => Forward(layer, input).Dispose()));
            var backward = Median(() => Backward(layer, input));
            var predictInput = predictActivation;
            var predict = Median(() => Time(() => layer.Apply(predictInput, training: false)));
            activation = layer.Apply(input, training: true);
            predictActivation = layer.Apply(predictInput, training: false);
            (forwardTotal, backwardTotal, predictTotal) = (forwardTotal + forward, backwardTotal + backward, predictTotal + predict);
            output.WriteLine($"| {layer.Name} ({layer.ClassName}) | {activation.Shape} | {forward:F2} | {backward:F2} | {predict:F2} |");
        }
        var loss = Median(() => Loss(y, activation));
        var adam = Median(() => AdamUpdate(model));
        var step = Median(() => Time(() => model.TrainOnBatch(x, y)));
        var predictStep = Median(() => Time(() => model.Predict(predictX, batchSize: predictX.Shape[0], verbose: 0)));
        output.WriteLine($"| layers | | {forwardTotal:F2} | {backwardTotal:F2} | {predictTotal:F2} |");
        output.WriteLine($"| loss (forward + backward) | | {loss:F2} | | |");
        output.WriteLine($"| Adam update | | {adam:F2} | | |");
        output.WriteLine($"| rest of TrainOnBatch / Predict | | {step - forwardTotal - backwardTotal - loss - adam:F2} | | {predictStep - predictTotal:F2} |");
        output.WriteLine($"| TrainOnBatch / Predict | | {step:F2} | | {predictStep:F2} |");
    }

    private static GradientTape Forward(Layer layer, Tensor input)
    {
        var tape = new GradientTape();
        tape.Watch(input);
        layer.Apply(input, training: true);
        return tape;
    }

    private static double Backward(Layer layer, Tensor input)
    {
        using var tape = new GradientTape();
        tape.Watch(input);
        var output = layer.Apply(input, training: true);
        var sources = new[] { input }.Concat(layer.TrainableWeights.Select(w => w.Value)).ToArray();
        var dy = Tensor.Full(output.Shape, 1e-3f);
        return Time(() => tape.Gradient(output, sources, dy));
    }

    private static double Loss(Tensor y, Tensor yPred)
    {
        var loss = new CategoricalCrossentropy();
        return Time(() =>
        {
            using var tape = new GradientTape();
            tape.Watch(yPred);
            tape.Gradient(loss.Call(y, yPred), yPred);
        });
    }

    private static double AdamUpdate(Sequential model)
    {
        var weights = model.TrainableWeights;
        var grads = weights.Select(w => Tensor.Full(w.Shape, 1e-6f)).ToArray();
        var adam = new Adam();
        adam.Apply(grads, weights);
        return Time(() => adam.Apply(grads, weights));
    }

    private static double Median(Func<double> sample)
    {
        sample();
        var samples = Enumerable.Range(0, Repetitions).Select(_ => sample()).Order().ToArray();
        return samples[samples.Length / 2];
    }

    private static double Time(Action action)
    {
        using var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        action();
        process.Refresh();
        return (process.TotalProcessorTime - start).TotalMilliseconds;
    }
}
