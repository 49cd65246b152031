using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Layers.Recurrent;

/// <summary>
/// The part of <see cref="RNN"/>'s call that LSTM and GRU share when they run a whole sequence in one fused op: the initial,
/// carried or zero states, the mask as 0/1 values, the carried states of a stateful layer, the returned list and the activity
/// regularizer. Inputs it does not handle (wrong ranks or shapes, non-float sequences) return null, so the per-step path runs
/// and reports the error as it always does.
/// </summary>
internal static class FusedSequence
{
    /// <summary>The sequence, its states and mask handed to a fused op, which returns the output and the final states.</summary>
    public delegate (Tensor Output, Tensor[] States) Kernel(Tensor sequence, IReadOnlyList<Tensor> states, float[]? keep);

    /// <summary>The fused kernels cover Keras's default activations; dropout while training runs step by step.</summary>
    public static bool Supports(string activation, string recurrentActivation, RecurrentCell cell, bool training) =>
        activation == "tanh" && recurrentActivation == "sigmoid" && !(training && (cell.Dropout > 0f || cell.RecurrentDropout > 0f));

    public static IReadOnlyList<Tensor>? Run(RNN layer, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor?> masks, Kernel kernel, Action<Tensor> addLoss)
    {
        var sequence = inputs[0];
        if (sequence.DType != DType.Float32 || sequence.Rank != 3 || sequence.Shape[1] == 0) return null;
        var (batch, timesteps) = (sequence.Shape[0], sequence.Shape[1]);
        var sizes = layer.Cell.StateSize;
        IReadOnlyList<Tensor> states = inputs.Count > 1 ? inputs.Skip(1).ToArray()
            : layer.Stateful && layer.States is { } carried ? carried
            : sizes.Select(size => Tensor.Zeros(batch, size)).ToArray();
        if (states.Count != sizes.Count) return null;
        for (var i = 0; i < sizes.Count; i++)
        {
            if (states[i].DType != DType.Float32 || states[i].Shape != new Shape(batch, sizes[i])) return null;
        }
        float[]? keep = null;
        if (masks.Count > 0 && masks[0] is { } mask)
        {
            if (mask.Shape != new Shape(batch, timesteps)) return null;
            keep = Keep(mask);
        }

        var (output, final) = kernel(sequence, states, keep);
        if (layer.Stateful) layer.ResetStates(final);
        Tensor[] all = layer.ReturnState ? [output, .. final] : [output];
        if (layer.ActivityRegularizer is { } regularizer)
        {
            foreach (var o in all) addLoss(regularizer.Call(o));
        }
        return all;
    }

    // 0/1 per (batch, timestep); null when every step is kept, so the kernels skip the mask bookkeeping.
    private static float[]? Keep(Tensor mask)
    {
        var keep = new float[mask.Size];
        var all = true;
        if (mask.DType == DType.Int32)
        {
            var values = mask.AsIntSpan();
            for (var i = 0; i < keep.Length; i++) all &= (keep[i] = values[i] != 0 ? 1f : 0f) != 0f;
        }
        else
        {
            var values = mask.AsSpan();
            for (var i = 0; i < keep.Length; i++) all &= (keep[i] = values[i] != 0 ? 1f : 0f) != 0f;
        }
        return all ? null : keep;
    }
}
