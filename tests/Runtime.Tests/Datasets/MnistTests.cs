using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using NotebookKeras.Runtime.Datasets;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Tests.Datasets;

public class MnistTests
{
    private static readonly string[] IdxFiles = ["train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"];

    /// <summary>A small mnist.npz laid out as Keras's (x_train, y_train, x_test, y_test), with 3 training and 2 test images.</summary>
    private static string WriteNpz(string dir)
    {
        var path = Path.Combine(dir, "mnist.npz");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Add(string name, Tensor t)
        {
            using var stream = zip.CreateEntry(name + ".npy").Open();
            NpyFile.Write(stream, t);
        }
        Add("x_train", Tensor.FromArray(Enumerable.Range(0, 3 * 784).Select(i => i % 256).ToArray(), 3, 28, 28));
        Add("y_train", Tensor.FromArray([5, 0, 4], 3));
        Add("x_test", Tensor.FromArray(Enumerable.Repeat(255, 2 * 784).ToArray(), 2, 28, 28));
        Add("y_test", Tensor.FromArray([7, 2], 2));
        return path;
    }

    private static byte[] Idx(byte type3Rank, int[] dims, byte[] data)
    {
        var header = new List<byte> { 0, 0, 8, type3Rank };
        foreach (var d in dims) header.AddRange([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        using var memory = new MemoryStream();
        using (var gz = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true)) gz.Write([.. header, .. data]);
        return memory.ToArray();
    }

    [Fact]
    public void ReadsKerasNpzWithKerasShapesAndDtypes()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        WriteNpz(dir);
        var ((xTrain, yTrain), (xTest, yTest)) = Mnist.LoadData(dir);
        Assert.Equal(new Shape(3, 28, 28), xTrain.Shape);
        Assert.Equal(DType.Float32, xTrain.DType);
        Assert.Equal(DType.Int32, yTrain.DType);
        Assert.Equal([5, 0, 4], yTrain.ToIntArray());
        Assert.Equal(new Shape(2, 28, 28), xTest.Shape);
        Assert.Equal(255f, xTest.AsSpan()[0]);
        Assert.Equal(255f, xTrain.AsSpan()[255]);
        Assert.Equal([7, 2], yTest.ToIntArray());
    }

    [Fact]
    public void ReadsTheFourIdxFilesFromAnExplicitFolder()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllBytes(Path.Combine(dir, IdxFiles[0]), Idx(1, [2], [3, 9]));
        File.WriteAllBytes(Path.Combine(dir, IdxFiles[1]), Idx(3, [2, 28, 28], new byte[2 * 784]));
        File.WriteAllBytes(Path.Combine(dir, IdxFiles[2]), Idx(1, [1], [1]));
        File.WriteAllBytes(Path.Combine(dir, IdxFiles[3]), Idx(3, [1, 28, 28], new byte[784]));
        var ((xTrain, yTrain), (_, yTest)) = Mnist.LoadData(dir);
        Assert.Equal(new Shape(2, 28, 28), xTrain.Shape);
        Assert.Equal([3, 9], yTrain.ToIntArray());
        Assert.Equal([1], yTest.ToIntArray());
    }

    [Fact]
    public void OfflineWithNothingFoundTheErrorListsEveryPlaceSearched()
    {
        var cache = Directory.CreateTempSubdirectory().FullName;
        var system = Path.Combine(cache, "no-such-system-folder");
        // A closed port on the loopback interface: the download fails at once, as it does offline.
        var origin = $"http://127.0.0.1:{FreePort()}/";
        using var http = new HttpClient();
        var e = Assert.Throws<FileNotFoundException>(() => DatasetFiles.Locate(Mnist.Source, null, [cache], system, origin, http));
        Assert.Contains("mnist.npz", e.Message);
        Assert.Contains(Path.Combine(cache, "datasets"), e.Message);
        Assert.Contains(system, e.Message);
        Assert.Contains($"downloading them from {origin}", e.Message);
        Assert.Contains("Copy mnist.npz", e.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(cache, "datasets")));

        var explicitDir = Directory.CreateTempSubdirectory().FullName;
        var missing = Assert.Throws<FileNotFoundException>(() => Mnist.LoadData(explicitDir));
        Assert.Contains(explicitDir, missing.Message);
    }

    [Fact]
    public async Task DownloadsIntoTheKerasCacheWhenNothingIsFound()
    {
        var served = Directory.CreateTempSubdirectory().FullName;
        WriteNpz(served);
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var server = Task.Run(() =>
        {
            var context = listener.GetContext();
            var file = Path.Combine(served, Path.GetFileName(context.Request.Url!.AbsolutePath));
            var bytes = File.ReadAllBytes(file);
            context.Response.ContentLength64 = bytes.Length;
            context.Response.OutputStream.Write(bytes);
            context.Response.Close();
        });
        var cache = Directory.CreateTempSubdirectory().FullName;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var dir = DatasetFiles.Locate(Mnist.Source, null, [cache], Path.Combine(cache, "none"), $"http://127.0.0.1:{port}/", http);
        await server.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Path.Combine(cache, "datasets"), dir);
        var ((_, yTrain), _) = Mnist.ReadNpz(Path.Combine(dir, "mnist.npz"));
        Assert.Equal([5, 0, 4], yTrain.ToIntArray());
        // Found in the cache from now on: no second download.
        Assert.Equal(dir, DatasetFiles.Locate(Mnist.Source, null, [cache], Path.Combine(cache, "none"), "http://127.0.0.1:1/", http));
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
