using NotebookKeras.Runtime.Layers.Regularization;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Dsl;

// Rates and factors are doubles here, so notebook code reads as Keras does (Dropout(0.5)); the layers store float32.
public static partial class Keras
{
    /// <summary><c>keras.layers.GaussianNoise</c>: adds N(0, stddev²) noise during training.</summary>
    public static GaussianNoise GaussianNoise(double stddev, int? seed = null, string? name = null) => new((float)stddev, seed, name);

    /// <summary><c>keras.layers.GaussianDropout</c>: multiplies by N(1, rate / (1 - rate)) noise during training.</summary>
    public static GaussianDropout GaussianDropout(double rate, int? seed = null, string? name = null) => new((float)rate, seed, name);

    /// <summary><c>keras.layers.AlphaDropout</c>: dropout that keeps the mean and variance of SELU activations.</summary>
    public static AlphaDropout AlphaDropout(double rate, Shape? noiseShape = null, int? seed = null, string? name = null) => new((float)rate, noiseShape, seed, name);

    /// <summary><c>keras.layers.SpatialDropout1D</c>: drops whole channels of (batch, timesteps, channels) inputs during training.</summary>
    public static SpatialDropout1D SpatialDropout1D(double rate, int? seed = null, string? name = null) => new((float)rate, seed, name);

    /// <summary><c>keras.layers.SpatialDropout2D</c>: drops whole 2D feature maps during training.</summary>
    public static SpatialDropout2D SpatialDropout2D(double rate, string? dataFormat = null, int? seed = null, string? name = null) => new((float)rate, dataFormat, seed, name);

    /// <summary><c>keras.layers.SpatialDropout3D</c>: drops whole 3D feature maps during training.</summary>
    public static SpatialDropout3D SpatialDropout3D(double rate, string? dataFormat = null, int? seed = null, string? name = null) => new((float)rate, dataFormat, seed, name);

    /// <summary><c>keras.layers.ActivityRegularization</c>: adds l1·sum|x| + l2·sum x² of its input to the losses.</summary>
    public static ActivityRegularization ActivityRegularization(double l1 = 0, double l2 = 0, string? name = null) => new((float)l1, (float)l2, name);
}
