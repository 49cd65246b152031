namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// The sizes of one channels_last sliding-window op over up to three spatial axes (depth, height, width); 1-D and 2-D ops
/// have depth (and height) 1. For a convolution: input (Batch, InDepth, InHeight, InWidth, InChannels), kernel (KernelDepth,
/// KernelHeight, KernelWidth, InChannels / Groups, OutChannels) in Keras's layout, output (Batch, OutDepth, OutHeight,
/// OutWidth, OutChannels). PadFront/PadTop/PadLeft are the implicit planes/rows/columns before the input; any after are
/// implied by the output size. Pooling uses the same geometry with the pool as the kernel window, OutChannels = InChannels
/// and dilation 1.
/// </summary>
internal readonly record struct WindowGeometry(
    int Batch, int InDepth, int InHeight, int InWidth, int InChannels,
    int KernelDepth, int KernelHeight, int KernelWidth, int OutChannels,
    int StrideD, int StrideH, int StrideW, int DilationD, int DilationH, int DilationW,
    int PadFront, int PadTop, int PadLeft, int OutDepth, int OutHeight, int OutWidth, int Groups = 1)
{
    /// <summary>Input channels seen by one group's filters.</summary>
    public int GroupInChannels => InChannels / Groups;

    /// <summary>Filters of one group.</summary>
    public int GroupOutChannels => OutChannels / Groups;

    /// <summary>Taps of one window: KernelDepth · KernelHeight · KernelWidth.</summary>
    public int KernelTaps => KernelDepth * KernelHeight * KernelWidth;

    /// <summary>Length of one im2col row of one group: the receptive field ordered (kd, kh, kw, channel) like the kernel's rows.</summary>
    public int PatchSize => KernelTaps * GroupInChannels;

    public int OutPixels => OutDepth * OutHeight * OutWidth;

    public int InputItemSize => InDepth * InHeight * InWidth * InChannels;

    /// <summary>True when the im2col matrix is the input itself (1x1 kernel, stride 1, no padding, one group).</summary>
    public bool IsPointwise => KernelTaps == 1 && StrideD == 1 && StrideH == 1 && StrideW == 1 &&
        PadFront == 0 && PadTop == 0 && PadLeft == 0 && Groups == 1;

    /// <summary>The in-input window [start, end) of output position o along one axis (taps of a dilation-1 window only).</summary>
    public static (int Start, int End) Span(int o, int stride, int pad, int window, int input)
    {
        var start = o * stride - pad;
        return (Math.Max(start, 0), Math.Min(start + window, input));
    }
}
