using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Optimizers;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Tests.Training;

/// <summary>Small generated problems and models for the trainer's tests.</summary>
internal static class TrainingData
{
    /// <summary>Three well-separated Gaussian blobs in the plane: x (n, 2) float, y (n,) int labels 0..2.</summary>
    public static (Tensor X, Tensor Y) Blobs(int n, int seed = 1)
    {
        var rng = new Random(seed);
        (float, float)[] centers = [(-2f, -2f), (2f, -1f), (0f, 2.5f)];
        var x = new float[n * 2];
        var y = new int[n];
        for (var i = 0; i < n; i++)
        {
            var c = rng.Next(3);
            y[i] = c;
            x[2 * i] = centers[c].Item1 + (float)Gaussian(rng) * 0.5f;
            x[2 * i + 1] = centers[c].Item2 + (float)Gaussian(rng) * 0.5f;
        }
        return (Tensor.FromArray(x, n, 2), Tensor.FromArray(y, n));
    }

    /// <summary>x = 0, 1, ..., n-1 as a column and y = a·x + b: a linear problem whose samples say where they came from.</summary>
    public static (Tensor X, Tensor Y) Line(int n, float a = 1f, float b = 0f) =>
        (Tensor.FromArray(Enumerable.Range(0, n).Select(i => (float)i).ToArray(), n, 1),
         Tensor.FromArray(Enumerable.Range(0, n).Select(i => a * i + b).ToArray(), n, 1));

    /// <summary>Input(2) → Dense(16, relu) → Dense(3) (logits).</summary>
    public static Sequential Classifier() =>
        new Sequential().Add(InputLayer.Create(new Shape(2))).Add(new Dense(16, activation: "relu")).Add(new Dense(3));

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
