using System.Text.Json.Nodes;
using NotebookKeras.Kernel.Execution;

namespace NotebookKeras.Kernel.Notebooks;

/// <summary>
/// Turns a cell's outputs into nbformat outputs, as nbclient records them: consecutive stream text of one name is merged,
/// displays become display_data, and an update_display_data replaces the data of every earlier output with that display id,
/// in whichever cell it is (the map lives as long as the run). Text and displays can also be echoed live (a script's run).
/// </summary>
internal sealed class NotebookOutputSink(TextWriter? echo = null, TextWriter? echoError = null) : IOutputSink
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<JsonObject>> _displays = new(StringComparer.Ordinal);
    private JsonArray _outputs = [];

    /// <summary>Starts collecting the outputs of the next cell into <paramref name="outputs"/>.</summary>
    public void Begin(JsonArray outputs)
    {
        lock (_lock) _outputs = outputs;
    }

    public void Stream(string name, string text)
    {
        lock (_lock)
        {
            (name == "stderr" ? echoError ?? echo : echo)?.Write(text);
            if (_outputs.Count > 0 && _outputs[^1] is JsonObject { } last && last["output_type"]?.GetValue<string>() == "stream"
                && last["name"]?.GetValue<string>() == name)
            {
                last["text"] = NotebookDocument.Lines(NotebookDocument.Text(last["text"]) + text);
                return;
            }
            _outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = NotebookDocument.Lines(text) });
        }
    }

    public void Display(MimeBundle data, string? displayId)
    {
        lock (_lock)
        {
            var output = new JsonObject { ["output_type"] = "display_data", ["data"] = Data(data), ["metadata"] = new JsonObject() };
            _outputs.Add(output);
            if (displayId is not null)
            {
                if (!_displays.TryGetValue(displayId, out var list)) _displays[displayId] = list = [];
                list.Add(output);
            }
            echo?.WriteLine(data.PlainText);
        }
    }

    public void UpdateDisplay(MimeBundle data, string displayId)
    {
        lock (_lock)
        {
            if (!_displays.TryGetValue(displayId, out var outputs)) return;
            foreach (var output in outputs) output["data"] = Data(data);
        }
    }

    /// <summary>The cell's execute_result (its last expression's value).</summary>
    public void Result(MimeBundle data, int executionCount)
    {
        lock (_lock)
        {
            _outputs.Add(new JsonObject
            {
                ["output_type"] = "execute_result",
                ["execution_count"] = executionCount,
                ["data"] = Data(data),
                ["metadata"] = new JsonObject(),
            });
            echo?.WriteLine(data.PlainText);
        }
    }

    /// <summary>The cell's error output.</summary>
    public void Error(ExecutionError error)
    {
        lock (_lock)
        {
            _outputs.Add(new JsonObject
            {
                ["output_type"] = "error",
                ["ename"] = error.Name,
                ["evalue"] = error.Value,
                ["traceback"] = new JsonArray([.. error.Traceback.Select(line => (JsonNode)line)]),
            });
        }
    }

    private static JsonObject Data(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, text) in bundle.Data) data[mime] = NotebookDocument.Lines(text);
        return data;
    }
}
