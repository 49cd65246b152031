using System.Text.Json;
using NotebookKeras.Runtime.Autodiff;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Layers.Reshaping;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Layers;

public class ReshapingLayersTests
{
    private const string File = "reshaping_layers.json";

    public static IEnumerable<object[]> Cases => ReferenceCases.Names(File);

    private static Layer Create(ReferenceCase c) => c.Op switch
    {
        "ZeroPadding1D" => new ZeroPadding1D((c.Ints("padding")[0], c.Ints("padding")[1])),
        "Cropping1D" => new Cropping1D((c.Ints("cropping")[0], c.Ints("cropping")[1])),
        "UpSampling1D" => new UpSampling1D(c.Int("size")),
        "ZeroPadding2D" => new ZeroPadding2D(MarginsArg(c, "padding")),
        "Cropping2D" => new Cropping2D(MarginsArg(c, "cropping")),
        "UpSampling2D" => new UpSampling2D((c.Ints("size")[0], c.Ints("size")[1]), interpolation: c.String("interpolation")),
        "ZeroPadding3D" => new ZeroPadding3D(Margins3DArg(c, "padding")),
        "Cropping3D" => new Cropping3D(Margins3DArg(c, "cropping")),
        "UpSampling3D" => new UpSampling3D((c.Ints("size")[0], c.Ints("size")[1], c.Ints("size")[2])),
        _ => throw new InvalidOperationException(c.Op),
    };

    private static Margins2D MarginsArg(ReferenceCase c, string arg)
    {
        var p = Pairs(c, arg);
        return ((p[0][0], p[0][1]), (p[1][0], p[1][1]));
    }

    private static Margins3D Margins3DArg(ReferenceCase c, string arg)
    {
        var p = Pairs(c, arg);
        return ((p[0][0], p[0][1]), (p[1][0], p[1][1]), (p[2][0], p[2][1]));
    }

    private static int[][] Pairs(ReferenceCase c, string arg) =>
        c.Args.GetProperty(arg).EnumerateArray().Select(a => a.EnumerateArray().Select(e => e.GetInt32()).ToArray()).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var layer = Create(c);
        var y = layer.Apply(c.Inputs[0]);
        TensorAssert.Close(c.Outputs[0], y, rtol: 1e-5f, atol: 1e-5f, because: name);
        Assert.Equal(layer.ComputeOutputShape(c.Inputs[0].Shape.WithDim(0, -1)), y.Shape.WithDim(0, -1));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientMatchesPyTorch(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var x = c.Inputs[0];
        using var tape = new GradientTape();
        tape.Watch(x);
        var objective = Runtime.Ops.Sum(Runtime.Ops.Multiply(Create(c).Apply(x), c.Inputs[1]));
        TensorAssert.Close(c.Outputs[1], tape.Gradient(objective, x)[0], rtol: 1e-5f, atol: 1e-5f, because: $"{name} dx");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientMatchesFiniteDifferences(string name)
    {
        var c = ReferenceCases.Get(File, name);
        var layer = Create(c);
        GradientCheck.Check(x => layer.Apply(x[0]), [c.Inputs[0]], name: name);
    }

    [Fact]
    public void ConfigsUseKerasKeysAndRoundTrip()
    {
        var padding = new ZeroPadding2D(((1, 2), (3, 4)), name: "z");
        Assert.Equal(["name", "trainable", "dtype", "padding", "data_format"], padding.GetConfig().Select(p => p.Key));
        Assert.Equal("[[1,2],[3,4]]", padding.GetConfig()["padding"]!.ToJsonString());
        var cropping = new Cropping2D((1, 2), name: "c");
        Assert.Equal(["name", "trainable", "dtype", "cropping", "data_format"], cropping.GetConfig().Select(p => p.Key));
        Assert.Equal("[[1,1],[2,2]]", cropping.GetConfig()["cropping"]!.ToJsonString());
        var upsampling = new UpSampling2D(3, name: "u");
        Assert.Equal(["name", "trainable", "dtype", "size", "data_format", "interpolation"], upsampling.GetConfig().Select(p => p.Key));
        Assert.Equal("[3,3]", upsampling.GetConfig()["size"]!.ToJsonString());
        Assert.Equal(["name", "trainable", "dtype", "padding", "data_format"], new ZeroPadding1D(2).GetConfig().Select(p => p.Key));
        Assert.Equal("[2,2]", new ZeroPadding1D(2).GetConfig()["padding"]!.ToJsonString());
        Assert.Equal(["name", "trainable", "dtype", "cropping"], new Cropping1D().GetConfig().Select(p => p.Key));
        Assert.Equal("[1,1]", new Cropping1D().GetConfig()["cropping"]!.ToJsonString());
        Assert.Equal(["name", "trainable", "dtype", "size"], new UpSampling1D().GetConfig().Select(p => p.Key));
        Layer[] oneD = [new ZeroPadding1D((0, 3), name: "z1"), new Cropping1D((2, 1), name: "c1"), new UpSampling1D(4, name: "u1")];
        foreach (var layer in oneD) KerasConfigAssert.RoundTrips(layer);
        var padding3D = new ZeroPadding3D(((0, 1), (2, 3), (4, 5)), name: "z3");
        Assert.Equal(["name", "trainable", "dtype", "padding", "data_format"], padding3D.GetConfig().Select(p => p.Key));
        Assert.Equal("[[0,1],[2,3],[4,5]]", padding3D.GetConfig()["padding"]!.ToJsonString());
        Assert.Equal("[[1,1],[1,1],[1,1]]", new Cropping3D().GetConfig()["cropping"]!.ToJsonString());
        Assert.Equal(["name", "trainable", "dtype", "size", "data_format"], new UpSampling3D().GetConfig().Select(p => p.Key));
        Assert.Equal("[2,2,2]", new UpSampling3D().GetConfig()["size"]!.ToJsonString());
        Layer[] threeD = [padding3D, new Cropping3D((1, 2, 3), name: "c3"), new UpSampling3D((1, 2, 3), name: "u3")];
        foreach (var layer in threeD) KerasConfigAssert.RoundTrips(layer);
        KerasConfigAssert.RoundTrips(padding);
        KerasConfigAssert.RoundTrips(cropping);
        KerasConfigAssert.RoundTrips(upsampling);
        Assert.Equal("bilinear", (string?)KerasConfigAssert.RoundTrips(new UpSampling2D(interpolation: "bilinear", name: "b")).GetConfig()["interpolation"]);
    }

    [Fact]
    public void KerasShortConfigFormsRead()
    {
        var json = JsonSerializer.SerializeToNode(new { class_name = "ZeroPadding2D", config = new { name = "z", padding = 2 } })!.AsObject();
        Assert.Equal(new Margins2D((2, 2), (2, 2)), ((ZeroPadding2D)KerasRegistry.Deserialize(json)).Padding);
        json = JsonSerializer.SerializeToNode(new { class_name = "Cropping2D", config = new { name = "c", cropping = new[] { 1, 3 } } })!.AsObject();
        Assert.Equal(new Margins2D((1, 1), (3, 3)), ((Cropping2D)KerasRegistry.Deserialize(json)).Cropping);
        json = JsonSerializer.SerializeToNode(new { class_name = "ZeroPadding1D", config = new { name = "z1", padding = 3 } })!.AsObject();
        Assert.Equal(new Margins1D(3, 3), ((ZeroPadding1D)KerasRegistry.Deserialize(json)).Padding);
        json = JsonSerializer.SerializeToNode(new { class_name = "Cropping3D", config = new { name = "c3", cropping = new[] { 1, 2, 3 } } })!.AsObject();
        Assert.Equal(new Margins3D((1, 1), (2, 2), (3, 3)), ((Cropping3D)KerasRegistry.Deserialize(json)).Cropping);
    }

    [Fact]
    public void ShapesKeepUnknownDims()
    {
        Assert.Equal(new Shape(-1, 7, -1, 3), new ZeroPadding2D(((1, 2), (0, 1))).ComputeOutputShape(new Shape(-1, 4, -1, 3)));
        Assert.Equal(new Shape(-1, 2, -1, 3), new Cropping2D(((1, 1), (0, 1))).ComputeOutputShape(new Shape(-1, 4, -1, 3)));
        Assert.Equal(new Shape(-1, 8, -1, 3), new UpSampling2D((2, 3)).ComputeOutputShape(new Shape(-1, 4, -1, 3)));
        Assert.Equal(new Shape(-1, 7, 2), new ZeroPadding1D((1, 2)).ComputeOutputShape(new Shape(-1, 4, 2)));
        Assert.Equal(new Shape(-1, -1, 2), new Cropping1D().ComputeOutputShape(new Shape(-1, -1, 2)));
        Assert.Equal(new Shape(-1, 12, 2), new UpSampling1D(3).ComputeOutputShape(new Shape(-1, 4, 2)));
        Assert.Equal(new Shape(-1, 6, -1, 9, 2), new ZeroPadding3D((1, 2, 3)).ComputeOutputShape(new Shape(-1, 4, -1, 3, 2)));
        Assert.Equal(new Shape(-1, 2, -1, 1, 2), new Cropping3D().ComputeOutputShape(new Shape(-1, 4, -1, 3, 2)));
        Assert.Equal(new Shape(-1, 4, -1, 6, 2), new UpSampling3D((1, 2, 2)).ComputeOutputShape(new Shape(-1, 4, -1, 3, 2)));
    }

    [Fact]
    public void ErrorsNameTheLayerAndArgument()
    {
        Assert.Contains("channels_first", Assert.Throws<NotSupportedException>(() => new ZeroPadding2D(1, dataFormat: "channels_first")).Message);
        Assert.Contains("bicubic", Assert.Throws<NotSupportedException>(() => new UpSampling2D(interpolation: "bicubic")).Message);
        Assert.Contains("interpolation", Assert.Throws<ArgumentException>(() => new UpSampling2D(interpolation: "cubic")).Message);
        Assert.Contains("padding", Assert.Throws<ArgumentException>(() => new ZeroPadding2D(-1)).Message);
        Assert.Contains("size", Assert.Throws<ArgumentException>(() => new UpSampling2D(0)).Message);
        var crop = Assert.Throws<ArgumentException>(() => new Cropping2D(((2, 2), (0, 0))).Apply(Tensor.Ones(1, 4, 4, 1)));
        Assert.Contains("Cropping2D", crop.Message);
        Assert.Contains("size", Assert.Throws<ArgumentOutOfRangeException>(() => new UpSampling1D(0)).Message);
        Assert.Contains("cropping", Assert.Throws<ArgumentException>(() => new Cropping1D(-1)).Message);
        Assert.Contains("channels_first", Assert.Throws<NotSupportedException>(() => new ZeroPadding1D(dataFormat: "channels_first")).Message);
        Assert.Contains("Cropping1D", Assert.Throws<ArgumentException>(() => new Cropping1D((2, 2)).Apply(Tensor.Ones(1, 4, 1))).Message);
        Assert.Contains("channels_first", Assert.Throws<NotSupportedException>(() => new UpSampling3D(dataFormat: "channels_first")).Message);
        Assert.Contains("size", Assert.Throws<ArgumentException>(() => new UpSampling3D((1, 0, 1))).Message);
        Assert.Contains("padding", Assert.Throws<ArgumentException>(() => new ZeroPadding3D(((0, 0), (0, -1), (0, 0)))).Message);
        Assert.Contains("ndim=5", Assert.Throws<ArgumentException>(() => new Cropping3D().Apply(Tensor.Ones(1, 4, 4, 1))).Message);
        Assert.Contains("ndim=4", Assert.Throws<ArgumentException>(() => new UpSampling2D().Apply(Tensor.Ones(2, 5, 5))).Message);
    }
}
