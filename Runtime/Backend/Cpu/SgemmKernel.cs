using System.Runtime.Intrinsics.X86;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>The instruction set an SGEMM call runs its micro-kernel with.</summary>
internal enum SgemmKernel
{
    /// <summary>No packing: the simple loops of <see cref="Sgemm"/>'s small path, for CPUs without AVX2/FMA.</summary>
    Scalar,

    /// <summary>AVX2 + FMA, 6x16 tiles.</summary>
    Vector256,

    /// <summary>AVX-512, 14x32 tiles.</summary>
    Vector512,
}

/// <summary>Tile and cache-block sizes of one micro-kernel: MR x NR register tile, KC x NC block of B, MC x KC block of A.</summary>
internal readonly record struct SgemmBlocking(int MR, int NR, int MC, int KC, int NC)
{
    /// <summary>The best kernel this CPU supports.</summary>
    public static SgemmKernel Best { get; } =
        Avx512F.IsSupported ? SgemmKernel.Vector512
        : Avx2.IsSupported && Fma.IsSupported ? SgemmKernel.Vector256
        : SgemmKernel.Scalar;

    public static SgemmBlocking For(SgemmKernel kernel) => kernel switch
    {
        SgemmKernel.Vector512 => V512,
        SgemmKernel.Vector256 => V256,
        _ => throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "The scalar path does not pack."),
    };

    // Tuning knobs for experiments; settled values become constants.
    internal static SgemmBlocking V512 = new(14, 32, 280, 256, 1024);
    internal static SgemmBlocking V256 = new(6, 16, 144, 256, 1024);
}
