using System.IO.Compression;
using NotebookKeras.Runtime.Datasets;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Tests.Datasets;

public class FashionMnistTests
{
    [Fact]
    public void LoadsTheRealFilesWithKerasShapes()
    {
        // CI installs Debian's dataset-fashion-mnist: the same files keras.datasets.fashion_mnist downloads.
        var ((xTrain, yTrain), (xTest, yTest)) = FashionMnist.LoadData();
        Assert.Equal(new Shape(60000, 28, 28), xTrain.Shape);
        Assert.Equal(new Shape(60000), yTrain.Shape);
        Assert.Equal(new Shape(10000, 28, 28), xTest.Shape);
        Assert.Equal(new Shape(10000), yTest.Shape);
        Assert.Equal(DType.Int32, yTrain.DType);
        Assert.Equal(9, yTrain.AsIntSpan()[0]); // the first training image is an ankle boot
        Assert.Equal(9, yTest.AsIntSpan()[0]);
        var counts = new int[10];
        foreach (var label in yTrain.AsIntSpan()) counts[label]++;
        Assert.All(counts, c => Assert.Equal(6000, c));
        Assert.Equal(255f, System.Numerics.Tensors.TensorPrimitives.Max(xTrain.AsSpan()));
        Assert.Equal(0f, System.Numerics.Tensors.TensorPrimitives.Min(xTrain.AsSpan()));
    }

    [Fact]
    public void MissingFilesNameTheFoldersAndTheFix()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.LoadData(dir));
        Assert.Contains(dir, e.Message);
        Assert.Contains("dataset-fashion-mnist", e.Message);
    }

    [Fact]
    public void IdxReaderParsesAndRejectsBadFiles()
    {
        byte[] good = [0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 255];
        var t = IdxFile.Parse(good, "mem", DType.Float32);
        Assert.Equal(new Shape(2, 3), t.Shape);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 255f], t.ToArray());

        var truncated = Assert.Throws<InvalidDataException>(() => IdxFile.Parse(good.AsSpan(0, 15), "x.idx", DType.Float32));
        Assert.Contains("x.idx", truncated.Message);
        Assert.Contains("needs 6 bytes", truncated.Message);
        var badType = Assert.Throws<InvalidDataException>(() => IdxFile.Parse([0, 0, 0x0D, 1, 0, 0, 0, 0], "f.idx", DType.Float32));
        Assert.Contains("0x0D", badType.Message);

        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "labels-idx1-ubyte.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write([0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9]);
        Assert.Equal([7, 8, 9], IdxFile.Read(path, DType.Int32).ToIntArray());
    }
}
