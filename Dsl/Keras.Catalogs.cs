using Cons = NotebookKeras.Runtime.Constraints;
using Init = NotebookKeras.Runtime.Initializers;
using Reg = NotebookKeras.Runtime.Regularizers;

namespace NotebookKeras.Dsl;

public static partial class Keras
{
    /// <summary><c>keras.initializers</c>: <c>Dense(64, kernelInitializer: Initializers.HeNormal(seed: 1))</c> (or just "he_normal").</summary>
    public static class Initializers
    {
        public static Init.Zeros Zeros() => new();
        public static Init.Ones Ones() => new();
        public static Init.Constant Constant(float value = 0f) => new(value);
        public static Init.RandomUniform RandomUniform(float minval = -0.05f, float maxval = 0.05f, int? seed = null) => new(minval, maxval, seed);
        public static Init.RandomNormal RandomNormal(float mean = 0f, float stddev = 0.05f, int? seed = null) => new(mean, stddev, seed);
        public static Init.TruncatedNormal TruncatedNormal(float mean = 0f, float stddev = 0.05f, int? seed = null) => new(mean, stddev, seed);
        public static Init.VarianceScaling VarianceScaling(float scale = 1f, string mode = "fan_in", string distribution = "truncated_normal", int? seed = null) => new(scale, mode, distribution, seed);
        public static Init.GlorotUniform GlorotUniform(int? seed = null) => new(seed);
        public static Init.GlorotNormal GlorotNormal(int? seed = null) => new(seed);
        public static Init.HeUniform HeUniform(int? seed = null) => new(seed);
        public static Init.HeNormal HeNormal(int? seed = null) => new(seed);
        public static Init.LecunUniform LecunUniform(int? seed = null) => new(seed);
        public static Init.LecunNormal LecunNormal(int? seed = null) => new(seed);
        public static Init.Orthogonal Orthogonal(float gain = 1f, int? seed = null) => new(gain, seed);
        public static Init.Identity Identity(float gain = 1f) => new(gain);
    }

    /// <summary><c>keras.regularizers</c>: <c>Dense(64, kernelRegularizer: Regularizers.L2(1e-4))</c> (or just "l2").</summary>
    public static class Regularizers
    {
        public static Reg.L1 L1(float l1 = 0.01f) => new(l1);
        public static Reg.L2 L2(float l2 = 0.01f) => new(l2);
        public static Reg.L1L2 L1L2(float l1 = 0f, float l2 = 0f) => new(l1, l2);
        public static Reg.OrthogonalRegularizer OrthogonalRegularizer(float factor = 0.01f, string mode = "rows") => new(factor, mode);
    }

    /// <summary><c>keras.constraints</c>: <c>Dense(64, kernelConstraint: Constraints.MaxNorm(3))</c> (or just "max_norm").</summary>
    public static class Constraints
    {
        public static Cons.MaxNorm MaxNorm(float maxValue = 2f, int axis = 0) => new(maxValue, axis);
        public static Cons.MinMaxNorm MinMaxNorm(float minValue = 0f, float maxValue = 1f, float rate = 1f, int axis = 0) => new(minValue, maxValue, rate, axis);
        public static Cons.NonNeg NonNeg() => new();
        public static Cons.UnitNorm UnitNorm(int axis = 0) => new(axis);
    }
}
