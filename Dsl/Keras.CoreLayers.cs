using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Regularizers;
using NotebookKeras.Runtime.Tensors;
using Identity = NotebookKeras.Runtime.Layers.Core.Identity;

namespace NotebookKeras.Dsl;

// Rates and values are doubles here, so notebook code reads as Keras does (Dropout(0.5)); the layers store float32.
public static partial class Keras
{
    /// <summary><c>keras.layers.Dense</c>: <c>activation(dot(x, kernel) + bias)</c>.</summary>
    public static Dense Dense(
        int units, string? activation = null, bool useBias = true,
        Initializer? kernelInitializer = null, Initializer? biasInitializer = null,
        Regularizer? kernelRegularizer = null, Regularizer? biasRegularizer = null,
        Constraint? kernelConstraint = null, Constraint? biasConstraint = null,
        string? name = null, bool trainable = true) =>
        new(units, activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer, biasRegularizer, kernelConstraint, biasConstraint, name, trainable);

    /// <summary><c>keras.layers.Activation</c>: applies an activation given by its Keras name, e.g. <c>Activation("relu")</c>.</summary>
    public static Activation Activation(string activation, string? name = null) => new(activation, name);

    /// <summary><c>keras.layers.Dropout</c>: drops a fraction <paramref name="rate"/> of the inputs during training only, e.g. <c>Dropout(0.5)</c>.</summary>
    public static Dropout Dropout(double rate, Shape? noiseShape = null, int? seed = null, string? name = null) => new((float)rate, noiseShape, seed, name);

    /// <summary><c>keras.layers.Flatten</c>: (batch, ...) → (batch, n).</summary>
    public static Flatten Flatten(string? dataFormat = null, string? name = null) => new(dataFormat, name);

    /// <summary><c>keras.layers.Reshape</c>: each sample to <paramref name="targetShape"/> (one entry may be -1), e.g. <c>Reshape([3, 4])</c>.</summary>
    public static Reshape Reshape(Shape targetShape, string? name = null) => new(targetShape, name);

    /// <summary><c>keras.layers.Permute</c>: reorders the sample axes, numbered from 1, e.g. <c>Permute([2, 1])</c>.</summary>
    public static Permute Permute(int[] dims, string? name = null) => new(dims, name);

    /// <summary><c>keras.layers.RepeatVector</c>: (batch, features) → (batch, n, features).</summary>
    public static RepeatVector RepeatVector(int n, string? name = null) => new(n, name);

    /// <summary>
    /// <c>keras.layers.Lambda</c>: a C# function as a layer, e.g. <c>Lambda(x => x * 2f)</c>. To save it, register the function
    /// with <c>LambdaFunctions.Register(name, fn)</c>.
    /// </summary>
    public static Lambda Lambda(Func<Tensor, Tensor> function, Shape? outputShape = null, string? name = null) => new(function, outputShape, name);

    /// <summary><c>keras.layers.Lambda</c> over the function registered under <paramref name="function"/>.</summary>
    public static Lambda Lambda(string function, Shape? outputShape = null, string? name = null) => new(function, outputShape, name);

    /// <summary><c>keras.layers.Masking</c>: masks the timesteps whose features all equal <paramref name="maskValue"/>.</summary>
    public static Masking Masking(double maskValue = 0, string? name = null) => new((float)maskValue, name);

    /// <summary><c>keras.layers.Embedding</c>: integer indices → dense vectors of size <paramref name="outputDim"/>.</summary>
    public static Embedding Embedding(
        int inputDim, int outputDim,
        Initializer? embeddingsInitializer = null, Regularizer? embeddingsRegularizer = null, Constraint? embeddingsConstraint = null,
        bool maskZero = false, Regularizer? activityRegularizer = null, string? name = null, bool trainable = true) =>
        new(inputDim, outputDim, embeddingsInitializer, embeddingsRegularizer, embeddingsConstraint, maskZero, activityRegularizer, name, trainable);

    /// <summary><c>keras.layers.Identity</c>: returns its input.</summary>
    public static Identity Identity(string? name = null) => new(name);
}
