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
        Losses.Loss.RegisterBuiltIns();
        Metrics.Metric.RegisterBuiltIns();
        Optimizers.Optimizer.RegisterBuiltIns();
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
        Layers.Core.Activation.Register();
        Layers.Core.Dropout.Register();
        Layers.Core.Flatten.Register();
        Layers.Core.Reshape.Register();
        Layers.Core.Permute.Register();
        Layers.Core.RepeatVector.Register();
        Layers.Core.Lambda.Register();
        Layers.Core.Masking.Register();
        Layers.Core.Embedding.Register();
        Layers.Core.Identity.Register();
        Layers.Convolution.Conv2D.Register();
        Layers.Convolution.DepthwiseConv1D.Register();
        Layers.Convolution.DepthwiseConv2D.Register();
        Layers.Convolution.SeparableConv1D.Register();
        Layers.Convolution.SeparableConv2D.Register();
        Layers.Pooling.MaxPooling1D.Register();
        Layers.Pooling.MaxPooling2D.Register();
        Layers.Pooling.MaxPooling3D.Register();
        Layers.Pooling.AveragePooling1D.Register();
        Layers.Pooling.AveragePooling2D.Register();
        Layers.Pooling.AveragePooling3D.Register();
        Layers.Pooling.GlobalMaxPooling1D.Register();
        Layers.Pooling.GlobalMaxPooling2D.Register();
        Layers.Pooling.GlobalMaxPooling3D.Register();
        Layers.Pooling.GlobalAveragePooling1D.Register();
        Layers.Pooling.GlobalAveragePooling2D.Register();
        Layers.Pooling.GlobalAveragePooling3D.Register();
        Layers.Reshaping.ZeroPadding2D.Register();
        Layers.Reshaping.Cropping2D.Register();
        Layers.Reshaping.ZeroPadding1D.Register();
        Layers.Reshaping.Cropping1D.Register();
        Layers.Reshaping.UpSampling1D.Register();
        Layers.Reshaping.UpSampling2D.Register();
        Layers.Reshaping.ZeroPadding3D.Register();
        Layers.Reshaping.Cropping3D.Register();
        Layers.Reshaping.UpSampling3D.Register();
        Layers.Recurrent.SimpleRNNCell.Register();
        Layers.Recurrent.LSTMCell.Register();
        Layers.Recurrent.GRUCell.Register();
        Layers.Recurrent.RNN.Register();
        Layers.Recurrent.SimpleRNN.Register();
        Layers.Recurrent.LSTM.Register();
        Layers.Recurrent.GRU.Register();
        Layers.Recurrent.Bidirectional.Register();
        Layers.Regularization.GaussianNoise.Register();
        Layers.Regularization.GaussianDropout.Register();
        Layers.Regularization.AlphaDropout.Register();
        Layers.Regularization.SpatialDropout1D.Register();
        Layers.Regularization.SpatialDropout2D.Register();
        Layers.Regularization.SpatialDropout3D.Register();
        Layers.Regularization.ActivityRegularization.Register();
        Models.Sequential.Register();
        Models.Functional.Register();
    }
}
