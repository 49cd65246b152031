using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Convolution;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Layers.Pooling;
using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Tensors;
using TorchSharp;
using Tensor = NotebookKeras.Runtime.Tensors.Tensor;
using TorchModel = TorchSharp.Modules.Sequential;

namespace NotebookKeras.Bench.Workloads;

/// <summary>
/// Keras's "simple MNIST convnet" (Conv2D 32 3x3 relu, MaxPooling2D 2, Conv2D 64 3x3 relu, MaxPooling2D 2, Flatten,
/// Dropout 0.5, Dense 10 softmax; Adam, categorical crossentropy) on 28x28x1 images: a training step of 128 samples through
/// Model.TrainOnBatch against the same network in torch.nn with torch.optim.Adam, and Predict over 1024 samples against
/// the network in eval mode under no_grad. Both start from the same weights, and their predictions must agree.
/// </summary>
internal sealed class ConvnetWorkload : Workload
{
    internal const int TrainBatch = 128;
    internal const int PredictBatch = 1024;
    private const int Classes = 10;

    public override string Name => "convnet";

    public override string Description => "Keras's simple MNIST convnet: train step (batch 128, Adam) and predict (batch 1024)";

    public override IEnumerable<BenchCase> Cases()
    {
        var trainX = Images(TrainBatch, seed: 1);
        var trainY = OneHot(TrainBatch, seed: 2);
        var predictX = Images(PredictBatch, seed: 3);
        CheckAgreement(predictX);
        yield return new BenchCase($"train step, batch {TrainBatch}", "samples/s", TrainBatch,
            () => new OursTrainStep(trainX, trainY), () => new TorchTrainStep(trainX, trainY));
        yield return new BenchCase($"predict, batch {PredictBatch}", "samples/s", PredictBatch,
            () => new OursPredictStep(predictX), () => new TorchPredictStep(predictX));
    }

    public override void WriteDetails(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("NotebookKeras convnet, CPU time per layer (median ms, all threads):");
        output.WriteLine();
        ConvnetProfile.Write(output, CompiledModel(), Images(TrainBatch, 1), OneHot(TrainBatch, 2), Images(PredictBatch, 3));
    }

    /// <summary>The Keras model, compiled as the Keras example compiles it.</summary>
    internal static Sequential CompiledModel()
    {
        var model = new Sequential(
        [
            new InputLayer(new Shape(28, 28, 1)),
            new Conv2D(32, 3, activation: "relu"),
            new MaxPooling2D(2),
            new Conv2D(64, 3, activation: "relu"),
            new MaxPooling2D(2),
            new Flatten(),
            new Dropout(0.5f),
            new Dense(Classes, activation: "softmax"),
        ]);
        model.Compile(optimizer: new Adam(), loss: new CategoricalCrossentropy(), metrics: ["accuracy"]);
        return model;
    }

    private static Tensor Images(int count, int seed)
    {
        var random = new Random(seed);
        var data = new float[count * 28 * 28];
        for (var i = 0; i < data.Length; i++) data[i] = random.NextSingle();
        return Tensor.FromArray(data, count, 28, 28, 1);
    }

    private static Tensor OneHot(int count, int seed)
    {
        var random = new Random(seed);
        var data = new float[count * Classes];
        for (var i = 0; i < count; i++) data[i * Classes + random.Next(Classes)] = 1f;
        return Tensor.FromArray(data, count, Classes);
    }

    /// <summary>Both frameworks must compute the same network from the same weights, or the timing compares nothing.</summary>
    private static void CheckAgreement(Tensor x)
    {
        var model = CompiledModel();
        using var torchModel = TorchConvnet.Create(model);
        var expected = TorchConvnet.Predict(torchModel, x);
        var actual = model.Predict(x, batchSize: PredictBatch, verbose: 0).ToArray();
        var maxDiff = 0.0;
        for (var i = 0; i < expected.Length; i++) maxDiff = Math.Max(maxDiff, Math.Abs(expected[i] - actual[i]));
        if (maxDiff > 1e-4)
            throw new InvalidOperationException($"convnet: NotebookKeras and TorchSharp predictions differ by {maxDiff:G3}.");
    }

    private sealed class OursTrainStep(Tensor x, Tensor y) : IStep
    {
        private readonly Sequential _model = CompiledModel();

        public void Run() => _model.TrainOnBatch(x, y);

        public void Dispose() { }
    }

    private sealed class OursPredictStep(Tensor x) : IStep
    {
        private readonly Sequential _model = CompiledModel();

        public void Run() => _model.Predict(x, batchSize: PredictBatch, verbose: 0);

        public void Dispose() { }
    }

    private sealed class TorchTrainStep : IStep
    {
        private readonly TorchModel _model;
        private readonly torch.optim.Optimizer _optimizer;
        private readonly torch.Tensor _x;
        private readonly torch.Tensor _labels;

        public TorchTrainStep(Tensor x, Tensor y)
        {
            _model = TorchConvnet.Create(CompiledModel());
            _model.train();
            _optimizer = torch.optim.Adam(_model.parameters(), lr: 0.001);
            _x = TorchConvnet.Images(x);
            _labels = torch.tensor(y.ToArray(), [y.Shape[0], Classes]).argmax(1);
        }

        public void Run()
        {
            using var scope = torch.NewDisposeScope();
            _optimizer.zero_grad();
            var loss = torch.nn.functional.cross_entropy(_model.forward(_x), _labels);
            loss.backward();
            _optimizer.step();
        }

        public void Dispose()
        {
            _optimizer.Dispose();
            _model.Dispose();
            _x.Dispose();
            _labels.Dispose();
        }
    }

    private sealed class TorchPredictStep : IStep
    {
        private readonly TorchModel _model;
        private readonly torch.Tensor _x;

        public TorchPredictStep(Tensor x)
        {
            _model = TorchConvnet.Create(CompiledModel());
            _model.eval();
            _x = TorchConvnet.Images(x);
        }

        public void Run()
        {
            using var noGrad = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            torch.nn.functional.softmax(_model.forward(_x), 1);
        }

        public void Dispose()
        {
            _model.Dispose();
            _x.Dispose();
        }
    }
}
