namespace NotebookKeras.Cli.Commands;

/// <summary>
/// The arguments of a model command: one positional MODEL path and <c>--name value</c> options, each allowed once unless
/// declared repeatable (<c>--input a.npy --input b.npy</c>).
/// </summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    private CommandArguments(string model) => Model = model;

    public string Model { get; }

    /// <summary>
    /// Parses <paramref name="args"/> for <paramref name="command"/>, which accepts <paramref name="single"/> options once and
    /// <paramref name="repeatable"/> ones any number of times.
    /// </summary>
    public static CommandArguments Parse(string command, string[] args, string[] single, string[] repeatable)
    {
        string? model = null;
        var options = new List<(string Name, string Value)>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                if (model is not null) throw new CommandLine.UsageException($"'{command}' takes one MODEL; got '{model}' and '{name}'");
                model = name;
                continue;
            }
            if (!single.Contains(name) && !repeatable.Contains(name)) throw new CommandLine.UsageException($"unknown option '{name}' for '{command}'");
            if (i + 1 >= args.Length) throw new CommandLine.UsageException($"option {name} needs a value");
            options.Add((name, args[++i]));
        }
        var parsed = new CommandArguments(model ?? throw new CommandLine.UsageException($"'{command}' needs a MODEL file"));
        foreach (var (name, value) in options)
        {
            if (!parsed._options.TryGetValue(name, out var values)) parsed._options[name] = values = [];
            if (values.Count > 0 && single.Contains(name)) throw new CommandLine.UsageException($"option {name} is given twice for '{command}'");
            values.Add(value);
        }
        return parsed;
    }

    /// <summary>The values of a repeatable option, in the order given.</summary>
    public IReadOnlyList<string> All(string name) => _options.TryGetValue(name, out var values) ? values : [];

    /// <summary>The value of a single option, or null.</summary>
    public string? One(string name) => _options.TryGetValue(name, out var values) ? values[0] : null;
}
