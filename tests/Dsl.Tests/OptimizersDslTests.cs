using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Optimizers.Schedules;
using NotebookKeras.Runtime.Tensors;
using static NotebookKeras.Dsl.Keras;

namespace NotebookKeras.Dsl.Tests;

public class OptimizersDslTests
{
    [Fact]
    public void FactoriesTakeKerasArgumentsAsDoubles()
    {
        var adam = Adam(learningRate: 1e-3, amsgrad: true);
        Assert.Equal(0.001f, adam.LearningRate);
        Assert.True(adam.Amsgrad);
        var sgd = SGD(learningRate: 0.1, momentum: 0.9, nesterov: true, clipnorm: 1.0);
        Assert.Equal((0.1f, 0.9f, true, 1f), (sgd.LearningRate, sgd.Momentum, sgd.Nesterov, sgd.Clipnorm));
        Assert.Equal(0.004f, AdamW().WeightDecay);
        Assert.Equal(0.5f, RMSprop(momentum: 0.5, centered: true).Momentum);
        Assert.Equal(0.2f, Adagrad(initialAccumulatorValue: 0.2).InitialAccumulatorValue);
        Assert.Equal(0.9f, Adadelta(rho: 0.9).Rho);
        Assert.Equal(0.8f, Adamax(beta1: 0.8).Beta1);
        Assert.Equal(0.002f, Nadam(learningRate: 0.002).LearningRate);
        Assert.Equal(1e-4f, Lion(learningRate: 1e-4).LearningRate);
        Assert.Equal(
            ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam", "Lion"],
            new Optimizer[] { SGD(), Adam(), AdamW(), RMSprop(), Adagrad(), Adadelta(), Adamax(), Nadam(), Lion() }.Select(o => o.ClassName));
    }

    [Fact]
    public void SchedulesPlugIntoTheLearningRate()
    {
        var sgd = SGD(learningRate: Schedules.ExponentialDecay(0.1, decaySteps: 1, decayRate: 0.5));
        Assert.IsType<ExponentialDecay>(sgd.Schedule);
        var w = new Variable(Tensor.FromArray([1f, -1f], 2), "w");
        sgd.Apply([Tensor.FromArray([1f, 1f], 2)], [w]);
        sgd.Apply([Tensor.FromArray([1f, 1f], 2)], [w]);
        Assert.Equal(0.85f, w.Value.ToArray()[0], 6);
        Assert.Equal(-1.15f, w.Value.ToArray()[1], 6);
        Assert.Equal(0.025f, sgd.LearningRate);

        Assert.Equal(0.5f, Schedules.PiecewiseConstantDecay([10], [1.0, 0.5]).Call(11));
        Assert.Equal(0.05f, Schedules.InverseTimeDecay(0.1, 10, 1.0).Call(10), 6);
        Assert.Equal(0.01f, Schedules.PolynomialDecay(0.1, 10, endLearningRate: 0.01).Call(20), 6);
        Assert.Equal(0.1f, Schedules.CosineDecay(0.0, 10, warmupTarget: 0.1, warmupSteps: 5).Call(5), 6);
        Assert.Equal(0.1f, Schedules.CosineDecayRestarts(0.1, 10).Call(0), 6);
    }
}
