using System.Runtime.CompilerServices;

namespace NotebookKeras.Runtime.Backend.Cpu;

/// <summary>
/// The fused gate math of one batch row of a recurrent step, written once for every vector width: <see cref="Invoke{TV}"/>
/// handles the columns j .. j + TV.Count of each of the row's gate blocks. Implementations are structs holding the row's
/// pointers, so the JIT specializes and inlines each one.
/// </summary>
internal interface IGateColumns
{
    void Invoke<TV>(nuint j) where TV : struct, IFloatVector<TV>;
}

/// <summary>Runs a row's gate math over its units with the widest accelerated vector, and one-lane steps for the tail.</summary>
internal static class GateColumns
{
    public static void Run<TColumns>(TColumns columns, int units) where TColumns : struct, IGateColumns
    {
        if (FloatVector512.IsHardwareAccelerated) Run<TColumns, FloatVector512>(columns, units);
        else if (FloatVector256.IsHardwareAccelerated) Run<TColumns, FloatVector256>(columns, units);
        else Run<TColumns, FloatVector128>(columns, units);
    }

    /// <summary>
    /// x with lanes below 2^-100 (about 8e-31) in magnitude set to zero. Gradients through time shrink geometrically over long
    /// sequences; once their products with weights and activations are subnormal, each one costs a microcode assist (about
    /// 100x), in the step math and in the SGEMMs over all timesteps. A gradient 30 orders of magnitude below any weight update is
    /// noise (it vanishes in any sum with a normal one), so flushing it where it is written keeps the whole pass at full speed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Flush<TV>(TV x) where TV : struct, IFloatVector<TV> =>
        TV.Select(TV.LessThan(TV.Abs(x), Negligible), 0f, x);

    private const float Negligible = 7.88860905e-31f; // 2^-100

    private static void Run<TColumns, TV>(TColumns columns, int units) where TColumns : struct, IGateColumns where TV : struct, IFloatVector<TV>
    {
        var j = 0;
        for (; j <= units - TV.Count; j += TV.Count) columns.Invoke<TV>((nuint)j);
        for (; j < units; j++) columns.Invoke<FloatScalar>((nuint)j);
    }
}
