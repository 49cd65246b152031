namespace NotebookKeras.Dsl;

public static partial class Keras
{
    /// <summary>
    /// <c>keras.saving.load_model(path)</c>: a model saved by <c>model.Save</c> or by Python Keras (a Keras 3 <c>.keras</c>
    /// archive, or a legacy Keras 2 <c>.h5</c> file), rebuilt from its config with its weights.
    /// </summary>
    public static Runtime.Models.Model LoadModel(string path) => Runtime.Models.Model.Load(path);

    /// <summary>
    /// <c>keras.models.model_from_json(json)</c>: the model described by Keras 3 JSON (<c>model.to_json()</c>), Keras 2 JSON or a
    /// TensorFlow.js model topology, with fresh weights (load them with <c>LoadWeights</c>).
    /// </summary>
    public static Runtime.Models.Model ModelFromJson(string json) => Runtime.Models.Model.FromJson(json);
}
