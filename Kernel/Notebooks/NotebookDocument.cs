using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookKeras.Runtime.IO;

namespace NotebookKeras.Kernel.Notebooks;

/// <summary>
/// An nbformat 4 notebook held as its JSON, so metadata and fields this code does not know survive a run unchanged. Read from
/// <c>.ipynb</c>, or from a Polyglot <c>.dib</c> file (its C# and Markdown cells); written as <c>.ipynb</c>.
/// </summary>
public sealed class NotebookDocument
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        // Code and HTML stay readable in the file (Jupyter writes them unescaped too).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private NotebookDocument(JsonObject root)
    {
        Root = root;
        Cells = root["cells"] as JsonArray ?? throw new InvalidDataException("notebook: 'cells' must be an array.");
        foreach (var cell in Cells)
        {
            if (cell is not JsonObject { } c || c["cell_type"]?.GetValue<string>() is not ("code" or "markdown" or "raw"))
                throw new InvalidDataException("notebook: every cell must be an object with cell_type \"code\", \"markdown\" or \"raw\".");
        }
        EnsureIds();
    }

    /// <summary>The whole notebook (nbformat 4).</summary>
    internal JsonObject Root { get; }

    /// <summary>The cells, in order.</summary>
    internal JsonArray Cells { get; }

    /// <summary>How many code cells the notebook has.</summary>
    public int CodeCellCount => Cells.Count(c => c?["cell_type"]?.GetValue<string>() == "code");

    /// <summary>Reads <c>.ipynb</c> (nbformat 4) or <c>.dib</c> by extension.</summary>
    public static NotebookDocument Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"notebook '{path}' does not exist.", path);
        var text = File.ReadAllText(path);
        return Path.GetExtension(path).Equals(".dib", StringComparison.OrdinalIgnoreCase) ? FromDib(text) : Parse(text, path);
    }

    /// <summary>Parses nbformat 4 JSON; <paramref name="source"/> names it in errors.</summary>
    public static NotebookDocument Parse(string json, string source = "notebook")
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not valid JSON ({e.Message}).", e);
        }
        if (root is not JsonObject obj || obj["nbformat"]?.GetValue<int>() != 4)
            throw new InvalidDataException($"{source}: expected an nbformat 4 notebook (\"nbformat\": 4), got {(root is JsonObject o ? o["nbformat"]?.ToJsonString() ?? "no nbformat field" : "no JSON object")}.");
        return new NotebookDocument(obj);
    }

    /// <summary>A notebook of code cells (the C# script given) and markdown cells, with NotebookKeras's kernelspec.</summary>
    public static NotebookDocument Create(IEnumerable<(string CellType, string Source)> cells)
    {
        var array = new JsonArray();
        foreach (var (type, source) in cells)
        {
            var cell = new JsonObject { ["cell_type"] = type, ["metadata"] = new JsonObject(), ["source"] = Lines(source) };
            if (type == "code")
            {
                cell["execution_count"] = null;
                cell["outputs"] = new JsonArray();
            }
            array.Add(cell);
        }
        return new NotebookDocument(new JsonObject
        {
            ["cells"] = array,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["name"] = "nkeras", ["display_name"] = "NotebookKeras (C#)", ["language"] = "C#" },
                ["language_info"] = new JsonObject { ["name"] = "C#", ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp", ["pygments_lexer"] = "csharp" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        });
    }

    /// <summary>The cells of a Polyglot <c>.dib</c> file: <c>#!csharp</c> (or <c>#!c#</c>) and <c>#!markdown</c> sections.</summary>
    public static NotebookDocument FromDib(string text)
    {
        var cells = new List<(string, string)>();
        string? type = null;
        var source = new StringBuilder();
        void Close()
        {
            if (type is not null && source.ToString().Trim().Length > 0) cells.Add((type, source.ToString().Trim('\r', '\n')));
            source.Clear();
        }
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.StartsWith("#!", StringComparison.Ordinal) && trimmed.Length > 2 && !trimmed.Contains(' ', StringComparison.Ordinal))
            {
                Close();
                type = trimmed switch
                {
                    "#!csharp" or "#!c#" => "code",
                    "#!markdown" => "markdown",
                    _ => null, // #!meta and other kernels' cells are not run
                };
                continue;
            }
            source.Append(trimmed).Append('\n');
        }
        Close();
        return Create(cells);
    }

    /// <summary>A cell's source (nbformat allows a string or a list of lines).</summary>
    internal static string Source(JsonObject cell) => Text(cell["source"]);

    /// <summary>A multiline string field: a string, or a list of strings to concatenate.</summary>
    internal static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => "",
    };

    /// <summary>Text as nbformat's list of lines, each but the last ending with its newline.</summary>
    internal static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    /// <summary>The notebook as JSON text (one-space indent, as Jupyter writes it).</summary>
    public string ToJson() => Root.ToJsonString(Indented) + "\n";

    /// <summary>Writes the notebook atomically (a failed write never leaves a truncated notebook).</summary>
    public void Save(string path) => AtomicFile.Write(path, stream =>
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(ToJson());
        stream.Write(bytes);
    });

    // nbformat 4.5 requires a unique id per cell; ids already present are kept.
    private void EnsureIds()
    {
        var used = new HashSet<string>(Cells.Select(c => c!["id"]?.GetValue<string>()).OfType<string>(), StringComparer.Ordinal);
        foreach (var cell in Cells.Cast<JsonObject>())
        {
            if (cell["id"] is not null) continue;
            string id;
            do id = Guid.NewGuid().ToString("N")[..8];
            while (!used.Add(id));
            cell["id"] = id;
        }
        if ((Root["nbformat_minor"]?.GetValue<int>() ?? 0) < 5) Root["nbformat_minor"] = 5;
    }
}
