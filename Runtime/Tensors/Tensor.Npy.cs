namespace NotebookKeras.Runtime.Tensors;

// Shortcuts for NpyFile, so notebooks can write `Tensor.LoadNpy("x.npy")` and `x.SaveNpy("x.npy")`.
public sealed partial class Tensor
{
    /// <summary>Reads a NumPy <c>.npy</c> file: see <see cref="NpyFile.Read(string)"/>.</summary>
    public static Tensor LoadNpy(string path) => NpyFile.Read(path);

    /// <summary>Writes this tensor as a NumPy <c>.npy</c> file, atomically: see <see cref="NpyFile.Write(string, Tensor)"/>.</summary>
    public void SaveNpy(string path) => NpyFile.Write(path, this);
}
