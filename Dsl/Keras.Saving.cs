namespace NotebookKeras.Dsl;

public static partial class Keras
{
    /// <summary>
    /// <c>keras.saving.load_model("x.keras")</c>: a model saved by <c>model.Save</c> or by Python Keras 3, rebuilt from its config
    /// with its weights; or a TensorFlow.js layers model (<c>model.json</c> with its weight shards beside it).
    /// </summary>
    public static Runtime.Models.Model LoadModel(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? Runtime.Saving.Tfjs.TfjsLayersModel.Load(path) : Runtime.Models.Model.Load(path);
}
