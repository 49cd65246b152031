using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Saving;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Initializers;

/// <summary>
/// Creates the initial value of a weight from its shape, as Keras's <c>keras.initializers.Initializer</c>: <see cref="Call"/> is
/// Keras's <c>__call__(shape, dtype)</c>. Built-in initializers are found by their Keras names with <see cref="Get(string)"/>
/// ("glorot_uniform", "zeros", ...) and serialize through the <see cref="KerasRegistry"/>.
/// </summary>
public abstract class Initializer : IKerasSerializable
{
    internal static readonly KerasCatalog<Initializer> Catalog = new KerasCatalog<Initializer>("keras.initializers", "initializer")
        .Add("Zeros", Zeros.FromConfig, "zeros", "zero")
        .Add("Ones", Ones.FromConfig, "ones", "one")
        .Add("Constant", Constant.FromConfig, "constant")
        .Add("RandomUniform", RandomUniform.FromConfig, "random_uniform", "uniform")
        .Add("RandomNormal", RandomNormal.FromConfig, "random_normal", "normal")
        .Add("TruncatedNormal", TruncatedNormal.FromConfig, "truncated_normal")
        .Add("VarianceScaling", VarianceScaling.FromConfig, "variance_scaling")
        .Add("GlorotUniform", GlorotUniform.FromConfig, "glorot_uniform")
        .Add("GlorotNormal", GlorotNormal.FromConfig, "glorot_normal")
        .Add("HeUniform", HeUniform.FromConfig, "he_uniform")
        .Add("HeNormal", HeNormal.FromConfig, "he_normal")
        .Add("LecunUniform", LecunUniform.FromConfig, "lecun_uniform")
        .Add("LecunNormal", LecunNormal.FromConfig, "lecun_normal")
        .Add("Orthogonal", Orthogonal.FromConfig, "orthogonal")
        .Add("OrthogonalInitializer", Orthogonal.FromConfig, "orthogonal_initializer") // Keras 3.0-3.3's class name
        .Add("Identity", Identity.FromConfig, "identity")
        .Add("IdentityInitializer", Identity.FromConfig, "identity_initializer");

    /// <summary>Every name <see cref="Get(string)"/> accepts: class names, snake_case names and Keras's aliases.</summary>
    public static IReadOnlyList<string> Names => Catalog.Names;

    /// <inheritdoc />
    public virtual string Module => "keras.initializers";

    /// <inheritdoc />
    public abstract string ClassName { get; }

    /// <summary>The constructor arguments under their Keras names (none for <see cref="Zeros"/> and <see cref="Ones"/>).</summary>
    public virtual JsonObject GetConfig() => [];

    /// <summary>A new tensor of <paramref name="shape"/> (fully defined) holding the initial values.</summary>
    public abstract Tensor Call(Shape shape, DType dtype = DType.Float32);

    /// <summary>
    /// The initializer called <paramref name="name"/>, with its default arguments: a Keras class name ("GlorotUniform"), its
    /// snake_case name ("glorot_uniform") or an alias ("uniform", "normal", "one", "zero"). Case-sensitive, as Keras; an unknown
    /// name throws an error listing the valid ones.
    /// </summary>
    public static Initializer Get(string name) => Catalog.Get(name);

    /// <summary>Lets every argument typed Initializer take a Keras name too: <c>Dense(64, kernelInitializer: "he_normal")</c>.</summary>
    public static implicit operator Initializer(string name) => Get(name);

    /// <summary>
    /// Keras's <c>keras.initializers.get</c>: a name (see <see cref="Get(string)"/>), an <see cref="Initializer"/> (returned as
    /// is), or a serialized config as a <see cref="JsonObject"/>; null gives null.
    /// </summary>
    public static Initializer? Get(object? identifier) => Catalog.Get(identifier);

    public override string ToString() => KerasCatalog<Initializer>.Describe(this);

    internal static void RegisterBuiltIns() => Catalog.RegisterAll();

    /// <summary>A new tensor of <paramref name="shape"/> filled with <paramref name="value"/> (truncated toward zero for int32).</summary>
    private protected Tensor Filled(Shape shape, DType dtype, float value)
    {
        RequireConcrete(shape);
        if (dtype != DType.Int32) return value == 0 ? Tensor.Empty(shape) : Tensor.Full(shape, value);
        var y = Tensor.EmptyInt(shape);
        if (value != 0) y.Ints.Fill((int)value);
        return y;
    }

    /// <summary>Throws unless every dimension is known, naming the initializer.</summary>
    private protected void RequireConcrete(Shape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (!shape.IsFullyDefined)
            throw new ArgumentException($"{ClassName}: the shape {shape} has unknown (None) dimensions; a weight needs a fully defined shape.", nameof(shape));
    }

    /// <summary>Throws unless <paramref name="dtype"/> is float32 (random and matrix initializers make floats only).</summary>
    private protected void RequireFloat(DType dtype)
    {
        if (dtype != DType.Float32)
            throw new ArgumentException($"{ClassName}: only float32 weights can be initialized with random or matrix values; got dtype {dtype.KerasName()}.", nameof(dtype));
    }

    /// <summary>Throws unless <paramref name="value"/> is finite, naming the initializer and the argument.</summary>
    private protected static float Finite(float value, string argument, string owner) => float.IsFinite(value)
        ? value
        : throw new ArgumentOutOfRangeException(argument, value, $"{owner}: {argument} must be a finite number; got {value}.");
}
