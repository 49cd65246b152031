using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// An element-wise function y = f(x) written once for every vector width. Implementations are structs, so the JIT specializes
/// and inlines each one; an instance may carry parameters (a slope, an alpha).
/// </summary>
internal interface IVectorFunction
{
    TV Invoke<TV>(TV x) where TV : struct, IFloatVector<TV>;
}

/// <summary>An element-wise function z = f(a, b); the backward kernels take the op's input (or output) and the upstream gradient.</summary>
internal interface IVectorFunction2
{
    TV Invoke<TV>(TV a, TV b) where TV : struct, IFloatVector<TV>;
}

/// <summary>Runs vector functions over spans with the widest accelerated vector, and in parallel chunks for large inputs.</summary>
internal static class VectorFunction
{
    private const int Block = 16_384;
    private const int MaxLanes = 16;

    /// <summary>y = f(x) on the calling thread.</summary>
    public static void Apply<TFn>(TFn fn, ReadOnlySpan<float> x, Span<float> y) where TFn : struct, IVectorFunction
    {
        Debug.Assert(x.Length == y.Length);
        if (FloatVector512.IsHardwareAccelerated) Run<TFn, FloatVector512>(fn, x, y);
        else if (FloatVector256.IsHardwareAccelerated) Run<TFn, FloatVector256>(fn, x, y);
        else Run<TFn, FloatVector128>(fn, x, y);
    }

    /// <summary>z = f(a, b) on the calling thread.</summary>
    public static void Apply<TFn>(TFn fn, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> z) where TFn : struct, IVectorFunction2
    {
        Debug.Assert(a.Length == z.Length && b.Length == z.Length);
        if (FloatVector512.IsHardwareAccelerated) Run<TFn, FloatVector512>(fn, a, b, z);
        else if (FloatVector256.IsHardwareAccelerated) Run<TFn, FloatVector256>(fn, a, b, z);
        else Run<TFn, FloatVector128>(fn, a, b, z);
    }

    /// <summary>y = f(x), split across cores when large.</summary>
    public static unsafe void ApplyParallel<TFn>(TFn fn, ReadOnlySpan<float> x, Span<float> y) where TFn : struct, IVectorFunction
    {
        if (y.Length <= 2 * Block)
        {
            Apply(fn, x, y);
            return;
        }
        fixed (float* px = x, py = y)
        {
            var (ax, ay, n) = ((nint)px, (nint)py, y.Length);
            CpuParallel.For((n + Block - 1) / Block, Block, (s, e) =>
            {
                var start = s * Block;
                var len = Math.Min(e * Block, n) - start;
                Apply(fn, new ReadOnlySpan<float>((float*)ax + start, len), new Span<float>((float*)ay + start, len));
            });
        }
    }

    /// <summary>z = f(a, b), split across cores when large.</summary>
    public static unsafe void ApplyParallel<TFn>(TFn fn, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> z) where TFn : struct, IVectorFunction2
    {
        if (z.Length <= 2 * Block)
        {
            Apply(fn, a, b, z);
            return;
        }
        fixed (float* pa = a, pb = b, pz = z)
        {
            var (aa, ab, az, n) = ((nint)pa, (nint)pb, (nint)pz, z.Length);
            CpuParallel.For((n + Block - 1) / Block, Block, (s, e) =>
            {
                var start = s * Block;
                var len = Math.Min(e * Block, n) - start;
                Apply(fn,
                    new ReadOnlySpan<float>((float*)aa + start, len),
                    new ReadOnlySpan<float>((float*)ab + start, len),
                    new Span<float>((float*)az + start, len));
            });
        }
    }

    private static void Run<TFn, TV>(TFn fn, ReadOnlySpan<float> x, Span<float> y)
        where TFn : struct, IVectorFunction where TV : struct, IFloatVector<TV>
    {
        var n = y.Length;
        var lanes = TV.Count;
        ref var px = ref MemoryMarshal.GetReference(x);
        ref var py = ref MemoryMarshal.GetReference(y);
        var i = 0;
        for (; i <= n - lanes; i += lanes)
            TV.Store(fn.Invoke(TV.Load(ref px, (nuint)i)), ref py, (nuint)i);
        if (i == n) return;

        // The tail goes through one zero-padded vector, so no function needs a scalar form.
        Span<float> buffer = stackalloc float[MaxLanes];
        x[i..].CopyTo(buffer);
        ref var pb = ref MemoryMarshal.GetReference(buffer);
        TV.Store(fn.Invoke(TV.Load(ref pb, 0)), ref pb, 0);
        buffer[..(n - i)].CopyTo(y[i..]);
    }

    private static void Run<TFn, TV>(TFn fn, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> z)
        where TFn : struct, IVectorFunction2 where TV : struct, IFloatVector<TV>
    {
        var n = z.Length;
        var lanes = TV.Count;
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        ref var pz = ref MemoryMarshal.GetReference(z);
        var i = 0;
        for (; i <= n - lanes; i += lanes)
            TV.Store(fn.Invoke(TV.Load(ref pa, (nuint)i), TV.Load(ref pb, (nuint)i)), ref pz, (nuint)i);
        if (i == n) return;

        Span<float> bufferA = stackalloc float[MaxLanes];
        Span<float> bufferB = stackalloc float[MaxLanes];
        a[i..].CopyTo(bufferA);
        b[i..].CopyTo(bufferB);
        ref var qa = ref MemoryMarshal.GetReference(bufferA);
        TV.Store(fn.Invoke(TV.Load(ref qa, 0), TV.Load(ref MemoryMarshal.GetReference(bufferB), 0)), ref qa, 0);
        bufferA[..(n - i)].CopyTo(z[i..]);
    }
}
