using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using NotebookKeras.Runtime.Backend.Cpu;

namespace NotebookKeras.Runtime.Optimizers;

/// <summary>
/// An optimizer's element-wise update fused into one pass over memory: from a vector of gradient lanes it updates the same lanes of
/// the variable and of up to three slot variables in place. Rules are structs holding their per-step coefficients, so the JIT
/// specializes and inlines each one into <see cref="UpdateRule.Run{TRule}"/>'s loop.
/// </summary>
internal interface IUpdateRule
{
    void Update(ref Vector<float> variable, Vector<float> gradient, ref Vector<float> slot0, ref Vector<float> slot1, ref Vector<float> slot2);
}

/// <summary>Runs an <see cref="IUpdateRule"/> over whole variables: SIMD lanes, a padded tail, and parallel blocks for large variables.</summary>
internal static class UpdateRule
{
    // A block of each of five spans stays within L2 while a core works on it; smaller variables run on the calling thread.
    private const int Block = 16_384;

    /// <summary>
    /// Applies <paramref name="rule"/> to every element. <paramref name="gradient"/> and unused slots may be empty: the rule then
    /// sees zeros there and nothing is written back.
    /// </summary>
    public static void Run<TRule>(TRule rule, Span<float> variable, ReadOnlySpan<float> gradient, Span<float> slot0 = default, Span<float> slot1 = default, Span<float> slot2 = default)
        where TRule : struct, IUpdateRule
    {
        var n = variable.Length;
        Debug.Assert(gradient.IsEmpty || gradient.Length == n);
        Debug.Assert((slot0.IsEmpty || slot0.Length == n) && (slot1.IsEmpty || slot1.Length == n) && (slot2.IsEmpty || slot2.Length == n));
        if (n <= 2 * Block)
            RunRange(rule, variable, gradient, slot0, slot1, slot2);
        else
            RunParallel(rule, variable, gradient, slot0, slot1, slot2);
    }

    // Kept apart from Run: the closure's captures would otherwise be allocated on every call, small variables included.
    private static unsafe void RunParallel<TRule>(TRule rule, Span<float> variable, ReadOnlySpan<float> gradient, Span<float> slot0, Span<float> slot1, Span<float> slot2)
        where TRule : struct, IUpdateRule
    {
        var n = variable.Length;
        fixed (float* pw = variable, pg = gradient, p0 = slot0, p1 = slot1, p2 = slot2)
        {
            var (aw, ag, a0, a1, a2) = ((nint)pw, (nint)pg, (nint)p0, (nint)p1, (nint)p2);
            var (hasG, has0, has1, has2) = (!gradient.IsEmpty, !slot0.IsEmpty, !slot1.IsEmpty, !slot2.IsEmpty);
            CpuParallel.For((n + Block - 1) / Block, Block, (s, e) =>
            {
                var start = s * Block;
                var len = Math.Min(e * Block, n) - start;
                RunRange(rule,
                    new Span<float>((float*)aw + start, len),
                    hasG ? new ReadOnlySpan<float>((float*)ag + start, len) : default,
                    has0 ? new Span<float>((float*)a0 + start, len) : default,
                    has1 ? new Span<float>((float*)a1 + start, len) : default,
                    has2 ? new Span<float>((float*)a2 + start, len) : default);
            });
        }
    }

    private static void RunRange<TRule>(TRule rule, Span<float> variable, ReadOnlySpan<float> gradient, Span<float> slot0, Span<float> slot1, Span<float> slot2)
        where TRule : struct, IUpdateRule
    {
        var n = variable.Length;
        var width = Vector<float>.Count;
        var (hasG, has0, has1, has2) = (!gradient.IsEmpty, !slot0.IsEmpty, !slot1.IsEmpty, !slot2.IsEmpty);
        ref var w = ref MemoryMarshal.GetReference(variable);
        ref var g = ref MemoryMarshal.GetReference(gradient);
        ref var s0 = ref MemoryMarshal.GetReference(slot0);
        ref var s1 = ref MemoryMarshal.GetReference(slot1);
        ref var s2 = ref MemoryMarshal.GetReference(slot2);
        var i = 0;
        for (; i <= n - width; i += width)
        {
            var at = (nuint)i;
            var vw = Vector.LoadUnsafe(ref w, at);
            var vg = hasG ? Vector.LoadUnsafe(ref g, at) : Vector<float>.Zero;
            var v0 = has0 ? Vector.LoadUnsafe(ref s0, at) : Vector<float>.Zero;
            var v1 = has1 ? Vector.LoadUnsafe(ref s1, at) : Vector<float>.Zero;
            var v2 = has2 ? Vector.LoadUnsafe(ref s2, at) : Vector<float>.Zero;
            rule.Update(ref vw, vg, ref v0, ref v1, ref v2);
            vw.StoreUnsafe(ref w, at);
            if (has0) v0.StoreUnsafe(ref s0, at);
            if (has1) v1.StoreUnsafe(ref s1, at);
            if (has2) v2.StoreUnsafe(ref s2, at);
        }
        if (i == n) return;

        // The tail runs the same vector rule on zero-padded copies, so each rule is written once; padding lanes are discarded.
        var rest = n - i;
        Span<float> tail = stackalloc float[5 * width];
        tail.Clear();
        var tw = tail[..width];
        var tg = tail.Slice(width, width);
        var t0 = tail.Slice(2 * width, width);
        var t1 = tail.Slice(3 * width, width);
        var t2 = tail.Slice(4 * width, width);
        variable[i..].CopyTo(tw);
        if (hasG) gradient[i..].CopyTo(tg);
        if (has0) slot0[i..].CopyTo(t0);
        if (has1) slot1[i..].CopyTo(t1);
        if (has2) slot2[i..].CopyTo(t2);
        var lw = new Vector<float>(tw);
        var l0 = new Vector<float>(t0);
        var l1 = new Vector<float>(t1);
        var l2 = new Vector<float>(t2);
        rule.Update(ref lw, new Vector<float>(tg), ref l0, ref l1, ref l2);
        lw.CopyTo(tw);
        l0.CopyTo(t0);
        l1.CopyTo(t1);
        l2.CopyTo(t2);
        tw[..rest].CopyTo(variable[i..]);
        if (has0) t0[..rest].CopyTo(slot0[i..]);
        if (has1) t1[..rest].CopyTo(slot1[i..]);
        if (has2) t2[..rest].CopyTo(slot2[i..]);
    }
}
