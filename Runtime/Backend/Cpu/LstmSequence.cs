using System.Buffers;
using System.Numerics.Tensors;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// A whole LSTM sequence with Keras's default activations (tanh, sigmoid recurrent), gates i, f, c, o. Forward: the input
/// projection of all timesteps as one SGEMM, then per step a small SGEMM h·R into the step's gate rows and one fused pass over
/// them. Backward through time mirrors it: one fused pass gives the step's gate gradients, one SGEMM the previous h's; the weight
/// and input gradients are single SGEMMs over all timesteps afterwards. Batch rows are independent through time, so each thread
/// runs a band of rows over the whole sequence.
/// </summary>
internal static unsafe class LstmSequence
{
    /// <summary>What the forward pass keeps for the backward pass, each (batch, timesteps, ·) indexed by time.</summary>
    /// <param name="Gates">the activated gates i, f, c, o (4·units per row)</param>
    /// <param name="HPrev">the h each step started from</param>
    /// <param name="CPrev">the c each step started from</param>
    /// <param name="TanhC">tanh of each step's new c</param>
    internal readonly ref struct Saved(Span<float> gates, Span<float> hPrev, Span<float> cPrev, Span<float> tanhC)
    {
        public readonly Span<float> Gates = gates, HPrev = hPrev, CPrev = cPrev, TanhC = tanhC;
    }

    /// <summary>
    /// Runs the sequence. <paramref name="bias"/> may be empty (no bias), <paramref name="keep"/> empty (no mask) or (batch,
    /// timesteps) 0/1. <paramref name="output"/> is (batch, timesteps, units) or (batch, units), as the layer returns it.
    /// </summary>
    public static void Forward(
        in RecurrentSequence s, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel,
        ReadOnlySpan<float> bias, ReadOnlySpan<float> keep, ReadOnlySpan<float> h0, ReadOnlySpan<float> c0,
        Saved saved, Span<float> output, Span<float> hT, Span<float> cT)
    {
        var width = 4 * s.Units;
        RecurrentProjection.Inputs(s, x, kernel, bias, width, saved.Gates);
        var carry = keep.IsEmpty ? null : ArrayPool<float>.Shared.Rent(s.Batch * s.Units);
        try
        {
            if (carry is not null) Array.Clear(carry);
            fixed (float* px = recurrentKernel, pk = keep, ph0 = h0, pc0 = c0, pg = saved.Gates, phs = saved.HPrev, pcs = saved.CPrev,
                ptc = saved.TanhC, po = output, phT = hT, pcT = cT, pcarry = carry)
            {
                var pass = new ForwardPass(s, px, pk, ph0, pc0, pg, phs, pcs, ptc, po, phT, pcT, pcarry);
                CpuParallel.For(s.Batch, s.Timesteps * width * s.Units, pass.Run);
            }
        }
        finally
        {
            if (carry is not null) ArrayPool<float>.Shared.Return(carry);
        }
    }

    /// <summary>
    /// Gradients through time. <paramref name="dOutput"/>, <paramref name="dhT"/> and <paramref name="dcT"/> may be empty (no
    /// upstream gradient); each requested gradient span may be empty to skip it. <paramref name="dGates"/> is scratch of the
    /// gates' size.
    /// </summary>
    public static void Backward(
        in RecurrentSequence s, ReadOnlySpan<float> x, ReadOnlySpan<float> kernel, ReadOnlySpan<float> recurrentKernel,
        ReadOnlySpan<float> keep, Saved saved, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> dhT, ReadOnlySpan<float> dcT,
        Span<float> dGates, Span<float> dx, Span<float> dh0, Span<float> dc0, Span<float> dKernel, Span<float> dRecurrentKernel, Span<float> dBias)
    {
        var (u, width) = (s.Units, 4 * s.Units);
        var state = s.Batch * u;
        var scratch = ArrayPool<float>.Shared.Rent(3 * state);
        try
        {
            var dh = scratch.AsSpan(0, state);
            var dc = scratch.AsSpan(state, state);
            var dCarry = scratch.AsSpan(2 * state, state);
            RecurrentProjection.Seed(dhT, dh);
            RecurrentProjection.Seed(dcT, dc);
            dCarry.Clear();
            fixed (float* prk = recurrentKernel, pk = keep, pg = saved.Gates, pcs = saved.CPrev, ptc = saved.TanhC, pdo = dOutput,
                pdg = dGates, pdh = dh, pdc = dc, pcarry = dCarry)
            {
                var pass = new BackwardPass(s, prk, pk, pg, pcs, ptc, pdo, pdg, pdh, pdc, pcarry);
                CpuParallel.For(s.Batch, s.Timesteps * width * s.Units, pass.Run);
            }
            if (!dh0.IsEmpty) dh.CopyTo(dh0);
            if (!dc0.IsEmpty) dc.CopyTo(dc0);
            RecurrentProjection.Gradients(s, x, kernel, dGates, width, dx, dKernel, dBias);
            if (!dRecurrentKernel.IsEmpty)
                Sgemm.Multiply(true, false, u, width, s.Rows, 1f, saved.HPrev, u, dGates, width, 0f, dRecurrentKernel, width);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    private sealed class ForwardPass(
        RecurrentSequence s, float* recurrentKernel, float* keep, float* h0, float* c0, float* gates, float* hPrev, float* cPrev,
        float* tanhC, float* output, float* hT, float* cT, float* carry)
    {
        public void Run(int b0, int b1)
        {
            var (u, width, rows) = (s.Units, 4 * s.Units, b1 - b0);
            var first = s.Time(0);
            for (var b = b0; b < b1; b++)
            {
                new Span<float>(h0 + (nint)b * u, u).CopyTo(new Span<float>(hPrev + s.Row(b, first, u), u));
                new Span<float>(c0 + (nint)b * u, u).CopyTo(new Span<float>(cPrev + s.Row(b, first, u), u));
            }
            for (var step = 0; step < s.Timesteps; step++)
            {
                var t = s.Time(step);
                RecurrentProjection.Product(false, rows, width, u, hPrev + s.Row(b0, t, u), s.Timesteps * u, recurrentKernel, width,
                    gates + s.Row(b0, t, width), s.Timesteps * width, 1f);
                for (var b = b0; b < b1; b++)
                {
                    var hp = hPrev + s.Row(b, t, u);
                    var cp = cPrev + s.Row(b, t, u);
                    var hn = s.NextState(hPrev, hT, b, step);
                    var cn = s.NextState(cPrev, cT, b, step);
                    if (keep == null || keep[b * s.Timesteps + t] != 0f)
                        GateColumns.Run(new Cell(gates + s.Row(b, t, width), cp, cn, tanhC + s.Row(b, t, u), hn, u), u);
                    else
                    {
                        new Span<float>(hp, u).CopyTo(new Span<float>(hn, u));
                        new Span<float>(cp, u).CopyTo(new Span<float>(cn, u));
                    }
                    s.WriteOutput(output, keep, carry, hn, b, step, t);
                }
            }
        }
    }

    private sealed class BackwardPass(
        RecurrentSequence s, float* recurrentKernel, float* keep, float* gates, float* cPrev, float* tanhC, float* dOutput,
        float* dGates, float* dh, float* dc, float* dCarry)
    {
        public void Run(int b0, int b1)
        {
            var row = ArrayPool<float>.Shared.Rent(s.Units);
            try
            {
                fixed (float* dhTilde = row) Steps(b0, b1, dhTilde);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(row);
            }
        }

        private void Steps(int b0, int b1, float* dhTilde)
        {
            var (u, width, rows) = (s.Units, 4 * s.Units, b1 - b0);
            for (var step = s.Timesteps - 1; step >= 0; step--)
            {
                var t = s.Time(step);
                var masked = false;
                for (var b = b0; b < b1; b++)
                {
                    var dg = dGates + s.Row(b, t, width);
                    if (!s.IncomingGradient(dOutput, keep, dCarry, dh, dhTilde, b, step, t))
                    {
                        new Span<float>(dg, width).Clear();
                        masked = true;
                        continue;
                    }
                    GateColumns.Run(new CellBackward(gates + s.Row(b, t, width), cPrev + s.Row(b, t, u), tanhC + s.Row(b, t, u), dhTilde, dc + (nint)b * u, dg, u), u);
                    new Span<float>(dh + (nint)b * u, u).Clear();
                }
                // dh_prev = dGates · Rᵀ; masked rows (zero gate gradients) keep their dh, which passes through the step.
                RecurrentProjection.Product(true, rows, u, width, dGates + s.Row(b0, t, width), s.Timesteps * width, recurrentKernel, width,
                    dh + (nint)b0 * u, u, masked ? 1f : 0f);
            }
        }
    }

    // i, f, o = sigmoid, candidate = tanh; c = f·c_prev + i·candidate; h = o·tanh(c). The activated gates replace the sums.
    private readonly struct Cell(float* z, float* cp, float* c, float* tc, float* h, int u) : IGateColumns
    {
        public void Invoke<TV>(nuint j) where TV : struct, IFloatVector<TV>
        {
            var i = VectorMath.Sigmoid(TV.Load(ref z[0], j));
            var f = VectorMath.Sigmoid(TV.Load(ref z[u], j));
            var g = VectorMath.Tanh(TV.Load(ref z[2 * u], j));
            var o = VectorMath.Sigmoid(TV.Load(ref z[3 * u], j));
            var cNew = TV.MultiplyAdd(f, TV.Load(ref cp[0], j), i * g);
            var tanh = VectorMath.Tanh(cNew);
            TV.Store(i, ref z[0], j);
            TV.Store(f, ref z[u], j);
            TV.Store(g, ref z[2 * u], j);
            TV.Store(o, ref z[3 * u], j);
            TV.Store(cNew, ref c[0], j);
            TV.Store(tanh, ref tc[0], j);
            TV.Store(o * tanh, ref h[0], j);
        }
    }

    // From the activated gates: the pre-activation gradients of i, f, candidate, o, and dc_prev = dc·f (in place in dc).
    private readonly struct CellBackward(float* a, float* cp, float* tc, float* dh, float* dc, float* dg, int u) : IGateColumns
    {
        public void Invoke<TV>(nuint j) where TV : struct, IFloatVector<TV>
        {
            var i = TV.Load(ref a[0], j);
            var f = TV.Load(ref a[u], j);
            var g = TV.Load(ref a[2 * u], j);
            var o = TV.Load(ref a[3 * u], j);
            var tanh = TV.Load(ref tc[0], j);
            var dhj = TV.Load(ref dh[0], j);
            var dcj = TV.MultiplyAdd(dhj * o, (TV)1f - tanh * tanh, TV.Load(ref dc[0], j));
            TV.Store(GateColumns.Flush(dcj * g * i * ((TV)1f - i)), ref dg[0], j);
            TV.Store(GateColumns.Flush(dcj * TV.Load(ref cp[0], j) * f * ((TV)1f - f)), ref dg[u], j);
            TV.Store(GateColumns.Flush(dcj * i * ((TV)1f - g * g)), ref dg[2 * u], j);
            TV.Store(GateColumns.Flush(dhj * tanh * o * ((TV)1f - o)), ref dg[3 * u], j);
            TV.Store(GateColumns.Flush(dcj * f), ref dc[0], j);
        }
    }
}
