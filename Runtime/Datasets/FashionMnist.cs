using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Datasets;

/// <summary>
/// Fashion-MNIST (Zalando): 60,000 training and 10,000 test 28×28 grayscale images of 10 clothing classes, as
/// <c>keras.datasets.fashion_mnist.load_data()</c> returns them: images with raw 0..255 values (float32 here), labels int32.
/// </summary>
public static class FashionMnist
{
    internal static readonly string[] Files =
    [
        "train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
    ];

    /// <summary>Where Keras finds, caches and downloads the four files.</summary>
    internal static readonly DatasetSource Source = new(
        "fashion-mnist", Files, Path.Combine("datasets", "fashion-mnist"), "/usr/share/datasets/fashion-mnist",
        "https://storage.googleapis.com/tensorflow/tf-keras-datasets/",
        "Install Debian's package (apt-get install dataset-fashion-mnist) or copy the four files Keras downloads into one of those folders.");

    /// <summary>The class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>
    /// Loads ((xTrain, yTrain), (xTest, yTest)): x of shape (n, 28, 28) with values 0..255, y of shape (n,) int32 in 0..9.
    /// Searches <paramref name="directory"/> only, when given; otherwise Keras's cache folder, then Debian's
    /// <c>dataset-fashion-mnist</c> package, then downloads the files into Keras's cache.
    /// </summary>
    public static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) LoadData(string? directory = null) =>
        Read(DatasetFiles.Locate(Source, directory), "Fashion-MNIST");

    /// <summary>Reads the four IDX files of an MNIST-like dataset in <paramref name="dir"/>.</summary>
    internal static ((Tensor X, Tensor Y) Train, (Tensor X, Tensor Y) Test) Read(string dir, string name)
    {
        var yTrain = IdxFile.Read(Path.Combine(dir, Files[0]), DType.Int32);
        var xTrain = IdxFile.Read(Path.Combine(dir, Files[1]));
        var yTest = IdxFile.Read(Path.Combine(dir, Files[2]), DType.Int32);
        var xTest = IdxFile.Read(Path.Combine(dir, Files[3]));
        Check(xTrain, yTrain, name, "train");
        Check(xTest, yTest, name, "t10k");
        return ((xTrain, yTrain), (xTest, yTest));
    }

    internal static void Check(Tensor x, Tensor y, string name, string split)
    {
        if (x.Rank != 3 || y.Rank != 1 || x.Shape[0] != y.Shape[0])
            throw new InvalidDataException($"{name} {split} files disagree: images {x.Shape}, labels {y.Shape} (expected (n, 28, 28) and (n,)).");
    }
}
