namespace NotebookKeras.Runtime.Saving;

/// <summary>
/// Keras's <c>@keras.saving.register_keras_serializable(package, name)</c>: a custom layer (or any
/// <see cref="IKerasSerializable"/>) saves as <c>registered_name: "Package>Name"</c> and loads back by that name.
/// The class is re-created by its public static <c>FromConfig(JsonObject)</c> when it has one, else by its constructor, each
/// parameter taken from the config key of the same name in snake_case (Keras's default <c>cls(**config)</c>).
/// </summary>
/// <remarks>
/// Saving reads the attribute from the object's type. Loading finds the class by its registered name: classes registered with
/// <see cref="KerasRegistry.RegisterSerializable{T}(string, string?)"/> or passed as <c>customObjects</c> are known at once;
/// otherwise, the first time a name is unknown, the loaded assemblies that reference NotebookKeras are scanned once for this
/// attribute. Trimmed or AOT-compiled programs should register their classes explicitly.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RegisterKerasSerializableAttribute(string package = "Custom", string? name = null) : Attribute
{
    /// <summary>The package part of the registered name (Keras's default is "Custom").</summary>
    public string Package { get; } = package;

    /// <summary>The name part; null for the class name.</summary>
    public string? Name { get; } = name;
}
