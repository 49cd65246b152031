using NotebookKeras.Runtime.Models;
using NotebookKeras.Runtime.Tensors;
using NotebookKeras.Visualizers.Images;

namespace NotebookKeras.Dsl;

public static partial class Keras
{
    /// <summary>The feature maps of the layer named <paramref name="layer"/> for one <paramref name="image"/>: one heatmap per
    /// channel of its output, next to the input (see <see cref="FeatureMaps"/>).</summary>
    public static ImageGrid PlotFeatureMaps(Model model, string layer, Tensor image, int maxChannels = 64) =>
        FeatureMaps.Plot(model, layer, image, maxChannels);

    /// <summary>The feature maps of the layer at index <paramref name="layer"/> in <c>model.Layers</c>.</summary>
    public static ImageGrid PlotFeatureMaps(Model model, int layer, Tensor image, int maxChannels = 64) =>
        FeatureMaps.Plot(model, layer, image, maxChannels);

    /// <summary>The learned kernels of the Conv2D layer named <paramref name="layer"/>, one image per filter (see <see cref="KernelGrid"/>).</summary>
    public static ImageGrid PlotKernels(Model model, string layer, int? inputChannel = null) => KernelGrid.Plot(model, layer, inputChannel);

    /// <summary>The learned kernels of the Conv2D layer at index <paramref name="layer"/> in <c>model.Layers</c>.</summary>
    public static ImageGrid PlotKernels(Model model, int layer, int? inputChannel = null) => KernelGrid.Plot(model, layer, inputChannel);

    /// <summary>A grid of sample images with their labels and predictions, wrong ones in red (see <see cref="ImageGrid.Plot"/>).</summary>
    public static ImageGrid PlotImages(Tensor images, Tensor? labels = null, Tensor? predictions = null, IReadOnlyList<string>? classNames = null,
        int columns = 8, int maxImages = 32) =>
        ImageGrid.Plot(images, labels, predictions, classNames, columns, maxImages);
}
