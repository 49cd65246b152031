using NotebookKeras.Runtime;
using NotebookKeras.Runtime.Layers.Recurrent;
using NotebookKeras.Runtime.Tensors;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

public class RecurrentLayersDslTests
{
    [Fact]
    public void AStackedRecurrentSequenceClassifierTrains()
    {
        var model = Sequential()
            .Add(Input([6], dtype: DType.Int32))
            .Add(Embedding(inputDim: 10, outputDim: 4, maskZero: true))
            .Add(LSTM(8, returnSequences: true))
            .Add(GRU(5, dropout: 0.1))
            .Add(Dense(1, activation: "sigmoid"));
        Assert.Equal(10 * 4 + (4 * 32 + 8 * 32 + 32) + (8 * 15 + 5 * 15 + 2 * 15) + 6, model.CountParams());
        model.Compile(optimizer: "adam", loss: "binary_crossentropy");
        var x = ConvertToTensor([1, 2, 3, 0, 0, 0, 4, 5, 6, 7, 8, 9, 2, 2, 0, 0, 0, 0, 9, 8, 7, 6, 5, 0], 4, 6);
        var y = ConvertToTensor([0f, 1f, 0f, 1f], 4, 1);
        var before = model.GetWeights().Select(w => w.ToArray()).ToArray();
        var history = model.Fit(x, y, epochs: 3, batchSize: 2, verbose: 0);
        Assert.Equal(3, history["loss"].Count);
        Assert.All(history["loss"], l => Assert.True(double.IsFinite(l)));
        // Every weight of both recurrent layers received gradients through time (the embedding's too).
        var after = model.GetWeights().Select(w => w.ToArray()).ToArray();
        for (var i = 0; i < before.Length; i++) Assert.NotEqual(before[i], after[i]);
        Assert.Equal(new Shape(4, 1), model.Predict(x, verbose: 0).Shape);
    }

    [Fact]
    public void ARecurrentLayerRunsAnyCell()
    {
        var rnn = RNN(SimpleRNNCell(3), returnSequences: true, returnState: true);
        var outputs = rnn.ApplyMany([Tensor.Ones(2, 4, 5)]);
        Assert.Equal([new Shape(2, 4, 3), new Shape(2, 3)], outputs.Select(o => o.Shape));
        Assert.IsType<LSTMCell>(RNN(LSTMCell(2)).Cell);
        Assert.True(GRUCell(2, resetAfter: false) is { ResetAfter: false });
    }

    [Fact]
    public void BidirectionalWrapsARecurrentLayer()
    {
        var bi = Bidirectional(LSTM(3, returnSequences: true), mergeMode: "ave");
        Assert.Equal(new Shape(2, 4, 3), bi.Apply(Tensor.Ones(2, 4, 5)).Shape);
        Assert.True(bi.BackwardLayer.GoBackwards);
        var given = Bidirectional(GRU(2, name: "f"), "sum", GRU(2, goBackwards: true, name: "b"));
        Assert.Equal("b", given.BackwardLayer.Name);
        Assert.Equal(new Shape(1, 2), given.Apply(Tensor.Ones(1, 3, 2)).Shape);
    }

    [Fact]
    public void StackedCellsAndTimeDistributedHaveFactories()
    {
        var stacked = RNN([LSTMCell(3), GRUCell(2)], returnSequences: true);
        Assert.Equal(new Shape(2, 4, 2), stacked.Apply(Tensor.Ones(2, 4, 5)).Shape);
        Assert.Equal([3, 3, 2], Assert.IsType<StackedRNNCells>(stacked.Cell).StateSize);
        Assert.Equal(2, StackedRNNCells([SimpleRNNCell(4), SimpleRNNCell(2)]).OutputSize);
        var td = TimeDistributed(Dense(6));
        Assert.Equal(new Shape(2, 4, 6), td.Apply(Tensor.Ones(2, 4, 5)).Shape);
    }
}
