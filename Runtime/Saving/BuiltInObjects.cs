namespace NotebookKeras.Runtime.Saving;

/// <summary>
/// The explicit list of catalogues whose built-in classes the registry knows (no assembly scanning: trimming- and AOT-safe).
/// Each catalogue registers its classes under their Keras module and class names.
/// </summary>
internal static class BuiltInObjects
{
    public static void RegisterAll()
    {
        Initializers.Initializer.RegisterBuiltIns();
        Regularizers.Regularizer.RegisterBuiltIns();
        Constraints.Constraint.RegisterBuiltIns();
        Layers.Core.InputLayer.Register();
        Layers.Core.Dense.Register();
        Layers.Merge.Add.Register();
        Layers.Merge.Subtract.Register();
        Layers.Merge.Multiply.Register();
        Layers.Merge.Average.Register();
        Layers.Merge.Maximum.Register();
        Layers.Merge.Minimum.Register();
        Layers.Merge.Concatenate.Register();
        Layers.Merge.Dot.Register();
        Layers.Normalization.BatchNormalization.Register();
        Layers.Normalization.LayerNormalization.Register();
        Layers.Normalization.GroupNormalization.Register();
        Layers.Normalization.UnitNormalization.Register();
        Models.Sequential.Register();
        Models.Functional.Register();
    }
}
