using L = NotebookKeras.Runtime.Losses;

namespace NotebookKeras.Dsl;

// The losses are top-level factories, as compile code reads in Keras: Compile(loss: SparseCategoricalCrossentropy(fromLogits: true)).
// Keras's metrics reuse several of these names (keras.metrics.MeanSquaredError, ...): Losses.X is the unambiguous spelling.
// Smoothing, alpha, gamma and delta are doubles so that literals read as Keras's (labelSmoothing: 0.1); the losses store float32.
public static partial class Keras
{
    /// <summary><c>keras.losses.MeanSquaredError</c> ("mse"): mean((y_true - y_pred)²) over the last axis.</summary>
    public static L.MeanSquaredError MeanSquaredError(string reduction = "sum_over_batch_size", string name = "mean_squared_error") =>
        Losses.MeanSquaredError(reduction, name);

    /// <summary><c>keras.losses.MeanAbsoluteError</c> ("mae"): mean(|y_true - y_pred|) over the last axis.</summary>
    public static L.MeanAbsoluteError MeanAbsoluteError(string reduction = "sum_over_batch_size", string name = "mean_absolute_error") =>
        Losses.MeanAbsoluteError(reduction, name);

    /// <summary><c>keras.losses.MeanAbsolutePercentageError</c> ("mape"): 100 mean(|(y_true - y_pred) / y_true|).</summary>
    public static L.MeanAbsolutePercentageError MeanAbsolutePercentageError(string reduction = "sum_over_batch_size", string name = "mean_absolute_percentage_error") =>
        Losses.MeanAbsolutePercentageError(reduction, name);

    /// <summary><c>keras.losses.MeanSquaredLogarithmicError</c> ("msle"): mean((log(y_pred + 1) - log(y_true + 1))²).</summary>
    public static L.MeanSquaredLogarithmicError MeanSquaredLogarithmicError(string reduction = "sum_over_batch_size", string name = "mean_squared_logarithmic_error") =>
        Losses.MeanSquaredLogarithmicError(reduction, name);

    /// <summary><c>keras.losses.BinaryCrossentropy</c>: for 0/1 labels and one probability (or logit) per output.</summary>
    public static L.BinaryCrossentropy BinaryCrossentropy(bool fromLogits = false, double labelSmoothing = 0, int axis = -1,
        string reduction = "sum_over_batch_size", string name = "binary_crossentropy") =>
        Losses.BinaryCrossentropy(fromLogits, labelSmoothing, axis, reduction, name);

    /// <summary><c>keras.losses.BinaryFocalCrossentropy</c>: binary crossentropy down-weighting easy examples by (1 - p_t)^gamma.</summary>
    public static L.BinaryFocalCrossentropy BinaryFocalCrossentropy(bool applyClassBalancing = false, double alpha = 0.25, double gamma = 2,
        bool fromLogits = false, double labelSmoothing = 0, int axis = -1, string reduction = "sum_over_batch_size", string name = "binary_focal_crossentropy") =>
        Losses.BinaryFocalCrossentropy(applyClassBalancing, alpha, gamma, fromLogits, labelSmoothing, axis, reduction, name);

    /// <summary><c>keras.losses.CategoricalCrossentropy</c>: for one-hot labels.</summary>
    public static L.CategoricalCrossentropy CategoricalCrossentropy(bool fromLogits = false, double labelSmoothing = 0, int axis = -1,
        string reduction = "sum_over_batch_size", string name = "categorical_crossentropy") =>
        Losses.CategoricalCrossentropy(fromLogits, labelSmoothing, axis, reduction, name);

    /// <summary><c>keras.losses.CategoricalFocalCrossentropy</c>: alpha-balanced focal crossentropy for one-hot labels.</summary>
    public static L.CategoricalFocalCrossentropy CategoricalFocalCrossentropy(double alpha = 0.25, double gamma = 2, bool fromLogits = false,
        double labelSmoothing = 0, int axis = -1, string reduction = "sum_over_batch_size", string name = "categorical_focal_crossentropy") =>
        Losses.CategoricalFocalCrossentropy(alpha, gamma, fromLogits, labelSmoothing, axis, reduction, name);

    /// <summary><c>keras.losses.CategoricalFocalCrossentropy</c> with one alpha per class.</summary>
    public static L.CategoricalFocalCrossentropy CategoricalFocalCrossentropy(double[] alpha, double gamma = 2, bool fromLogits = false,
        double labelSmoothing = 0, int axis = -1, string reduction = "sum_over_batch_size", string name = "categorical_focal_crossentropy") =>
        Losses.CategoricalFocalCrossentropy(alpha, gamma, fromLogits, labelSmoothing, axis, reduction, name);

    /// <summary><c>keras.losses.SparseCategoricalCrossentropy</c>: for integer class labels.</summary>
    public static L.SparseCategoricalCrossentropy SparseCategoricalCrossentropy(bool fromLogits = false, int? ignoreClass = null,
        string reduction = "sum_over_batch_size", string name = "sparse_categorical_crossentropy") =>
        Losses.SparseCategoricalCrossentropy(fromLogits, ignoreClass, reduction, name);

    /// <summary><c>keras.losses.KLDivergence</c> ("kld"): sum(y_true log(y_true / y_pred)).</summary>
    public static L.KLDivergence KLDivergence(string reduction = "sum_over_batch_size", string name = "kl_divergence") =>
        Losses.KLDivergence(reduction, name);

    /// <summary><c>keras.losses.Poisson</c>: mean(y_pred - y_true log(y_pred)), for counts.</summary>
    public static L.Poisson Poisson(string reduction = "sum_over_batch_size", string name = "poisson") => Losses.Poisson(reduction, name);

    /// <summary><c>keras.losses.CosineSimilarity</c>: the negated cosine similarity along an axis.</summary>
    public static L.CosineSimilarity CosineSimilarity(int axis = -1, string reduction = "sum_over_batch_size", string name = "cosine_similarity") =>
        Losses.CosineSimilarity(axis, reduction, name);

    /// <summary><c>keras.losses.Huber</c>: quadratic below delta, linear beyond.</summary>
    public static L.Huber Huber(double delta = 1, string reduction = "sum_over_batch_size", string name = "huber_loss") => Losses.Huber(delta, reduction, name);

    /// <summary><c>keras.losses.LogCosh</c>: mean(log(cosh(y_pred - y_true))).</summary>
    public static L.LogCosh LogCosh(string reduction = "sum_over_batch_size", string name = "log_cosh") => Losses.LogCosh(reduction, name);

    /// <summary><c>keras.losses.Hinge</c>: mean(max(1 - y_true y_pred, 0)), for -1/1 (or 0/1) labels.</summary>
    public static L.Hinge Hinge(string reduction = "sum_over_batch_size", string name = "hinge") => Losses.Hinge(reduction, name);

    /// <summary><c>keras.losses.SquaredHinge</c>: mean(max(1 - y_true y_pred, 0)²).</summary>
    public static L.SquaredHinge SquaredHinge(string reduction = "sum_over_batch_size", string name = "squared_hinge") => Losses.SquaredHinge(reduction, name);

    /// <summary><c>keras.losses.CategoricalHinge</c>: max(max((1 - y_true) y_pred) - sum(y_true y_pred) + 1, 0).</summary>
    public static L.CategoricalHinge CategoricalHinge(string reduction = "sum_over_batch_size", string name = "categorical_hinge") =>
        Losses.CategoricalHinge(reduction, name);

    /// <summary><c>keras.losses</c>: <c>Compile(loss: Losses.MeanSquaredError())</c> (or just "mse").</summary>
    public static class Losses
    {
        public static L.MeanSquaredError MeanSquaredError(string reduction = "sum_over_batch_size", string name = "mean_squared_error") => new(reduction, name);

        public static L.MeanAbsoluteError MeanAbsoluteError(string reduction = "sum_over_batch_size", string name = "mean_absolute_error") => new(reduction, name);

        public static L.MeanAbsolutePercentageError MeanAbsolutePercentageError(string reduction = "sum_over_batch_size", string name = "mean_absolute_percentage_error") =>
            new(reduction, name);

        public static L.MeanSquaredLogarithmicError MeanSquaredLogarithmicError(string reduction = "sum_over_batch_size", string name = "mean_squared_logarithmic_error") =>
            new(reduction, name);

        public static L.BinaryCrossentropy BinaryCrossentropy(bool fromLogits = false, double labelSmoothing = 0, int axis = -1,
            string reduction = "sum_over_batch_size", string name = "binary_crossentropy") =>
            new(fromLogits, (float)labelSmoothing, axis, reduction, name);

        public static L.BinaryFocalCrossentropy BinaryFocalCrossentropy(bool applyClassBalancing = false, double alpha = 0.25, double gamma = 2,
            bool fromLogits = false, double labelSmoothing = 0, int axis = -1, string reduction = "sum_over_batch_size", string name = "binary_focal_crossentropy") =>
            new(applyClassBalancing, (float)alpha, (float)gamma, fromLogits, (float)labelSmoothing, axis, reduction, name);

        public static L.CategoricalCrossentropy CategoricalCrossentropy(bool fromLogits = false, double labelSmoothing = 0, int axis = -1,
            string reduction = "sum_over_batch_size", string name = "categorical_crossentropy") =>
            new(fromLogits, (float)labelSmoothing, axis, reduction, name);

        public static L.CategoricalFocalCrossentropy CategoricalFocalCrossentropy(double alpha = 0.25, double gamma = 2, bool fromLogits = false,
            double labelSmoothing = 0, int axis = -1, string reduction = "sum_over_batch_size", string name = "categorical_focal_crossentropy") =>
            new((float)alpha, (float)gamma, fromLogits, (float)labelSmoothing, axis, reduction, name);

        public static L.CategoricalFocalCrossentropy CategoricalFocalCrossentropy(double[] alpha, double gamma = 2, bool fromLogits = false,
            double labelSmoothing = 0, int axis = -1, string reduction = "sum_over_batch_size", string name = "categorical_focal_crossentropy")
        {
            ArgumentNullException.ThrowIfNull(alpha);
            return new([.. alpha.Select(a => (float)a)], (float)gamma, fromLogits, (float)labelSmoothing, axis, reduction, name);
        }

        public static L.SparseCategoricalCrossentropy SparseCategoricalCrossentropy(bool fromLogits = false, int? ignoreClass = null,
            string reduction = "sum_over_batch_size", string name = "sparse_categorical_crossentropy") =>
            new(fromLogits, ignoreClass, reduction, name);

        public static L.KLDivergence KLDivergence(string reduction = "sum_over_batch_size", string name = "kl_divergence") => new(reduction, name);

        public static L.Poisson Poisson(string reduction = "sum_over_batch_size", string name = "poisson") => new(reduction, name);

        public static L.CosineSimilarity CosineSimilarity(int axis = -1, string reduction = "sum_over_batch_size", string name = "cosine_similarity") =>
            new(axis, reduction, name);

        public static L.Huber Huber(double delta = 1, string reduction = "sum_over_batch_size", string name = "huber_loss") => new((float)delta, reduction, name);

        public static L.LogCosh LogCosh(string reduction = "sum_over_batch_size", string name = "log_cosh") => new(reduction, name);

        public static L.Hinge Hinge(string reduction = "sum_over_batch_size", string name = "hinge") => new(reduction, name);

        public static L.SquaredHinge SquaredHinge(string reduction = "sum_over_batch_size", string name = "squared_hinge") => new(reduction, name);

        public static L.CategoricalHinge CategoricalHinge(string reduction = "sum_over_batch_size", string name = "categorical_hinge") => new(reduction, name);
    }
}
