using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.Models;

public class ModelConfigTests
{
    [Fact]
    public void SequentialConfigRoundTrips()
    {
        var model = new Sequential([new InputLayer(new Shape(8)), new Dense(4, "relu"), new Dense(2)], name: "stack");
        var json = KerasRegistry.Serialize(model);
        Assert.Equal("keras", (string?)json["module"]);
        Assert.Equal("Sequential", (string?)json["class_name"]);
        var copy = (Sequential)KerasRegistry.Deserialize(json);
        Assert.Equal(model.GetConfig().ToJsonString(), copy.GetConfig().ToJsonString());
        Assert.Equal(model.CountParams(), copy.CountParams());
    }

    [Fact]
    public void FunctionalConfigRoundTripsWithASharedLayer()
    {
        var a = InputLayer.Create(new Shape(3), name: "a");
        var b = InputLayer.Create(new Shape(3), name: "b");
        var shared = new Dense(2, name: "shared_dense");
        var model = new Functional([a, b], [shared.Apply(a), new Dense(1, name: "head").Apply(shared.Apply(b))], name: "fm");
        var json = KerasRegistry.Serialize(model);
        var copy = (Functional)KerasRegistry.Deserialize(json);
        Assert.Equal(model.GetConfig().ToJsonString(), copy.GetConfig().ToJsonString());
        Assert.Equal(model.CountParams(), copy.CountParams());
        Assert.Equal(2, copy.GetLayer("shared_dense").InboundNodes.Count);
    }

    [Fact]
    public void ReadsTheConfigKeras3WroteForAnMlp()
    {
        var json = JsonNode.Parse(File.ReadAllText(KerasFixtures.PathOf("mlp.json")))!.AsObject();
        var model = (Sequential)KerasRegistry.Deserialize(json);
        Assert.Equal("mlp", model.Name);
        Assert.Equal(["dense", "dense_1", "dense_2"], model.Layers.Select(l => l.Name));
        Assert.Equal(new Shape(-1, 8), model.InputLayer!.BatchShape);
        Assert.Equal(8 * 16 + 16 + 16 * 12 + 12 + 12 * 4 + 4, model.CountParams());
        Assert.Equal("softmax", ((Dense)model.Layers[2]).Activation);
        // Our config of the model equals Keras's, key for key, for every layer.
        var ours = model.GetConfig()["layers"]!.AsArray();
        var theirs = json["config"]!["layers"]!.AsArray();
        for (var i = 0; i < theirs.Count; i++)
        {
            var expected = theirs[i]!["config"]!.AsObject();
            var actual = ours[i]!["config"]!.AsObject();
            foreach (var (key, value) in expected)
            {
                if (key is "quantization_config") continue; // Keras 3.15 quantization, not modelled
                Assert.True(actual.ContainsKey(key), $"layer {i} config lacks '{key}'");
                Assert.Equal(Normalize(value), Normalize(actual[key]));
            }
        }
    }

    [Fact]
    public void ReadsTheConfigKeras3WroteForATwoInputTwoOutputModel()
    {
        var json = JsonNode.Parse(File.ReadAllText(KerasFixtures.PathOf("functional_2in_2out.json")))!.AsObject();
        var model = (Functional)KerasRegistry.Deserialize(json);
        Assert.Equal(["input_a", "input_b"], model.InputNames);
        Assert.Equal(["class_out", "reg_out"], model.OutputNames);
        Assert.Equal(new Shape(-1, 13), model.GetLayer("concat").Output.Shape);
        var outputs = model.ApplyMany([Tensor.Ones(2, 6), Tensor.Ones(2, 4)]);
        Assert.Equal(2, outputs.Count);
        for (var i = 0; i < 2; i++) Assert.Equal(model.Outputs[i].Shape.WithDim(0, 2), outputs[i].Shape);
        // Writing it back gives Keras's graph: the same layers, inbound nodes and input/output lists.
        var ours = model.GetConfig();
        var theirs = json["config"]!.AsObject();
        Assert.Equal(theirs["input_layers"]!.ToJsonString(), ours["input_layers"]!.ToJsonString());
        Assert.Equal(theirs["output_layers"]!.ToJsonString(), ours["output_layers"]!.ToJsonString());
        var theirLayers = theirs["layers"]!.AsArray();
        var ourLayers = ours["layers"]!.AsArray();
        Assert.Equal(theirLayers.Select(l => (string?)l!["name"]), ourLayers.Select(l => (string?)l!["name"]));
        for (var i = 0; i < theirLayers.Count; i++)
            Assert.Equal(theirLayers[i]!["inbound_nodes"]!.ToJsonString(), ourLayers[i]!["inbound_nodes"]!.ToJsonString());
    }

    [Fact]
    public void BareKeras2ClassNamesResolveByExpectedKind()
    {
        // "Identity" names both a layer and an initializer; "MeanSquaredError" both a loss and a metric.
        var bare = new JsonObject { ["class_name"] = "Identity", ["config"] = new JsonObject() };
        Assert.IsType<Identity>(KerasRegistry.Deserialize<Runtime.Layers.Layer>((JsonObject)bare.DeepClone()));
        Assert.IsType<Runtime.Initializers.Identity>(KerasRegistry.Deserialize<Runtime.Initializers.Initializer>((JsonObject)bare.DeepClone()));
        var mse = new JsonObject { ["class_name"] = "MeanSquaredError", ["config"] = new JsonObject() };
        Assert.IsType<Runtime.Losses.MeanSquaredError>(KerasRegistry.Deserialize<Runtime.Losses.Loss>((JsonObject)mse.DeepClone()));
        Assert.IsType<Runtime.Metrics.MeanSquaredError>(KerasRegistry.Deserialize<Runtime.Metrics.Metric>((JsonObject)mse.DeepClone()));
        var e = Assert.Throws<KeyNotFoundException>(() => KerasRegistry.Deserialize<Runtime.Losses.Loss>(new JsonObject { ["class_name"] = "Dense" }));
        Assert.Contains("Unknown Keras Loss 'Dense'", e.Message);
    }

    private static string Normalize(JsonNode? node) => node switch
    {
        JsonObject o when o.ContainsKey("config") && o["config"] is JsonObject c => new JsonObject
        {
            ["class_name"] = o["class_name"]?.DeepClone(),
            ["config"] = new JsonObject(c.Where(kv => kv.Key is not ("input_axes" or "output_axes")).Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone()))),
        }.ToJsonString(),
        null => "null",
        _ => node.ToJsonString(),
    };
}
