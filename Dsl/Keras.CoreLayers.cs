using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Regularizers;

namespace NotebookKeras.Dsl;

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
}
