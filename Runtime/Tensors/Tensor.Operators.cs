namespace NotebookKeras.Runtime.Tensors;

// C# operators delegate to the differentiable ops, so `x / 255f` and `a * b + c` work on the tape too.
public sealed partial class Tensor
{
    public static Tensor operator +(Tensor x, Tensor y) => Ops.Add(x, y);
    public static Tensor operator -(Tensor x, Tensor y) => Ops.Subtract(x, y);
    public static Tensor operator *(Tensor x, Tensor y) => Ops.Multiply(x, y);
    public static Tensor operator /(Tensor x, Tensor y) => Ops.Divide(x, y);
    public static Tensor operator +(Tensor x, float y) => Ops.Add(x, Scalar(y));
    public static Tensor operator -(Tensor x, float y) => Ops.Subtract(x, Scalar(y));
    public static Tensor operator *(Tensor x, float y) => Ops.Multiply(x, Scalar(y));
    public static Tensor operator /(Tensor x, float y) => Ops.Divide(x, Scalar(y));
    public static Tensor operator +(float x, Tensor y) => Ops.Add(Scalar(x), y);
    public static Tensor operator -(float x, Tensor y) => Ops.Subtract(Scalar(x), y);
    public static Tensor operator *(float x, Tensor y) => Ops.Multiply(Scalar(x), y);
    public static Tensor operator /(float x, Tensor y) => Ops.Divide(Scalar(x), y);
    public static Tensor operator -(Tensor x) => Ops.Negative(x);

    /// <summary>Same shape, new order of elements' axes: see <see cref="Ops.Reshape"/>.</summary>
    public Tensor Reshape(params int[] shape) => Ops.Reshape(this, shape);
}
