using NotebookKeras.Runtime.Optimizers;
using Sched = NotebookKeras.Runtime.Optimizers.Schedules;

namespace NotebookKeras.Dsl;

// keras.optimizers: Compile(optimizer: Adam(learningRate: 1e-3), ...). A learningRate is a number or a schedule
// (Adam(learningRate: Schedules.ExponentialDecay(1e-2, 1000, 0.9))); omitted, it is the optimizer's Keras default.
// Rates are doubles here, as Keras writes them; the optimizers store float32.
public static partial class Keras
{
    /// <summary><c>keras.optimizers.SGD</c>: gradient descent (learning rate 0.01), with momentum and Nesterov momentum.</summary>
    public static SGD SGD(
        LearningRateArgument learningRate = default, double momentum = 0, bool nesterov = false,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null, string name = "SGD") =>
        new(learningRate, (float)momentum, nesterov, (float?)weightDecay, (float?)clipnorm, (float?)clipvalue, (float?)globalClipnorm,
            useEma, (float)emaMomentum, emaOverwriteFrequency, name);

    /// <summary><c>keras.optimizers.Adam</c> (learning rate 0.001), with AMSGrad.</summary>
    public static Adam Adam(
        LearningRateArgument learningRate = default, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null, string name = "adam") =>
        new(learningRate, (float)beta1, (float)beta2, (float)epsilon, amsgrad, (float?)weightDecay, (float?)clipnorm, (float?)clipvalue,
            (float?)globalClipnorm, useEma, (float)emaMomentum, emaOverwriteFrequency, name);

    /// <summary><c>keras.optimizers.AdamW</c>: Adam with decoupled weight decay (0.004).</summary>
    public static AdamW AdamW(
        LearningRateArgument learningRate = default, double weightDecay = 0.004, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        bool amsgrad = false, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null, string name = "adamw") =>
        new(learningRate, (float)weightDecay, (float)beta1, (float)beta2, (float)epsilon, amsgrad, (float?)clipnorm, (float?)clipvalue,
            (float?)globalClipnorm, useEma, (float)emaMomentum, emaOverwriteFrequency, name);

    /// <summary><c>keras.optimizers.RMSprop</c> (learning rate 0.001), with momentum and the centered variant.</summary>
    public static RMSprop RMSprop(
        LearningRateArgument learningRate = default, double rho = 0.9, double momentum = 0, double epsilon = 1e-7, bool centered = false,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null, string name = "rmsprop") =>
        new(learningRate, (float)rho, (float)momentum, (float)epsilon, centered, (float?)weightDecay, (float?)clipnorm, (float?)clipvalue,
            (float?)globalClipnorm, useEma, (float)emaMomentum, emaOverwriteFrequency, name);

    /// <summary><c>keras.optimizers.Adagrad</c> (learning rate 0.001, accumulators starting at 0.1).</summary>
    public static Adagrad Adagrad(
        LearningRateArgument learningRate = default, double initialAccumulatorValue = 0.1, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null, string name = "adagrad") =>
        new(learningRate, (float)initialAccumulatorValue, (float)epsilon, (float?)weightDecay, (float?)clipnorm, (float?)clipvalue,
            (float?)globalClipnorm, useEma, (float)emaMomentum, emaOverwriteFrequency, name);

    /// <summary><c>keras.optimizers.Adadelta</c> (learning rate 0.001, rho 0.95).</summary>
    public static Adadelta Adadelta(
        LearningRateArgument learningRate = default, double rho = 0.95, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null, string name = "adadelta") =>
        new(learningRate, (float)rho, (float)epsilon, (float?)weightDecay, (float?)clipnorm, (float?)clipvalue, (float?)globalClipnorm,
            useEma, (float)emaMomentum, emaOverwriteFrequency, name);

    /// <summary><c>keras.optimizers.Adamax</c>: Adam with the infinity norm (learning rate 0.001).</summary>
    public static Adamax Adamax(
        LearningRateArgument learningRate = default, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null, string name = "adamax") =>
        new(learningRate, (float)beta1, (float)beta2, (float)epsilon, (float?)weightDecay, (float?)clipnorm, (float?)clipvalue,
            (float?)globalClipnorm, useEma, (float)emaMomentum, emaOverwriteFrequency, name);

    /// <summary><c>keras.optimizers.Nadam</c>: Adam with Nesterov momentum (learning rate 0.001).</summary>
    public static Nadam Nadam(
        LearningRateArgument learningRate = default, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null, string name = "nadam") =>
        new(learningRate, (float)beta1, (float)beta2, (float)epsilon, (float?)weightDecay, (float?)clipnorm, (float?)clipvalue,
            (float?)globalClipnorm, useEma, (float)emaMomentum, emaOverwriteFrequency, name);

    /// <summary><c>keras.optimizers.Lion</c>: sign momentum (learning rate 0.001; usually 3-10 times below Adam's).</summary>
    public static Lion Lion(
        LearningRateArgument learningRate = default, double beta1 = 0.9, double beta2 = 0.99,
        double? weightDecay = null, double? clipnorm = null, double? clipvalue = null, double? globalClipnorm = null,
        bool useEma = false, double emaMomentum = 0.99, int? emaOverwriteFrequency = null, string name = "lion") =>
        new(learningRate, (float)beta1, (float)beta2, (float?)weightDecay, (float?)clipnorm, (float?)clipvalue, (float?)globalClipnorm,
            useEma, (float)emaMomentum, emaOverwriteFrequency, name);

    /// <summary><c>keras.optimizers.schedules</c>: <c>SGD(learningRate: Schedules.CosineDecay(0.1, decaySteps: 1000))</c>.</summary>
    public static class Schedules
    {
        public static Sched.ExponentialDecay ExponentialDecay(double initialLearningRate, int decaySteps, double decayRate, bool staircase = false, string name = "ExponentialDecay") =>
            new((float)initialLearningRate, decaySteps, (float)decayRate, staircase, name);

        public static Sched.PiecewiseConstantDecay PiecewiseConstantDecay(long[] boundaries, double[] values, string name = "PiecewiseConstant") =>
            new(boundaries, values.Select(v => (float)v).ToArray(), name);

        public static Sched.InverseTimeDecay InverseTimeDecay(double initialLearningRate, int decaySteps, double decayRate, bool staircase = false, string name = "InverseTimeDecay") =>
            new((float)initialLearningRate, decaySteps, (float)decayRate, staircase, name);

        public static Sched.PolynomialDecay PolynomialDecay(
            double initialLearningRate, int decaySteps, double endLearningRate = 0.0001, double power = 1, bool cycle = false, string name = "PolynomialDecay") =>
            new((float)initialLearningRate, decaySteps, (float)endLearningRate, (float)power, cycle, name);

        public static Sched.CosineDecay CosineDecay(
            double initialLearningRate, int decaySteps, double alpha = 0, string name = "CosineDecay", double? warmupTarget = null, int warmupSteps = 0) =>
            new((float)initialLearningRate, decaySteps, (float)alpha, name, (float?)warmupTarget, warmupSteps);

        public static Sched.CosineDecayRestarts CosineDecayRestarts(
            double initialLearningRate, int firstDecaySteps, double tMul = 2, double mMul = 1, double alpha = 0, string name = "SGDRDecay") =>
            new((float)initialLearningRate, firstDecaySteps, (float)tMul, (float)mMul, (float)alpha, name);
    }
}
