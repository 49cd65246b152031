using System.Text.Json.Nodes;
using NotebookKeras.Runtime.Losses;
using NotebookKeras.Runtime.Metrics;
using NotebookKeras.Runtime.Tensors;

namespace NotebookKeras.Runtime.Training;

/// <summary>
/// Turns a metric name from <c>Compile</c> into a metric, as Keras's <c>get_metric</c>: "accuracy"/"acc" becomes binary,
/// sparse categorical or categorical accuracy by the shapes of the targets and predictions; "crossentropy"/"ce" the matching
/// crossentropy metric, taking <c>from_logits</c> from the loss. The metric keeps the name given ("accuracy"). Other names go to
/// the metric catalogue; an unknown one lists the closest valid names.
/// </summary>
internal static class MetricResolution
{
    public static Metric Resolve(string name, Shape yTrue, Shape yPred, Loss? loss)
    {
        var kind = name.ToLowerInvariant() switch
        {
            "accuracy" or "acc" => "Accuracy",
            "crossentropy" or "ce" => "Crossentropy",
            _ => null,
        };
        if (kind is null) return Get(name);
        var config = new JsonObject { ["name"] = name };
        if (kind == "Crossentropy" && loss?.GetConfig()["from_logits"] is { } fromLogits) config["from_logits"] = fromLogits.DeepClone();
        return Metric.Get(new JsonObject { ["class_name"] = ClassFor(kind, yTrue, yPred), ["config"] = config })!;
    }

    /// <summary>
    /// Keras's choice by shapes: binary when predictions have one column; sparse categorical when the targets have a lower rank
    /// than the predictions, or one column against several; categorical otherwise.
    /// </summary>
    public static string ClassFor(string kind, Shape yTrue, Shape yPred)
    {
        var predLast = yPred.Rank == 0 ? 1 : yPred[-1];
        var trueLast = yTrue.Rank == 0 ? 1 : yTrue[-1];
        var binary = predLast == 1;
        var sparse = yTrue.Rank < yPred.Rank || (trueLast == 1 && predLast > 1);
        var prefix = binary ? "Binary" : sparse ? "SparseCategorical" : "Categorical";
        return prefix + kind;
    }

    private static Metric Get(string name)
    {
        try
        {
            return Metric.Get(name);
        }
        catch (ArgumentException e)
        {
            var close = NameSuggestions.Closest(name, Metric.Names);
            throw new ArgumentException(
                $"Unknown metric '{name}'.{(close.Count > 0 ? $" The closest valid names are: {string.Join(", ", close)}." : "")} {e.Message}", nameof(name), e);
        }
    }
}
