using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Autodiff;

/// <summary>
/// Mutable state that layers own (kernels, biases, moving statistics). Its <see cref="Value"/> is an ordinary tensor that
/// ops read; a <see cref="GradientTape"/> watches trainable variables automatically, as in Keras/TensorFlow.
/// </summary>
public sealed class Variable
{
    public Variable(Tensor initialValue, string name = "variable", bool trainable = true)
    {
        ArgumentNullException.ThrowIfNull(initialValue);
        Value = Copy(initialValue);
        Value.Owner = this;
        Name = name;
        Path = name;
        Trainable = trainable;
    }

    /// <summary>The variable's path, Keras 3's <c>variable.path</c>: "layer_name/weight_name" for layer weights.</summary>
    public string Path { get; init; }

    /// <summary>The projection optimizers apply after each update (Keras's <c>variable.constraint</c>), if any.</summary>
    public Constraints.Constraint? Constraint { get; init; }

    /// <summary>The variable's name (Keras: the weight name, e.g. "kernel").</summary>
    public string Name { get; }

    /// <summary>Whether optimizers update it and tapes watch it.</summary>
    public bool Trainable { get; set; }

    /// <summary>The current value. Assignments update it in place, so the same tensor object stays the variable's value.</summary>
    public Tensor Value { get; }

    public Shape Shape => Value.Shape;

    public DType DType => Value.DType;

    /// <summary>Overwrites the value with <paramref name="value"/> (same shape and dtype).</summary>
    public void Assign(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        CheckCompatible(value, nameof(Assign));
        if (ReferenceEquals(value, Value)) return;
        if (DType == DType.Float32) value.AsSpan().CopyTo(Value.Floats);
        else value.AsIntSpan().CopyTo(Value.Ints);
    }

    /// <summary>Adds <paramref name="delta"/> to the value in place.</summary>
    public void AssignAdd(Tensor delta)
    {
        CheckCompatible(delta, nameof(AssignAdd));
        System.Numerics.Tensors.TensorPrimitives.Add(Value.Floats, delta.AsSpan(), Value.Floats);
    }

    /// <summary>Subtracts <paramref name="delta"/> from the value in place.</summary>
    public void AssignSub(Tensor delta)
    {
        CheckCompatible(delta, nameof(AssignSub));
        System.Numerics.Tensors.TensorPrimitives.Subtract(Value.Floats, delta.AsSpan(), Value.Floats);
    }

    public static implicit operator Tensor(Variable v) => v.Value;

    public override string ToString() => $"<Variable '{Path}' shape={Shape} dtype={DType.KerasName()}>";

    private void CheckCompatible(Tensor value, string operation)
    {
        if (value.Shape != Shape || value.DType != DType)
            throw new ArgumentException(
                $"{operation} on variable '{Name}': expected shape {Shape} and dtype {DType.KerasName()}, got shape {value.Shape} and dtype {value.DType.KerasName()}.");
    }

    private static Tensor Copy(Tensor t) => t.DType == DType.Float32
        ? new Tensor(t.Shape, t.AsSpan().ToArray())
        : new Tensor(t.Shape, t.AsIntSpan().ToArray());
}
