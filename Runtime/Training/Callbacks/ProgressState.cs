namespace NotebookKeras.Runtime.Training.Callbacks;

/// <summary>
/// Where a pass is: <see cref="Current"/> steps done of <see cref="Target"/> (null when the number of steps is unknown), time
/// spent, and the values to show (running means, in log order).
/// </summary>
public sealed record ProgressState(int Current, int? Target, TimeSpan Elapsed, IReadOnlyList<KeyValuePair<string, double>> Values, int Verbose, string UnitName = "step");
