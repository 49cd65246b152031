namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// The sizes of one channels_last 2-D sliding-window op. For a convolution: input (Batch, InHeight, InWidth, InChannels), kernel (KernelHeight,
/// KernelWidth, InChannels, OutChannels) in Keras's HWIO layout, output (Batch, OutHeight, OutWidth, OutChannels).
/// PadTop/PadLeft are the implicit rows/columns before the input; any after are implied by the output size. Pooling uses the
/// same geometry with the pool as the kernel window, OutChannels = InChannels and dilation 1.
/// </summary>
internal readonly record struct Window2DGeometry(
    int Batch, int InHeight, int InWidth, int InChannels,
    int KernelHeight, int KernelWidth, int OutChannels,
    int StrideH, int StrideW, int DilationH, int DilationW,
    int PadTop, int PadLeft, int OutHeight, int OutWidth)
{
    /// <summary>Length of one im2col row: the kernel's receptive field, ordered (kh, kw, channel) like the HWIO kernel's rows.</summary>
    public int PatchSize => KernelHeight * KernelWidth * InChannels;

    public int OutPixels => OutHeight * OutWidth;

    public int InputItemSize => InHeight * InWidth * InChannels;

    /// <summary>True when the im2col matrix is the input itself (1x1 kernel, stride 1, no padding).</summary>
    public bool IsPointwise => KernelHeight == 1 && KernelWidth == 1 && StrideH == 1 && StrideW == 1 && PadTop == 0 && PadLeft == 0;
}
