using System.Globalization;
using NotebookKeras.Kernel.Notebooks;

namespace NotebookKeras.Cli.Commands;

/// <summary>
/// <c>nkeras run</c>: executes a notebook (.ipynb, .dib) cell by cell through one C# session, headless, writing the executed
/// notebook and an offline HTML report; or runs a C# script (.csx) through the same engine, its text on the terminal.
/// Exit code 0 when every cell succeeded (or errors are allowed), 1 at the first failing cell. A notebook runs in its own
/// folder, as Jupyter starts a notebook's kernel there, so the relative paths in its cells mean the same in both.
/// </summary>
internal static class RunCommand
{
    private sealed record Options(string Input, string? Output, string? Html, bool AllowErrors, TimeSpan? Timeout);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = Parse(args);
        var input = Path.GetFullPath(options.Input);
        var script = Path.GetExtension(input).Equals(".csx", StringComparison.OrdinalIgnoreCase);
        if (!File.Exists(input)) throw new FileNotFoundException($"'{options.Input}' does not exist.", options.Input);
        var notebook = script ? NotebookDocument.Create([("code", File.ReadAllText(input))]) : NotebookDocument.Load(input);
        var codeCells = notebook.CodeCellCount;
        var ordinal = 0;
        var runner = new NotebookRunner(new NotebookRunner.Options(
            AllowErrors: options.AllowErrors,
            Timeout: options.Timeout,
            BaseDirectory: Path.GetDirectoryName(input),
            Echo: script ? stdout : null,
            EchoError: script ? stderr : null,
            CellFinished: cell =>
            {
                ordinal++;
                if (!script)
                {
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"[{ordinal}/{codeCells}] {(cell.Result.Succeeded ? "ok" : "failed")} in {cell.Duration.TotalSeconds:0.0} s"));
                }
                if (cell.Result.Error is { } error) stderr.WriteLine(string.Join(Environment.NewLine, error.Traceback));
            }));
        var output = options.Output is { } o ? Path.GetFullPath(o) : null;
        var html = options.Html is { } h ? Path.GetFullPath(h) : null;
        var shellFolder = Environment.CurrentDirectory;
        if (!script) Environment.CurrentDirectory = Path.GetDirectoryName(input)!;
        NotebookRun run;
        try
        {
            run = runner.RunAsync(notebook).GetAwaiter().GetResult();
        }
        finally
        {
            Environment.CurrentDirectory = shellFolder;
        }

        if (output is not null)
        {
            CreateFolderOf(output);
            notebook.Save(output);
            stdout.WriteLine($"wrote {options.Output}");
        }
        if (html is not null)
        {
            CreateFolderOf(html);
            HtmlReport.Save(notebook, html, Path.GetFileName(input));
            stdout.WriteLine($"wrote {options.Html}");
        }
        if (run.FirstFailure is { } failure && (run.Stopped || !options.AllowErrors))
        {
            stderr.WriteLine($"nkeras: {(script ? "the script" : $"code cell {run.Cells.ToList().IndexOf(failure) + 1}")} failed: {failure.Result.Error!.Name}: {failure.Result.Error.Value}");
            return 1;
        }
        return 0;
    }

    private static void CreateFolderOf(string path) => Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);

    private static Options Parse(string[] args)
    {
        string? input = null, output = null, html = null;
        var allowErrors = false;
        TimeSpan? timeout = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new CommandLine.UsageException($"option {name} needs a value");
            switch (name)
            {
                case "-o" or "--output": output = Value(); break;
                case "--html": html = Value(); break;
                case "--allow-errors": allowErrors = true; break;
                case "--timeout":
                    var text = Value();
                    timeout = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                        ? TimeSpan.FromSeconds(seconds)
                        : throw new CommandLine.UsageException($"option --timeout expects a positive number of seconds, got '{text}'");
                    break;
                case var _ when name.StartsWith('-'):
                    throw new CommandLine.UsageException($"unknown option '{name}' for 'run'");
                default:
                    if (input is not null) throw new CommandLine.UsageException($"'run' takes one file, got '{input}' and '{name}'");
                    input = name;
                    break;
            }
        }
        return new Options(input ?? throw new CommandLine.UsageException("'run' needs a notebook (.ipynb, .dib) or a script (.csx)"), output, html, allowErrors, timeout);
    }
}
