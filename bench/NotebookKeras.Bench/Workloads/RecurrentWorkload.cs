using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Layers.Recurrent;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Tensors;
using TorchSharp;
using Modules = TorchSharp.Modules;

namespace NotebookKeras.Bench.Workloads;

/// <summary>
/// The text classifier of issue 6: Embedding(20000, 128) → LSTM(64) or GRU(64) → Dense(1, sigmoid) over sequences of 200 tokens;
/// training steps (batch 32, forward, backward, Adam) and inference (batch 128). TorchSharp runs torch.nn.LSTM / GRU
/// (batch_first) with the same sizes, loss and optimizer.
/// </summary>
internal sealed class RecurrentWorkload(string kind) : Workload
{
    private const int Vocabulary = 20_000, EmbeddingSize = 128, Units = 64, SequenceLength = 200;
    private const int TrainBatch = 32, PredictBatch = 128;

    public override string Name => kind;

    public override string Description => $"Embedding(20000, 128) -> {kind.ToUpperInvariant()}(64) -> Dense(1, sigmoid), 200 tokens: train b32, predict b128";

    public override IEnumerable<BenchCase> Cases()
    {
        var random = new Random(kind.Length);
        var (trainX, trainY) = Data(random, TrainBatch);
        var (predictX, _) = Data(random, PredictBatch);
        CheckAgreement(kind, predictX);
        yield return new BenchCase($"{kind} train b{TrainBatch}", "samples/s", TrainBatch,
            () => new OursStep(kind, trainX, trainY, TrainBatch, train: true), () => new TorchStep(kind, trainX, trainY, TrainBatch, train: true));
        yield return new BenchCase($"{kind} predict b{PredictBatch}", "samples/s", PredictBatch,
            () => new OursStep(kind, predictX, null, PredictBatch, train: false), () => new TorchStep(kind, predictX, null, PredictBatch, train: false));
    }

    private static (int[] Tokens, float[] Labels) Data(Random random, int batch)
    {
        var tokens = new int[batch * SequenceLength];
        for (var i = 0; i < tokens.Length; i++) tokens[i] = random.Next(1, Vocabulary);
        var labels = new float[batch];
        for (var i = 0; i < batch; i++) labels[i] = random.Next(2);
        return (tokens, labels);
    }

    /// <summary>Both frameworks must compute the same function, or the timing compares nothing: same weights, same predictions.</summary>
    private static void CheckAgreement(string kind, int[] tokens)
    {
        using var ours = new OursStep(kind, tokens, null, PredictBatch, train: false);
        using var theirs = new TorchStep(kind, tokens, null, PredictBatch, train: false);
        theirs.CopyWeights(ours.Model.GetWeights());
        var expected = ours.Model.Predict(ours.X, batchSize: PredictBatch, verbose: 0).ToArray();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var actual = theirs.Forward().data<float>().ToArray();
        var maxDiff = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        if (maxDiff > 1e-4)
            throw new InvalidOperationException($"{kind}: NotebookKeras and TorchSharp predictions differ by up to {maxDiff:G3} with the same weights.");
    }

    private sealed class OursStep : IStep
    {
        private readonly Sequential _model;
        private readonly Tensor _x;
        private readonly Tensor? _y;
        private readonly int _batch;

        public OursStep(string kind, int[] tokens, float[]? labels, int batch, bool train)
        {
            Layer recurrent = kind == "lstm" ? new LSTM(Units) : new GRU(Units);
            _model = new Sequential([
                new InputLayer(new Shape(SequenceLength), dtype: DType.Int32),
                new Embedding(Vocabulary, EmbeddingSize),
                recurrent,
                new Dense(1, "sigmoid"),
            ]);
            _model.Compile(new Adam(learningRate: 1e-3f), "binary_crossentropy");
            _x = Tensor.FromArray(tokens, batch, SequenceLength);
            _y = labels is null ? null : Tensor.FromArray(labels, batch, 1);
            _batch = batch;
            Train = train;
        }

        private bool Train { get; }

        public Sequential Model => _model;

        public Tensor X => _x;

        public void Run()
        {
            if (Train) _model.TrainOnBatch(_x, _y!);
            else _model.Predict(_x, batchSize: _batch, verbose: 0);
        }

        public void Dispose() { }
    }

    private sealed class TorchStep : IStep
    {
        private readonly Modules.Embedding _embedding = torch.nn.Embedding(Vocabulary, EmbeddingSize);
        private readonly Modules.LSTM? _lstm;
        private readonly Modules.GRU? _gru;
        private readonly Modules.Linear _dense = torch.nn.Linear(Units, 1);
        private readonly torch.optim.Optimizer _optimizer;
        private readonly torch.Tensor _x;
        private readonly torch.Tensor? _y;
        private readonly bool _train;

        public TorchStep(string kind, int[] tokens, float[]? labels, int batch, bool train)
        {
            if (kind == "lstm") _lstm = torch.nn.LSTM(EmbeddingSize, Units, batchFirst: true);
            else _gru = torch.nn.GRU(EmbeddingSize, Units, batchFirst: true);
            IEnumerable<Modules.Parameter> recurrentParameters = _lstm is not null ? _lstm.parameters() : _gru!.parameters();
            _optimizer = torch.optim.Adam(_embedding.parameters().Concat(recurrentParameters).Concat(_dense.parameters()), lr: 1e-3);
            _x = torch.tensor(tokens.Select(t => (long)t).ToArray(), [batch, SequenceLength]);
            _y = labels is null ? null : torch.tensor(labels, [batch, 1]);
            _train = train;
        }

        /// <summary>
        /// Loads Keras weights (embeddings; kernel, recurrent kernel, bias; dense kernel and bias). Torch stores the transposed
        /// matrices, orders GRU gates r, z, n where Keras has z, r, h, and splits the LSTM bias in two (the second one zero).
        /// </summary>
        public void CopyWeights(IReadOnlyList<NotebookKeras.Runtime.Tensors.Tensor> keras)
        {
            using var noGrad = torch.no_grad();
            Copy(_embedding.weight!, keras[0].ToArray(), [Vocabulary, EmbeddingSize]);
            var gates = _lstm is not null ? 4 : 3;
            int[] order = _lstm is not null ? [0, 1, 2, 3] : [1, 0, 2];
            torch.nn.Module recurrent = _lstm is not null ? _lstm : _gru!;
            var parameters = recurrent.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            Copy(parameters["weight_ih_l0"], Transposed(keras[1], order, gates), [gates * Units, EmbeddingSize]);
            Copy(parameters["weight_hh_l0"], Transposed(keras[2], order, gates), [gates * Units, Units]);
            var bias = keras[3].ToArray();
            Copy(parameters["bias_ih_l0"], Reordered(bias.AsSpan(0, gates * Units), order), [gates * Units]);
            Copy(parameters["bias_hh_l0"], _lstm is not null ? new float[gates * Units] : Reordered(bias.AsSpan(gates * Units), order), [gates * Units]);
            Copy(_dense.weight!, keras[4].ToArray(), [1, Units]);
            Copy(_dense.bias!, keras[5].ToArray(), [1]);
        }

        private static void Copy(torch.Tensor target, float[] values, long[] shape)
        {
            using var source = torch.tensor(values, shape);
            target.copy_(source);
        }

        // A Keras (in, gates·units) matrix as Torch's (gates·units, in), gate blocks in Torch's order.
        private static float[] Transposed(NotebookKeras.Runtime.Tensors.Tensor keras, int[] order, int gates)
        {
            var (rows, width) = (keras.Shape[0], keras.Shape[1]);
            var values = keras.ToArray();
            var result = new float[values.Length];
            for (var g = 0; g < gates; g++)
            {
                for (var j = 0; j < Units; j++)
                {
                    for (var i = 0; i < rows; i++) result[(g * Units + j) * rows + i] = values[i * width + order[g] * Units + j];
                }
            }
            return result;
        }

        private static float[] Reordered(ReadOnlySpan<float> bias, int[] order)
        {
            var result = new float[order.Length * Units];
            for (var g = 0; g < order.Length; g++) bias.Slice(order[g] * Units, Units).CopyTo(result.AsSpan(g * Units, Units));
            return result;
        }

        public torch.Tensor Forward()
        {
            var embedded = _embedding.call(_x);
            var last = _lstm is not null ? _lstm.call(embedded, null).Item2 : _gru!.call(embedded, null).Item2;
            return torch.sigmoid(_dense.call(last.squeeze(0)));
        }

        public void Run()
        {
            using var scope = torch.NewDisposeScope();
            if (!_train)
            {
                using var noGrad = torch.no_grad();
                Forward();
                return;
            }
            _optimizer.zero_grad();
            var loss = torch.nn.functional.binary_cross_entropy(Forward(), _y!);
            loss.backward();
            _optimizer.step();
        }

        public void Dispose()
        {
            _embedding.Dispose();
            _lstm?.Dispose();
            _gru?.Dispose();
            _dense.Dispose();
            _x.Dispose();
            _y?.Dispose();
        }
    }
}
