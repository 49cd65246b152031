using System.Numerics.Tensors;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// The shape of a fused recurrent pass and the per-row bookkeeping LSTM and GRU share: where a step's states live, how a
/// masked step carries its states and output (Keras's RNN rules, incl. <c>zero_output_for_mask</c>), and the gradient a step's
/// output receives. Buffers saved for the backward pass are batch-major, (batch, timesteps, ·) rows indexed by the step's time,
/// so the weight gradients over all timesteps are single SGEMMs.
/// </summary>
internal readonly record struct RecurrentSequence(
    int Batch, int Timesteps, int InputDim, int Units, bool GoBackwards, bool ReturnSequences, bool ZeroOutputForMask)
{
    /// <summary>The time index of the <paramref name="step"/>-th processed step.</summary>
    public int Time(int step) => GoBackwards ? Timesteps - 1 - step : step;

    /// <summary>Rows of the (batch·timesteps, ·) matrices.</summary>
    public int Rows => Batch * Timesteps;

    /// <summary>The offset of row (b, t) in a (batch, timesteps, width) buffer.</summary>
    public int Row(int b, int t, int width) => (b * Timesteps + t) * width;

    /// <summary>Where step <paramref name="step"/> writes a state of row b: the next step's saved input state, or the final state.</summary>
    public unsafe float* NextState(float* saved, float* final, int b, int step) =>
        step < Timesteps - 1 ? saved + Row(b, Time(step + 1), Units) : final + (nint)b * Units;

    /// <summary>
    /// Writes row b's output of a step whose new h is <paramref name="h"/>. Without a mask the output is h; with one, a kept step
    /// sets the carried output (<paramref name="carry"/>, zero before the first kept step) and a masked step repeats it, or
    /// writes zeros with <c>zeroOutputForMask</c>. Only the last step writes when the layer returns the last output only.
    /// </summary>
    public unsafe void WriteOutput(float* output, float* keep, float* carry, float* h, int b, int step, int t)
    {
        var u = Units;
        var kept = keep == null || keep[b * Timesteps + t] != 0f;
        if (keep != null && kept) new Span<float>(h, u).CopyTo(new Span<float>(carry + (nint)b * u, u));
        float* target = ReturnSequences ? output + ((nint)b * Timesteps + step) * u : step == Timesteps - 1 ? output + (nint)b * u : null;
        if (target == null) return;
        var source = keep == null ? h : carry + (nint)b * u;
        if (!kept && ZeroOutputForMask) new Span<float>(target, u).Clear();
        else new Span<float>(source, u).CopyTo(new Span<float>(target, u));
    }

    /// <summary>
    /// The gradient reaching row b's new h at a step, into <paramref name="dh"/>: the carried state gradient <paramref name="dState"/>
    /// plus the output's. With a mask, the output gradient of masked steps accumulates in <paramref name="dCarry"/> until the kept
    /// step whose h the output repeats. Returns false for a masked step (its gates get no gradient, its states pass through).
    /// </summary>
    public unsafe bool IncomingGradient(float* dOutput, float* keep, float* dCarry, float* dState, float* dh, int b, int step, int t)
    {
        var u = Units;
        var kept = keep == null || keep[b * Timesteps + t] != 0f;
        float* dy = dOutput == null ? null
            : ReturnSequences ? dOutput + ((nint)b * Timesteps + step) * u
            : step == Timesteps - 1 ? dOutput + (nint)b * u : null;
        if (!kept && ZeroOutputForMask) dy = null;
        var state = new ReadOnlySpan<float>(dState + (nint)b * u, u);
        var target = new Span<float>(dh, u);
        if (keep == null)
        {
            if (dy == null) state.CopyTo(target);
            else TensorPrimitives.Add(state, new ReadOnlySpan<float>(dy, u), target);
            return true;
        }
        var carry = new Span<float>(dCarry + (nint)b * u, u);
        if (dy != null) TensorPrimitives.Add(carry, new ReadOnlySpan<float>(dy, u), carry);
        if (!kept) return false;
        TensorPrimitives.Add(state, carry, target);
        carry.Clear();
        return true;
    }
}
