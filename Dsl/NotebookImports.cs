namespace NotebookKeras.Dsl;

/// <summary>
/// The NotebookKeras namespaces a notebook cell starts with, in every host (the NotebookKeras kernel and the .NET Interactive
/// extension), besides <c>using static NotebookKeras.Dsl.Keras;</c>.
/// </summary>
public static class NotebookImports
{
    public static IReadOnlyList<string> Namespaces { get; } =
    [
        "NotebookKeras.Runtime", "NotebookKeras.Runtime.Tensors", "NotebookKeras.Runtime.Models", "NotebookKeras.Runtime.Layers",
        "NotebookKeras.Runtime.Training", "NotebookKeras.Runtime.Training.Callbacks",
    ];
}
