namespace NotebookKeras.Dsl;

public static partial class Keras
{
    /// <summary>
    /// <c>keras.saving.load_model(path, custom_objects)</c>: a model saved by <c>model.Save</c> or by Python Keras (a Keras 3
    /// <c>.keras</c> archive, a legacy Keras 2 <c>.h5</c> file, or a TensorFlow.js layers model: <c>model.json</c> with its
    /// weight shards beside it), rebuilt from its config with its weights. Custom classes
    /// not registered otherwise can be given in <paramref name="customObjects"/> by registered name or class name.
    /// </summary>
    public static Runtime.Models.Model LoadModel(string path, IReadOnlyDictionary<string, Type>? customObjects = null) =>
        Runtime.Models.Model.Load(path, customObjects);

    /// <summary>
    /// <c>keras.models.model_from_json(json, custom_objects)</c>: the model described by Keras 3 JSON (<c>model.to_json()</c>),
    /// Keras 2 JSON or a TensorFlow.js model topology, with fresh weights (load them with <c>LoadWeights</c>).
    /// </summary>
    public static Runtime.Models.Model ModelFromJson(string json, IReadOnlyDictionary<string, Type>? customObjects = null) =>
        Runtime.Models.Model.FromJson(json, customObjects);

    /// <summary>
    /// <c>keras.saving.register_keras_serializable(package, name)</c> in code: <typeparamref name="T"/> saves as
    /// "Package>Name" and loads back by that name (the same as marking it <c>[RegisterKerasSerializable(package, name)]</c>).
    /// </summary>
    public static void RegisterSerializable<T>(string package = "Custom", string? name = null)
        where T : class, Runtime.Saving.IKerasSerializable =>
        Runtime.Saving.KerasRegistry.RegisterSerializable<T>(package, name);
}
