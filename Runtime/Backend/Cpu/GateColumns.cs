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

    private static void Run<TColumns, TV>(TColumns columns, int units) where TColumns : struct, IGateColumns where TV : struct, IFloatVector<TV>
    {
        var j = 0;
        for (; j <= units - TV.Count; j += TV.Count) columns.Invoke<TV>((nuint)j);
        for (; j < units; j++) columns.Invoke<FloatScalar>((nuint)j);
    }
}
