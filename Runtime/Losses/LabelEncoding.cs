namespace NotebookKeras.Runtime.Losses;

/// <summary>
/// The labels a loss expects, as Keras 2 read them off the loss to resolve the "accuracy" and "crossentropy" metric names:
/// binary (0/1 per output), categorical (one-hot along the last axis) or sparse categorical (class indices).
/// </summary>
internal enum LabelEncoding
{
    /// <summary>Regression targets or anything else: "accuracy" falls back to Keras 3's rule on the shapes.</summary>
    Other,

    /// <summary>0/1 labels (binary_crossentropy, binary_focal_crossentropy): binary_accuracy.</summary>
    Binary,

    /// <summary>One-hot labels (categorical_crossentropy, categorical_focal_crossentropy): categorical_accuracy.</summary>
    Categorical,

    /// <summary>Integer class labels (sparse_categorical_crossentropy): sparse_categorical_accuracy.</summary>
    SparseCategorical,
}
