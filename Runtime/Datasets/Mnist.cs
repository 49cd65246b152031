using System.IO.Compression;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Datasets;

/// <summary>
/// MNIST: 60,000 training and 10,000 test 28×28 grayscale images of handwritten digits, as <c>keras.datasets.mnist.load_data()</c>
/// returns them: images with raw 0..255 values (float32 here), labels int32 in 0..9. Keras keeps the dataset as one file,
/// <c>mnist.npz</c>, in its cache folder; this loader reads that file, or the four IDX files of the original distribution when
/// an explicit folder holds them.
/// </summary>
public static class Mnist
{
    /// <summary>Where Keras finds, caches and downloads <c>mnist.npz</c>.</summary>
    internal static readonly DatasetSource Source = new(
        "mnist", ["mnist.npz"], "datasets", "/usr/share/datasets/mnist",
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/",
        "Copy mnist.npz (the file Keras downloads) into one of those folders, or pass a folder holding it or the four IDX files " +
        "(train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz).");

    /// <summary>
    /// Loads ((xTrain, yTrain), (xTest, yTest)): x of shape (n, 28, 28) with values 0..255, y of shape (n,) int32 in 0..9.
    /// Searches <paramref name="directory"/> only, when given; otherwise Keras's cache folder, then <c>/usr/share/datasets/mnist</c>,
    /// then downloads <c>mnist.npz</c> into Keras's cache.
    /// </summary>
    public static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) LoadData(string? directory = null)
    {
        if (directory is not null && FashionMnist.Files.All(f => File.Exists(Path.Combine(directory, f))))
            return FashionMnist.Read(directory, "MNIST");
        return ReadNpz(Path.Combine(DatasetFiles.Locate(Source, directory), Source.Files[0]));
    }

    /// <summary>Reads Keras's <c>mnist.npz</c>: x_train, y_train, x_test, y_test (uint8).</summary>
    internal static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) ReadNpz(string path)
    {
        try
        {
            using var archive = ZipFile.OpenRead(path);
            Tensor Array(string name)
            {
                var entry = archive.GetEntry(name + ".npy") ?? throw new InvalidDataException($"'{path}' has no array '{name}' (expected x_train, y_train, x_test, y_test).");
                using var stream = entry.Open();
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                memory.Position = 0;
                return NpyFile.Read(memory, $"{path}:{name}");
            }
            static Tensor Images(Tensor t) => t.DType == DType.Float32 ? t : Tensor.FromArray(t.ToArray(), t.Shape.ToArray());
            static Tensor Labels(Tensor t) => t.DType == DType.Int32 ? t : Tensor.FromArray(t.ToIntArray(), t.Shape.ToArray());
            var (xTrain, yTrain) = (Images(Array("x_train")), Labels(Array("y_train")));
            var (xTest, yTest) = (Images(Array("x_test")), Labels(Array("y_test")));
            FashionMnist.Check(xTrain, yTrain, "MNIST", "train");
            FashionMnist.Check(xTest, yTest, "MNIST", "test");
            return ((xTrain, yTrain), (xTest, yTest));
        }
        catch (InvalidDataException e) when (!e.Message.Contains(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"'{path}' is not a valid mnist.npz: {e.Message}", e);
        }
    }
}
