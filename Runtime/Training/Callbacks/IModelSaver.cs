using NotebookKeras.Runtime.Models;

namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>
/// How <see cref="ModelCheckpoint"/> and <see cref="BackupAndRestore"/> write and read models. Until the Keras file formats arrive
/// (<c>.keras</c>, <c>.weights.h5</c>), the default is <see cref="NpyFolderSaver"/>: a folder of <c>.npy</c> files.
/// </summary>
public interface IModelSaver
{
    /// <summary>Writes the model's weights (all of them, in <c>Model.Weights</c> order) to <paramref name="path"/>.</summary>
    void SaveWeights(Model model, string path);

    /// <summary>Reads weights written by <see cref="SaveWeights"/> into <paramref name="model"/>.</summary>
    void LoadWeights(Model model, string path);

    /// <summary>Writes the model: its config and its weights.</summary>
    void SaveModel(Model model, string path);
}
