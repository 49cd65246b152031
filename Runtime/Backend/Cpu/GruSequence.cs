using System.Buffers;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// A whole GRU sequence with Keras's default activations (tanh, sigmoid recurrent), gates z, r, h, in both of Keras's layouts.
/// <c>resetAfter</c> (the default): one step SGEMM h·R (+ recurrent bias), and the reset gate scales its candidate part.
/// Otherwise the reset gate scales h before the candidate's product: per step h·R_zr, the gate pass, (r·h)·R_h, the candidate
/// pass. Backward mirrors it, with the weight and input gradients as SGEMMs over all timesteps afterwards. As in
/// <see cref="LstmSequence"/>, each thread runs a band of batch rows over the whole sequence.
/// </summary>
internal static unsafe class GruSequence
{
    /// <summary>What the forward pass keeps for the backward pass, each (batch, timesteps, ·) indexed by time.</summary>
    /// <param name="Gates">the activated z, r and candidate (3·units per row)</param>
    /// <param name="HPrev">the h each step started from</param>
    /// <param name="Reset">reset after: the recurrent candidate part h·R_h + b_h; reset before: r·h, the candidate product's input</param>
    internal readonly ref struct Saved(Span<float> gates, Span<float> hPrev, Span<float> reset)
    {
        public readonly Span<float> Gates = gates, HPrev = hPrev, Reset = reset;
    }

    /// <summary>
    /// Runs the sequence. <paramref name="inputBias"/> and <paramref name="recurrentBias"/> (3·units each; the latter only with
    /// <paramref name="resetAfter"/>) may be empty, <paramref name="keep"/> empty (no mask) or (batch, timesteps) 0/1.
    /// </summary>
    public static void Forward(
        in RecurrentSequence s, bool resetAfter, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel,
        ReadOnlySpan<float> inputBias, ReadOnlySpan<float> recurrentBias, ReadOnlySpan<float> keep, ReadOnlySpan<float> h0,
        Saved saved, Span<float> output, Span<float> hT)
    {
        RecurrentProjection.Inputs(s, x, kernel, inputBias, 3 * s.Units, saved.Gates);
        var carry = keep.IsEmpty ? null : ArrayPool<float>.Shared.Rent(s.Batch * s.Units);
        try
        {
            if (carry is not null) Array.Clear(carry);
            fixed (float* prk = recurrentKernel, prb = recurrentBias, pk = keep, ph0 = h0, pg = saved.Gates, phs = saved.HPrev, prs = saved.Reset,
                po = output, phT = hT, pcarry = carry)
            {
                var pass = new ForwardPass(s, resetAfter, prk, prb, pk, ph0, pg, phs, prs, po, phT, pcarry);
                CpuParallel.For(s.Batch, s.Timesteps * 3 * s.Units * s.Units, pass.Run);
            }
        }
        finally
        {
            if (carry is not null) ArrayPool<float>.Shared.Return(carry);
        }
    }

    /// <summary>
    /// Gradients through time. <paramref name="dOutput"/> and <paramref name="dhT"/> may be empty (no upstream gradient); each
    /// requested gradient may be empty to skip it. <paramref name="dGates"/> and <paramref name="dRecurrent"/> are scratch of the
    /// gates' size (the second unused without <paramref name="resetAfter"/>).
    /// </summary>
    public static void Backward(
        in RecurrentSequence s, bool resetAfter, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel,
        ReadOnlySpan<float> keep, Saved saved, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> dhT, Span<float> dGates, Span<float> dRecurrent,
        Span<float> dx, Span<float> dh0, Span<float> dKernel, Span<float> dRecurrentKernel, Span<float> dInputBias, Span<float> dRecurrentBias)
    {
        var (u, width) = (s.Units, 3 * s.Units);
        var state = s.Batch * u;
        var scratch = ArrayPool<float>.Shared.Rent(2 * state);
        try
        {
            var dh = scratch.AsSpan(0, state);
            var dCarry = scratch.AsSpan(state, state);
            RecurrentProjection.Seed(dhT, dh);
            dCarry.Clear();
            fixed (float* prk = recurrentKernel, pk = keep, pg = saved.Gates, phs = saved.HPrev, prs = saved.Reset, pdo = dOutput,
                pdg = dGates, pdr = dRecurrent, pdh = dh, pcarry = dCarry)
            {
                var pass = new BackwardPass(s, resetAfter, prk, pk, pg, phs, prs, pdo, pdg, pdr, pdh, pcarry);
                CpuParallel.For(s.Batch, s.Timesteps * width * u, pass.Run);
            }
            if (!dh0.IsEmpty) dh.CopyTo(dh0);
            RecurrentProjection.Gradients(s, x, kernel, dGates, width, dx, dKernel, dInputBias);
            if (resetAfter)
            {
                if (!dRecurrentKernel.IsEmpty)
                    Sgemm.Multiply(true, false, u, width, s.Rows, 1f, saved.HPrev, u, dRecurrent, width, 0f, dRecurrentKernel, width);
                if (!dRecurrentBias.IsEmpty) RecurrentProjection.ColumnSums(dRecurrent, s.Rows, width, dRecurrentBias);
            }
            else if (!dRecurrentKernel.IsEmpty)
            {
                // dR_zr = h_prevᵀ · dG_zr and dR_h = (r·h_prev)ᵀ · dG_h, side by side in the (units, 3·units) gradient.
                Sgemm.Multiply(true, false, u, 2 * u, s.Rows, 1f, saved.HPrev, u, dGates, width, 0f, dRecurrentKernel, width);
                Sgemm.Multiply(true, false, u, u, s.Rows, 1f, saved.Reset, u, dGates[(2 * u)..], width, 0f, dRecurrentKernel[(2 * u)..], width);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    private sealed class ForwardPass(
        RecurrentSequence s, bool resetAfter, float* recurrentKernel, float* recurrentBias, float* keep, float* h0, float* gates,
        float* hPrev, float* reset, float* output, float* hT, float* carry)
    {
        public void Run(int b0, int b1)
        {
            var buffer = ArrayPool<float>.Shared.Rent((b1 - b0) * 3 * s.Units);
            try
            {
                fixed (float* rec = buffer) Steps(b0, b1, rec);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
        }

        // rec holds the band's recurrent products, (rows, 3·units).
        private void Steps(int b0, int b1, float* rec)
        {
            var (u, width, rows, ld) = (s.Units, 3 * s.Units, b1 - b0, s.Timesteps * s.Units);
            var first = s.Time(0);
            for (var b = b0; b < b1; b++) new Span<float>(h0 + (nint)b * u, u).CopyTo(new Span<float>(hPrev + s.Row(b, first, u), u));
            for (var step = 0; step < s.Timesteps; step++)
            {
                var t = s.Time(step);
                var hp0 = hPrev + s.Row(b0, t, u);
                if (resetAfter)
                {
                    for (var r = 0; r < rows; r++)
                    {
                        var row = new Span<float>(rec + (nint)r * width, width);
                        if (recurrentBias == null) row.Clear();
                        else new ReadOnlySpan<float>(recurrentBias, width).CopyTo(row);
                    }
                    RecurrentProjection.Product(false, rows, width, u, hp0, ld, recurrentKernel, width, rec, width, 1f);
                }
                else RecurrentProjection.Product(false, rows, 2 * u, u, hp0, ld, recurrentKernel, width, rec, width, 0f);
                for (var b = b0; b < b1; b++)
                {
                    if (!Kept(b, t)) continue;
                    var z = gates + s.Row(b, t, width);
                    var rb = rec + (nint)(b - b0) * width;
                    if (resetAfter) GateColumns.Run(new AfterCell(z, rb, hPrev + s.Row(b, t, u), reset + s.Row(b, t, u), s.NextState(hPrev, hT, b, step), u), u);
                    else GateColumns.Run(new BeforeGates(z, rb, hPrev + s.Row(b, t, u), reset + s.Row(b, t, u), u), u);
                }
                if (!resetAfter)
                {
                    // The candidate's product (r·h)·R_h; masked rows' products are computed and ignored.
                    RecurrentProjection.Product(false, rows, u, u, reset + s.Row(b0, t, u), ld, recurrentKernel + 2 * u, width, rec + 2 * u, width, 0f);
                    for (var b = b0; b < b1; b++)
                    {
                        if (Kept(b, t))
                            GateColumns.Run(new BeforeCandidate(gates + s.Row(b, t, width), rec + (nint)(b - b0) * width, hPrev + s.Row(b, t, u), s.NextState(hPrev, hT, b, step), u), u);
                    }
                }
                for (var b = b0; b < b1; b++)
                {
                    var hn = s.NextState(hPrev, hT, b, step);
                    if (!Kept(b, t)) new Span<float>(hPrev + s.Row(b, t, u), u).CopyTo(new Span<float>(hn, u));
                    s.WriteOutput(output, keep, carry, hn, b, step, t);
                }
            }
        }

        private bool Kept(int b, int t) => keep == null || keep[b * s.Timesteps + t] != 0f;
    }

    private sealed class BackwardPass(
        RecurrentSequence s, bool resetAfter, float* recurrentKernel, float* keep, float* gates, float* hPrev, float* reset,
        float* dOutput, float* dGates, float* dRecurrent, float* dh, float* dCarry)
    {
        public void Run(int b0, int b1)
        {
            var u = s.Units;
            var buffer = ArrayPool<float>.Shared.Rent(u + (b1 - b0) * u);
            try
            {
                fixed (float* p = buffer) Steps(b0, b1, p, p + u);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
        }

        // dhTilde: one row of the gradient reaching a step's new h; dReset: the band's gradient of r·h (reset before).
        private void Steps(int b0, int b1, float* dhTilde, float* dReset)
        {
            var (u, width, rows, ldg) = (s.Units, 3 * s.Units, b1 - b0, s.Timesteps * 3 * s.Units);
            for (var step = s.Timesteps - 1; step >= 0; step--)
            {
                var t = s.Time(step);
                for (var b = b0; b < b1; b++)
                {
                    var dg = dGates + s.Row(b, t, width);
                    if (!s.IncomingGradient(dOutput, keep, dCarry, dh, dhTilde, b, step, t))
                    {
                        new Span<float>(dg, width).Clear();
                        if (resetAfter) new Span<float>(dRecurrent + s.Row(b, t, width), width).Clear();
                        continue;
                    }
                    var dr = resetAfter ? dRecurrent + s.Row(b, t, width) : null;
                    GateColumns.Run(new CellBackward(gates + s.Row(b, t, width), hPrev + s.Row(b, t, u), reset + s.Row(b, t, u), dhTilde, dg, dr, dh + (nint)b * u, u), u);
                }
                if (resetAfter)
                {
                    // dh_prev = dh~·z (already in dh) + dRecurrent · Rᵀ; masked rows' zero gradients add nothing to their carried dh.
                    RecurrentProjection.Product(true, rows, u, width, dRecurrent + s.Row(b0, t, width), ldg, recurrentKernel, width, dh + (nint)b0 * u, u, 1f);
                    continue;
                }
                // d(r·h) = dG_h · R_hᵀ, then the reset gate's gradient and its share of dh_prev, then dh_prev += dG_zr · R_zrᵀ.
                RecurrentProjection.Product(true, rows, u, u, dGates + s.Row(b0, t, width) + 2 * u, ldg, recurrentKernel + 2 * u, width, dReset, u, 0f);
                for (var b = b0; b < b1; b++)
                {
                    if (keep == null || keep[b * s.Timesteps + t] != 0f)
                        GateColumns.Run(new ResetBackward(gates + s.Row(b, t, width), hPrev + s.Row(b, t, u), dReset + (nint)(b - b0) * u, dGates + s.Row(b, t, width), dh + (nint)b * u, u), u);
                }
                RecurrentProjection.Product(true, rows, u, 2 * u, dGates + s.Row(b0, t, width), ldg, recurrentKernel, width, dh + (nint)b0 * u, u, 1f);
            }
        }
    }

    // reset after: z, r = sigmoid(x_zr + rec_zr), candidate = tanh(x_h + r·rec_h), h = candidate + z·(h_prev - candidate).
    private readonly struct AfterCell(float* g, float* rec, float* hp, float* saved, float* h, int u) : IGateColumns
    {
        public void Invoke<TV>(nuint j) where TV : struct, IFloatVector<TV>
        {
            var z = VectorMath.Sigmoid(TV.Load(ref g[0], j) + TV.Load(ref rec[0], j));
            var r = VectorMath.Sigmoid(TV.Load(ref g[u], j) + TV.Load(ref rec[u], j));
            var recH = TV.Load(ref rec[2 * u], j);
            var candidate = VectorMath.Tanh(TV.MultiplyAdd(r, recH, TV.Load(ref g[2 * u], j)));
            TV.Store(z, ref g[0], j);
            TV.Store(r, ref g[u], j);
            TV.Store(candidate, ref g[2 * u], j);
            TV.Store(recH, ref saved[0], j);
            TV.Store(TV.MultiplyAdd(z, TV.Load(ref hp[0], j) - candidate, candidate), ref h[0], j);
        }
    }

    // reset before, first pass: z, r = sigmoid(x_zr + h_prev·R_zr), and r·h_prev for the candidate's product.
    private readonly struct BeforeGates(float* g, float* rec, float* hp, float* saved, int u) : IGateColumns
    {
        public void Invoke<TV>(nuint j) where TV : struct, IFloatVector<TV>
        {
            var z = VectorMath.Sigmoid(TV.Load(ref g[0], j) + TV.Load(ref rec[0], j));
            var r = VectorMath.Sigmoid(TV.Load(ref g[u], j) + TV.Load(ref rec[u], j));
            TV.Store(z, ref g[0], j);
            TV.Store(r, ref g[u], j);
            TV.Store(r * TV.Load(ref hp[0], j), ref saved[0], j);
        }
    }

    // reset before, second pass: candidate = tanh(x_h + (r·h_prev)·R_h), h = candidate + z·(h_prev - candidate).
    private readonly struct BeforeCandidate(float* g, float* rec, float* hp, float* h, int u) : IGateColumns
    {
        public void Invoke<TV>(nuint j) where TV : struct, IFloatVector<TV>
        {
            var candidate = VectorMath.Tanh(TV.Load(ref g[2 * u], j) + TV.Load(ref rec[2 * u], j));
            TV.Store(candidate, ref g[2 * u], j);
            TV.Store(TV.MultiplyAdd(TV.Load(ref g[0], j), TV.Load(ref hp[0], j) - candidate, candidate), ref h[0], j);
        }
    }

    // From the activated gates and dh~: the input-side gate gradients (z, candidate; r too after), the recurrent-side ones
    // (reset after: z, r, r·d_candidate) and dh_prev's direct share dh~·z, written over dh.
    private readonly struct CellBackward(float* g, float* hp, float* saved, float* dhTilde, float* dg, float* dRec, float* dh, int u) : IGateColumns
    {
        public void Invoke<TV>(nuint j) where TV : struct, IFloatVector<TV>
        {
            var z = TV.Load(ref g[0], j);
            var candidate = TV.Load(ref g[2 * u], j);
            var d = TV.Load(ref dhTilde[0], j);
            var dz = GateColumns.Flush(d * (TV.Load(ref hp[0], j) - candidate) * z * ((TV)1f - z));
            var dCandidate = GateColumns.Flush(d * ((TV)1f - z) * ((TV)1f - candidate * candidate));
            TV.Store(dz, ref dg[0], j);
            TV.Store(dCandidate, ref dg[2 * u], j);
            TV.Store(GateColumns.Flush(d * z), ref dh[0], j);
            if (dRec == null) return;
            var r = TV.Load(ref g[u], j);
            var dr = GateColumns.Flush(dCandidate * TV.Load(ref saved[0], j) * r * ((TV)1f - r));
            TV.Store(dr, ref dg[u], j);
            TV.Store(dz, ref dRec[0], j);
            TV.Store(dr, ref dRec[u], j);
            TV.Store(GateColumns.Flush(dCandidate * r), ref dRec[2 * u], j);
        }
    }

    // reset before: from d(r·h_prev), the reset gate's pre-activation gradient and r·d(r·h_prev) added to dh_prev.
    private readonly struct ResetBackward(float* g, float* hp, float* dReset, float* dg, float* dh, int u) : IGateColumns
    {
        public void Invoke<TV>(nuint j) where TV : struct, IFloatVector<TV>
        {
            var r = TV.Load(ref g[u], j);
            var d = TV.Load(ref dReset[0], j);
            TV.Store(GateColumns.Flush(d * TV.Load(ref hp[0], j) * r * ((TV)1f - r)), ref dg[u], j);
            TV.Store(GateColumns.Flush(TV.MultiplyAdd(d, r, TV.Load(ref dh[0], j))), ref dh[0], j);
        }
    }
}
