using System.Text.Json.Nodes;

namespace NotebookKeras.Runtime.Saving;

/// <summary>
/// An object that round-trips through its Keras config: <see cref="GetConfig"/> returns the constructor arguments under their
/// Keras snake_case names, and the <see cref="KerasRegistry"/> re-creates the object from (module, class_name, config).
/// </summary>
public interface IKerasSerializable
{
    /// <summary>The Keras module the class is exported from, e.g. "keras.layers", "keras.initializers".</summary>
    string Module { get; }

    /// <summary>The Keras class name, e.g. "Dense", "GlorotUniform".</summary>
    string ClassName { get; }

    /// <summary>The constructor arguments as plain JSON values, with Keras's snake_case keys.</summary>
    JsonObject GetConfig();
}
