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
    // Measured on Sapphire Rapids-class cores (48 KB L1d, 2 MB L2): a 14x256 A panel (14 KB) stays in L1, a
    // 256x1024 slice of B (1 MB) in L2 next to a 280x256 block of A; other sizes within 10% were no faster.
    private static readonly SgemmBlocking V512 = new(MR: 14, NR: 32, MC: 280, KC: 256, NC: 1024);
    private static readonly SgemmBlocking V256 = new(MR: 6, NR: 16, MC: 144, KC: 256, NC: 1024);

    public static SgemmBlocking For(SgemmKernel kernel) => kernel switch
    {
        SgemmKernel.Vector512 => V512,
        SgemmKernel.Vector256 => V256,
        _ => throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "The scalar path does not pack."),
    };
}
