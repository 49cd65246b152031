namespace NotebookKeras.Dsl;

public static partial class Keras
{
    /// <summary>
    /// <c>keras.saving.load_model("x.keras")</c>: a model saved by <c>model.Save</c> or by Python Keras 3, rebuilt from its config
    /// with its weights.
    /// </summary>
    public static Runtime.Models.Model LoadModel(string path) => Runtime.Models.Model.Load(path);
}
