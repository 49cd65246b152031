using NotebookKeras.Runtime.Constraints;
using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Layers.Normalization;
using NotebookKeras.Runtime.Regularizers;

namespace NotebookKeras.Dsl;

public static partial class Keras
{
    /// <summary>
    /// <c>keras.layers.BatchNormalization</c>: batch statistics when training (updating the moving ones), moving statistics in
    /// inference. <paramref name="axis"/> is the channel axis (1 for channels-first data).
    /// </summary>
    public static BatchNormalization BatchNormalization(
        int axis = -1, float momentum = 0.99f, float epsilon = 1e-3f, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Initializer? movingMeanInitializer = null, Initializer? movingVarianceInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null,
        bool renorm = false, IReadOnlyDictionary<string, float>? renormClipping = null, float renormMomentum = 0.99f,
        bool synchronized = false, string? name = null, bool trainable = true) =>
        new(axis, momentum, epsilon, center, scale, betaInitializer, gammaInitializer, movingMeanInitializer, movingVarianceInitializer,
            betaRegularizer, gammaRegularizer, betaConstraint, gammaConstraint, renorm, renormClipping, renormMomentum, synchronized, name, trainable);

    /// <summary><c>keras.layers.BatchNormalization</c> over several axes together (statistics over the others).</summary>
    public static BatchNormalization BatchNormalization(
        int[] axis, float momentum = 0.99f, float epsilon = 1e-3f, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Initializer? movingMeanInitializer = null, Initializer? movingVarianceInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null,
        bool renorm = false, IReadOnlyDictionary<string, float>? renormClipping = null, float renormMomentum = 0.99f,
        bool synchronized = false, string? name = null, bool trainable = true) =>
        new(axis, momentum, epsilon, center, scale, betaInitializer, gammaInitializer, movingMeanInitializer, movingVarianceInitializer,
            betaRegularizer, gammaRegularizer, betaConstraint, gammaConstraint, renorm, renormClipping, renormMomentum, synchronized, name, trainable);

    /// <summary><c>keras.layers.LayerNormalization</c>: each sample normalized across <paramref name="axis"/>.</summary>
    public static LayerNormalization LayerNormalization(
        int axis = -1, float epsilon = 1e-3f, bool center = true, bool scale = true, bool rmsScaling = false,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null,
        string? name = null, bool trainable = true) =>
        new(axis, epsilon, center, scale, rmsScaling, betaInitializer, gammaInitializer, betaRegularizer, gammaRegularizer,
            betaConstraint, gammaConstraint, name, trainable);

    /// <summary><c>keras.layers.LayerNormalization</c> across several axes: <c>LayerNormalization(axis: [1, 2, 3])</c>.</summary>
    public static LayerNormalization LayerNormalization(
        int[] axis, float epsilon = 1e-3f, bool center = true, bool scale = true, bool rmsScaling = false,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null,
        string? name = null, bool trainable = true) =>
        new(axis, epsilon, center, scale, rmsScaling, betaInitializer, gammaInitializer, betaRegularizer, gammaRegularizer,
            betaConstraint, gammaConstraint, name, trainable);

    /// <summary><c>keras.layers.GroupNormalization</c>: per-sample statistics over groups of channels.</summary>
    public static GroupNormalization GroupNormalization(
        int groups = 32, int axis = -1, float epsilon = 1e-3f, bool center = true, bool scale = true,
        Initializer? betaInitializer = null, Initializer? gammaInitializer = null,
        Regularizer? betaRegularizer = null, Regularizer? gammaRegularizer = null,
        Constraint? betaConstraint = null, Constraint? gammaConstraint = null,
        string? name = null, bool trainable = true) =>
        new(groups, axis, epsilon, center, scale, betaInitializer, gammaInitializer, betaRegularizer, gammaRegularizer,
            betaConstraint, gammaConstraint, name, trainable);

    /// <summary><c>keras.layers.UnitNormalization</c>: each sample scaled to unit l2 norm across <paramref name="axis"/>.</summary>
    public static UnitNormalization UnitNormalization(int axis = -1, string? name = null) => new(axis, name);

    /// <summary><c>keras.layers.UnitNormalization</c> across several axes.</summary>
    public static UnitNormalization UnitNormalization(int[] axis, string? name = null) => new(axis, name);
}
