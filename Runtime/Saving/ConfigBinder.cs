using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Layers;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Saving;

/// <summary>
/// Re-creates a custom class from its config as Keras's default <c>from_config</c> (<c>cls(**config)</c>): the class's own
/// static <c>FromConfig(JsonObject)</c> when it declares one, else its constructor, each parameter read from the config key
/// of the same name in snake_case (<c>useBias</c> from <c>use_bias</c>); absent keys give the parameter's default.
/// </summary>
internal static class ConfigBinder
{
    public static Func<JsonObject, IKerasSerializable> FactoryFor(Type type)
    {
        if (type.IsAbstract || !typeof(IKerasSerializable).IsAssignableFrom(type))
            throw new ArgumentException($"{type.FullName} cannot be registered as a Keras object: it must be a concrete class implementing IKerasSerializable (e.g. a Layer).", nameof(type));
        var fromConfig = type.GetMethod("FromConfig", BindingFlags.Public | BindingFlags.Static, [typeof(JsonObject)]);
        if (fromConfig is not null && type.IsAssignableFrom(fromConfig.ReturnType))
            return config => (IKerasSerializable)Invoke(type, () => fromConfig.Invoke(null, [config]));
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new ArgumentException($"{type.FullName} has no public constructor; give it one, or a public static FromConfig(JsonObject) method.", nameof(type));
        var parameters = constructor.GetParameters();
        return config =>
        {
            var args = parameters.Select(p => Argument(type, p, config)).ToArray();
            return (IKerasSerializable)Invoke(type, () => constructor.Invoke(args));
        };
    }

    private static object Invoke(Type type, Func<object?> create)
    {
        try
        {
            return create() ?? throw new InvalidOperationException($"{type.FullName}.FromConfig returned null.");
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new FormatException($"{type.Name} could not be created from its config: {e.InnerException.Message}", e.InnerException);
        }
    }

    private static object? Argument(Type owner, ParameterInfo parameter, JsonObject config)
    {
        var key = LayerNames.ToSnakeCase(parameter.Name!);
        if (config[key] is not { } node)
        {
            if (parameter.HasDefaultValue) return parameter.DefaultValue;
            if (!config.ContainsKey(key))
                throw new FormatException($"{owner.Name} config has no '{key}' for the required constructor parameter '{parameter.Name}'.");
            return null;
        }
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        try
        {
            return Convert(type, node, config, key);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            throw new FormatException($"{owner.Name} config: '{key}' = {node.ToJsonString()} does not fit constructor parameter '{parameter.Name}' ({type.Name}): {e.Message}", e);
        }
    }

    private static object? Convert(Type type, JsonNode node, JsonObject config, string key)
    {
        if (type == typeof(int)) return config.GetInt(key, 0, "custom object");
        if (type == typeof(float)) return config.GetFloat(key, 0f, "custom object");
        if (type == typeof(double)) return (double)config.GetFloat(key, 0f, "custom object");
        if (type == typeof(bool)) return node.GetValue<bool>();
        if (type == typeof(string)) return node.GetValue<string>();
        if (type == typeof(DType)) return LayerConfig.DType(config);
        if (type == typeof(int[])) return config.GetAxes(key, [], "custom object");
        if (type == typeof(Shape)) return new Shape(LayerConfig.Ints(config, key)!);
        if (type.IsEnum) return Enum.Parse(type, node.GetValue<string>().Replace("_", ""), ignoreCase: true);
        if (type == typeof(JsonObject) || type == typeof(JsonNode)) return node.DeepClone();
        if (typeof(IKerasSerializable).IsAssignableFrom(type) && node is JsonObject envelope)
        {
            var value = KerasRegistry.Deserialize(envelope);
            return type.IsInstanceOfType(value) ? value : throw new FormatException($"it holds a {value.GetType().Name}.");
        }
        throw new FormatException("this parameter type is not read from configs; give the class a public static FromConfig(JsonObject) method.");
    }
}
