using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Core;

/// <summary>
/// Wraps a C# function as a layer (Keras's <c>Lambda</c>): <c>new Lambda(x => Ops.Square(x))</c>. The output shape is
/// <see cref="OutputShape"/> (without the batch axis) when given, else found by running the function once on zeros. Only a
/// function registered with <see cref="LambdaFunctions.Register"/> can be saved: the config holds its name, never code.
/// </summary>
public sealed class Lambda : Layer
{
    private readonly Func<Tensor, Tensor> _function;
    private readonly string? _functionName;

    public Lambda(Func<Tensor, Tensor> function, Shape? outputShape = null, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : base(name, trainable, dtype)
    {
        ArgumentNullException.ThrowIfNull(function);
        _function = function;
        OutputShape = outputShape;
    }

    /// <summary>A Lambda over the function registered under <paramref name="function"/> (see <see cref="LambdaFunctions"/>).</summary>
    public Lambda(string function, Shape? outputShape = null, string? name = null, bool trainable = true, DType dtype = DType.Float32)
        : this(LambdaFunctions.Get(function), outputShape, name, trainable, dtype)
    {
        _functionName = function;
    }

    /// <summary>The output shape without the batch axis, when given.</summary>
    public Shape? OutputShape { get; }

    /// <summary>The name the function is registered under, or null when it is not registered (the layer cannot be saved).</summary>
    public string? FunctionName => _functionName ?? LambdaFunctions.NameOf(_function);

    protected internal override Tensor Call(Tensor inputs) => _function(inputs);

    /// <summary>Keras's Lambda (without a <c>mask</c> argument) drops an incoming mask instead of rejecting it.</summary>
    public override Tensor? ComputeMask(Tensor inputs, Tensor? mask) => null;

    public override IReadOnlyList<Shape> ComputeOutputShape(IReadOnlyList<Shape> inputShapes)
    {
        if (OutputShape is not null) return [new Shape([inputShapes[0].Rank > 0 ? inputShapes[0][0] : -1, .. OutputShape])];
        try
        {
            return base.ComputeOutputShape(inputShapes);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new InvalidOperationException(
                $"Layer '{Name}' (Lambda): could not infer the output shape by running the function on an input of shape " +
                $"{string.Join(", ", inputShapes)} ({e.Message}). Pass outputShape to the Lambda.", e);
        }
    }

    public override JsonObject GetConfig()
    {
        var functionName = FunctionName ?? throw new InvalidOperationException(
            $"Layer '{Name}' (Lambda) cannot be serialized: its function is not registered, and code is never saved (Keras, too, refuses " +
            "to load lambdas by default). Register it with LambdaFunctions.Register(\"my_function\", fn) and build the layer with " +
            "new Lambda(\"my_function\") or with that same fn; loading then finds the function by its name.");
        var config = base.GetConfig();
        config["function"] = new JsonObject
        {
            ["module"] = null,
            ["class_name"] = "function",
            ["config"] = functionName,
            ["registered_name"] = functionName,
        };
        if (OutputShape is not null) config["output_shape"] = LayerConfig.ShapeToJson(OutputShape);
        config["arguments"] = new JsonObject();
        return config;
    }

    internal static void Register() => KerasRegistry.Register("keras.layers", "Lambda", c =>
    {
        if (c["mask"] is not null || c["arguments"] is JsonObject { Count: > 0 })
            throw new NotSupportedException("Lambda config has a 'mask' or keyword 'arguments': only Lambda layers over a single registered function are supported.");
        return new Lambda(
            function: ReadFunctionName(c["function"]),
            outputShape: c["output_shape"] switch
            {
                null => null,
                JsonArray => new Shape(LayerConfig.Ints(c, "output_shape")!),
                var other => throw new NotSupportedException($"Lambda config: 'output_shape' must be a list of sizes; a function ({other.ToJsonString()}) is not supported."),
            },
            name: LayerConfig.Name(c),
            trainable: LayerConfig.Trainable(c),
            dtype: LayerConfig.DType(c));
    });

    // The registered name from Keras's {"class_name": "function", "config": name, "registered_name": ...} or a plain string.
    private static string ReadFunctionName(JsonNode? node) => node switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonObject o when (string?)o["class_name"] == "function" => (string?)o["registered_name"] ?? (string?)o["config"]
            ?? throw new FormatException($"Lambda config: the function entry has no name: {o.ToJsonString()}."),
        JsonObject o when (string?)o["class_name"] == "__lambda__" => throw new NotSupportedException(
            "This Lambda layer was saved with Python bytecode; NotebookKeras never runs code from a file. Write the function in C#, " +
            "register it with LambdaFunctions.Register(name, fn) and save the Lambda layer again."),
        _ => throw new FormatException($"Lambda config needs a 'function' naming a registered function; got {node?.ToJsonString() ?? "nothing"}."),
    };
}
