using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers.Core;
using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Runtime.Tests.Support;

namespace NotebookKeras.Runtime.Tests.ModelFiles;

/// <summary>
/// ModelFromJson reads the topologies TensorFlow.js writes (Keras 2 style, camelCase converted to snake_case, with
/// keras_version/backend at the top, or wrapped in model_config by the Keras converter) as well as Keras 3 and Keras 2 JSON.
/// </summary>
public sealed class ModelJsonTests
{
    // tfjs-layers model.toJSON() of tf.sequential([tf.layers.dense({units: 3, inputShape: [4], activation: 'relu'}), ...]).
    private const string TfjsSequential = """
        {"class_name":"Sequential","config":{"name":"sequential_1","layers":[
          {"class_name":"Dense","config":{"units":3,"activation":"relu","use_bias":true,
            "kernel_initializer":{"class_name":"VarianceScaling","config":{"scale":1,"mode":"fan_avg","distribution":"normal","seed":null}},
            "bias_initializer":{"class_name":"Zeros","config":{}},"kernel_regularizer":null,"bias_regularizer":null,"activity_regularizer":null,
            "kernel_constraint":null,"bias_constraint":null,"name":"dense_Dense1","trainable":true,"batch_input_shape":[null,4],"dtype":"float32"}},
          {"class_name":"Dense","config":{"units":2,"activation":"softmax","use_bias":true,
            "kernel_initializer":{"class_name":"VarianceScaling","config":{"scale":1,"mode":"fan_avg","distribution":"normal","seed":null}},
            "bias_initializer":{"class_name":"Zeros","config":{}},"kernel_regularizer":null,"bias_regularizer":null,"activity_regularizer":null,
            "kernel_constraint":null,"bias_constraint":null,"name":"dense_Dense2","trainable":true}}]},
         "keras_version":"tfjs-layers 4.22.0","backend":"tensor_flow.js"}
        """;

    // tfjs-layers tf.model({inputs, outputs}).toJSON(): class "Model", Keras 2 node lists.
    private const string TfjsFunctional = """
        {"class_name":"Model","config":{"name":"model1","layers":[
          {"name":"input1","class_name":"InputLayer","config":{"batch_input_shape":[null,4],"dtype":"float32","sparse":false,"name":"input1"},"inbound_nodes":[]},
          {"name":"dense_Dense1","class_name":"Dense","config":{"units":2,"activation":"linear","use_bias":true,
            "kernel_initializer":{"class_name":"VarianceScaling","config":{"scale":1,"mode":"fan_avg","distribution":"normal","seed":null}},
            "bias_initializer":{"class_name":"Zeros","config":{}},"kernel_regularizer":null,"bias_regularizer":null,"activity_regularizer":null,
            "kernel_constraint":null,"bias_constraint":null,"name":"dense_Dense1","trainable":true},"inbound_nodes":[[["input1",0,0,{}]]]}],
          "input_layers":[["input1",0,0]],"output_layers":[["dense_Dense1",0,0]]},
         "keras_version":"tfjs-layers 4.22.0","backend":"tensor_flow.js"}
        """;

    [Fact]
    public void TensorFlowJsSequentialTopologyBuildsWithItsInputShape()
    {
        var model = Model.FromJson(TfjsSequential);
        var sequential = Assert.IsType<Sequential>(model);
        Assert.Equal(new Shape(-1, 4), sequential.InputLayer!.BatchShape);
        Assert.Equal(["dense_Dense1", "dense_Dense2"], model.Layers.Select(l => l.Name));
        Assert.Equal(new Shape(2, 2), model.Predict(Tensor.Ones(2, 4), verbose: 0).Shape);
    }

    [Fact]
    public void TensorFlowJsFunctionalTopologyAndTheConverterWrapperBuild()
    {
        var model = Model.FromJson(TfjsFunctional);
        Assert.IsType<Functional>(model);
        Assert.Equal(new Shape(3, 2), model.Predict(Tensor.Ones(3, 4), verbose: 0).Shape);

        // The Keras-to-TF.js converter's modelTopology wraps the model as model_config; the loader of model.json passes the node.
        var wrapped = new JsonObject { ["keras_version"] = "2.11.0", ["backend"] = "tensorflow", ["model_config"] = JsonNode.Parse(TfjsSequential) };
        var fromNode = ModelJson.FromJsonNode(wrapped, "'model.json': modelTopology");
        Assert.Equal(["dense_Dense1", "dense_Dense2"], fromNode.Layers.Select(l => l.Name));
        Assert.NotNull(wrapped["model_config"]!["config"]!["layers"]![0]!["config"]!["batch_input_shape"]); // the caller's node is not modified
    }

    [Fact]
    public void ToJsonRoundTripsAModelWithItsWeightsFromAFile()
    {
        var model = new Sequential([new InputLayer(new Shape(3)), new Dense(4, "relu"), new Dense(1)]);
        var copy = Model.FromJson(model.ToJson());
        Assert.Equal(model.ToJson(), copy.ToJson());
        var dir = Directory.CreateTempSubdirectory("nk-json-").FullName;
        try
        {
            var weights = Path.Combine(dir, "m.weights.h5");
            model.SaveWeights(weights);
            copy.LoadWeights(weights);
            var x = GradientCheck.Random(1, -1, 1, 2, 3);
            TensorAssert.Equal(model.Predict(x, verbose: 0), copy.Predict(x, verbose: 0));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
