using NotebookKeras.Runtime.Initializers;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Recurrent;

/// <summary>Shape checks and initializers shared by the built-in cells' <c>Build</c>.</summary>
internal static class RecurrentWeights
{
    /// <summary>The feature size of a step input (batch, features), which must be known to build the kernel.</summary>
    public static int InputDim(Layer cell, Shape stepShape)
    {
        if (stepShape.Rank != 2 || stepShape[-1] < 0)
            throw new ArgumentException($"Cell '{cell.Name}' ({cell.ClassName}) is built for one timestep of shape (batch, features) with known features; got {stepShape}.");
        return stepShape[-1];
    }

    /// <summary>
    /// LSTM's <c>unit_forget_bias</c> initializer (Keras): the bias initializer for the input gate, ones for the forget gate,
    /// the bias initializer again for the cell and output gates.
    /// </summary>
    public sealed class UnitForgetBias(Initializer biasInitializer, int units) : Initializer
    {
        public override string ClassName => "UnitForgetBias";

        public override Tensor Call(Shape shape, DType dtype = DType.Float32) => Ops.Concatenate(
            [biasInitializer.Call(new Shape(units), dtype), Tensor.Ones(units), biasInitializer.Call(new Shape(2 * units), dtype)]);
    }
}
