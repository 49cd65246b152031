using System.Text.Json.Nodes;
using NotebookKeras.Kernel.Execution;

namespace NotebookKeras.Kernel.Jupyter;

/// <summary>A cell's outputs as iopub messages answering its execute_request: stream, display_data, update_display_data.</summary>
internal sealed class IopubOutputSink(IopubPublisher iopub, JupyterMessage request) : IOutputSink
{
    public void Stream(string name, string text) =>
        iopub.Publish("stream", new JsonObject { ["name"] = name, ["text"] = text }, request);

    public void Display(MimeBundle data, string? displayId) =>
        iopub.Publish("display_data", DisplayContent(data, displayId), request);

    public void UpdateDisplay(MimeBundle data, string displayId) =>
        iopub.Publish("update_display_data", DisplayContent(data, displayId), request);

    internal static JsonObject Data(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, value) in bundle.Data) data[mime] = value;
        return data;
    }

    private static JsonObject DisplayContent(MimeBundle data, string? displayId)
    {
        var content = new JsonObject { ["data"] = Data(data), ["metadata"] = new JsonObject() };
        if (displayId is not null) content["transient"] = new JsonObject { ["display_id"] = displayId };
        return content;
    }
}
