using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Training;

/// <summary>Fit against PyTorch running Keras's loop with Keras's formulas (Reference/gen_training.py).</summary>
public class FitReferenceTests
{
    private const string File = "training.json";

    private static void AssertHistory(ReferenceCase c, Runtime.Training.Callbacks.History history, int outputsBefore = 0)
    {
        var keys = c.Args.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!).ToArray();
        for (var k = 0; k < keys.Length; k++)
            TensorAssert.Close(c.Outputs[outputsBefore + k], Tensor.FromArray(history[keys[k]].Select(v => (float)v).ToArray()), 1e-5f, 1e-6f, keys[k]);
    }

    [Fact]
    public void SgdWithMomentumMseSampleWeightsL2PenaltyMetricAndValidation()
    {
        var c = ReferenceCases.Get(File, "sgd_momentum_mse_l2");
        var i = c.Inputs;
        var model = new Sequential().Add(InputLayer.Create(new Shape(3)))
            .Add(new Dense(4, activation: "tanh", kernelRegularizer: new Runtime.Regularizers.L2(c.Float("l2"))))
            .Add(new Dense(2));
        model.SetWeights([i[5], i[6], i[7], i[8]]);
        model.Compile(new SGD(learningRate: c.Float("learning_rate"), momentum: c.Float("momentum")), new MeanSquaredError(), ["mean_absolute_error"]);
        var history = model.Fit(i[0], i[1], sampleWeight: i[2], validationData: (i[3], i[4]),
            batchSize: c.Int("batch_size"), epochs: c.Int("epochs"), shuffle: false, verbose: 0);
        Assert.Equal(["loss", "mean_absolute_error", "val_loss", "val_mean_absolute_error"], history.Keys);
        AssertHistory(c, history);
        var weights = model.GetWeights();
        for (var w = 0; w < 4; w++) TensorAssert.Close(c.Outputs[4 + w], weights[w], 1e-5f, 1e-6f, $"weight {w}");
    }

    [Fact]
    public void AdamOnTwoOutputsWithKeyedLossesAndLossWeights()
    {
        var c = ReferenceCases.Get(File, "adam_two_outputs_keyed");
        var i = c.Inputs;
        var input = InputLayer.Create(new Shape(2));
        var hidden = new Dense(5, activation: "relu").Apply(input);
        var model = new Functional([input], new Dictionary<string, KerasTensor>
        {
            ["reg"] = new Dense(1).Apply(hidden),
            ["cls"] = new Dense(3).Apply(hidden),
        });
        model.SetWeights(i[3..]);
        model.Compile(new Adam(learningRate: c.Float("learning_rate")),
            new Dictionary<string, Loss?> { ["reg"] = new MeanSquaredError(), ["cls"] = new SparseCategoricalCrossentropy(fromLogits: true) },
            lossWeights: new Dictionary<string, float> { ["reg"] = c.Float("reg_weight") });
        var history = model.Fit(i[0], new Dictionary<string, Tensor> { ["cls"] = i[2], ["reg"] = i[1] },
            batchSize: c.Int("batch_size"), epochs: c.Int("epochs"), shuffle: false, verbose: 0);
        Assert.Equal(["cls_loss", "loss", "reg_loss"], history.Keys);
        AssertHistory(c, history);
        var weights = model.GetWeights();
        for (var w = 0; w < 6; w++) TensorAssert.Close(c.Outputs[3 + w], weights[w], 1e-5f, 1e-6f, $"weight {w}");
    }
}
