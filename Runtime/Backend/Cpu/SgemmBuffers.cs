using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// Per-thread cache of the pinned, 64-byte aligned buffers SGEMM packs panels into, so steady-state calls allocate
/// nothing. A buffer is taken out of its slot while in use: a re-entrant call on the same thread gets a fresh one.
/// </summary>
internal static unsafe class SgemmBuffers
{
    private const int AlignFloats = 16;

    [ThreadStatic] private static float[]? s_a;
    [ThreadStatic] private static float[]? s_b;

    /// <summary>A buffer for packed A blocks of at least <paramref name="length"/> floats; give it back with <see cref="ReturnA"/>.</summary>
    public static float[] RentA(int length) => Rent(ref s_a, length);

    public static void ReturnA(float[] buffer) => Return(ref s_a, buffer);

    /// <summary>A buffer for packed B blocks of at least <paramref name="length"/> floats; give it back with <see cref="ReturnB"/>.</summary>
    public static float[] RentB(int length) => Rent(ref s_b, length);

    public static void ReturnB(float[] buffer) => Return(ref s_b, buffer);

    /// <summary>The first 64-byte aligned element of a rented buffer (the array is pinned, so the address is stable).</summary>
    public static float* Aligned(float[] buffer)
    {
        var p = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (float*)((p + (AlignFloats * sizeof(float) - 1)) & ~(nint)(AlignFloats * sizeof(float) - 1));
    }

    private static float[] Rent(ref float[]? slot, int length)
    {
        var buffer = slot;
        slot = null;
        // Pinned on the POH: packing kernels hold raw pointers into it; the slack leaves room for alignment.
        return buffer is not null && buffer.Length >= length + AlignFloats
            ? buffer
            : GC.AllocateUninitializedArray<float>(length + AlignFloats, pinned: true);
    }

    private static void Return(ref float[]? slot, float[] buffer)
    {
        if (slot is null || slot.Length < buffer.Length) slot = buffer;
    }
}
