namespace NotebookKeras.Runtime.Tensors;

/// <summary>Element type of a <see cref="Tensor"/>: float32 for values, int32 for indices and labels.</summary>
public enum DType
{
    Float32,
    Int32,
}

/// <summary>Keras-style names for <see cref="DType"/>.</summary>
public static class DTypeNames
{
    /// <summary>The Keras/NumPy name: "float32" or "int32".</summary>
    public static string KerasName(this DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Int32 => "int32",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>Parses "float32"/"int32" (the names Keras configs use).</summary>
    public static DType Parse(string name) => name switch
    {
        "float32" => DType.Float32,
        "int32" => DType.Int32,
        _ => throw new ArgumentException($"Unsupported dtype '{name}': expected 'float32' or 'int32'.", nameof(name)),
    };
}
