using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using NotebookKeras.Kernel.Formatting;
using NotebookKeras.Runtime.Training;

namespace NotebookKeras.Kernel.Execution;

/// <summary>
/// A C# notebook session on Roslyn scripting: each cell is a submission continuing the previous ones, so variables, methods and
/// types carry over. Cells start with the NotebookKeras namespaces and the DSL (<c>using static NotebookKeras.Dsl.Keras</c>)
/// imported, and <c>Display(value)</c> in scope. While a cell runs, its console output, displays and training progress go to
/// the cell's sink, and its cancellation token is the ambient one (Fit stops at a batch boundary; loops stop at their next
/// iteration). <c>#r "file.dll"</c> resolves relative to the base directory; <c>#r "nuget: Name, Version"</c> restores a package.
/// </summary>
public sealed class ScriptSession : ICodeSession
{
    private static readonly string[] Namespaces =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading", "System.Threading.Tasks",
        .. Dsl.NotebookImports.Namespaces, "NotebookKeras.Kernel.Execution",
    ];

    // Imported as "using static": the DSL's factories and Display.
    private static readonly Type[] StaticImports = [typeof(Dsl.Keras), typeof(DisplayFunctions)];

    internal static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    private readonly ScriptOptions _options;
    private readonly DisplayFormatter _formatter;
    private readonly string _baseDirectory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ScriptState<object>? _state;
    private int _executionCount;

    /// <summary>
    /// A new session. <paramref name="baseDirectory"/> (the current directory by default) is where relative <c>#r</c> paths and
    /// files are found; <paramref name="formatter"/> renders values (NotebookKeras's formatters by default).
    /// </summary>
    public ScriptSession(string? baseDirectory = null, DisplayFormatter? formatter = null)
    {
        _baseDirectory = Path.GetFullPath(baseDirectory ?? Directory.GetCurrentDirectory());
        _formatter = formatter ?? DisplayFormatter.CreateDefault();
        _options = ScriptOptions.Default
            .WithReferences(DefaultReferences())
            .WithImports(Namespaces.Concat(StaticImports.Select(t => t.FullName!)))
            .WithMetadataResolver(new NuGetReferenceResolver(ScriptMetadataResolver.Default.WithBaseDirectory(_baseDirectory).WithSearchPaths(_baseDirectory), _baseDirectory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(_baseDirectory))
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithAllowUnsafe(true);
        ProcessHooks.Install();
    }

    /// <summary>How many cells have been executed (the last execution count).</summary>
    public int ExecutionCount => Volatile.Read(ref _executionCount);

    public async Task<ExecutionResult> ExecuteAsync(string code, IOutputSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(sink);
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var count = Interlocked.Increment(ref _executionCount);
            var cell = new CellContext(sink, _formatter);
            // On the thread pool, so the cell's ambient context flows into everything it starts and never back into the caller.
            return await Task.Run(() => RunCellAsync(code, count, cell, cancellationToken), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<CompletionResult> CompleteAsync(string code, int cursor, CancellationToken cancellationToken = default) =>
        Task.Run(() => ScriptCompletion.Complete(Submission(code), code, cursor, cancellationToken), cancellationToken);

    public Task<MimeBundle?> InspectAsync(string code, int cursor, CancellationToken cancellationToken = default) =>
        Task.Run(() => ScriptCompletion.Inspect(Submission(code), code, cursor, cancellationToken), cancellationToken);

    public Task<(string Status, string Indent)> IsCompleteAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var tree = CSharpSyntaxTree.ParseText(code, ParseOptions, cancellationToken: cancellationToken);
        if (!SyntaxFactory.IsCompleteSubmission(tree)) return Task.FromResult(("incomplete", "    "));
        var invalid = tree.GetDiagnostics(cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error);
        return Task.FromResult((invalid ? "invalid" : "complete", ""));
    }

    private async Task<ExecutionResult> RunCellAsync(string code, int count, CellContext cell, CancellationToken token)
    {
        using var scope = cell.Enter();
        using var cancellation = AmbientCancellation.Use(token);
        var options = _options.WithFilePath(Path.Combine(_baseDirectory, $"cell-{count}.csx"));
        try
        {
            token.ThrowIfCancellationRequested();
            var rewritten = CancellationPoints.Insert(code, ParseOptions);
            var script = Continue(rewritten ?? code, options);
            var diagnostics = script.Compile(token);
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                // Positions as the cell was written, not as the cancellation checks shifted them.
                if (rewritten is not null) diagnostics = Continue(code, options).Compile(token);
                return new ExecutionResult(count, null, CellErrors.Compilation(diagnostics));
            }
            // Not given the token: Roslyn would throw on cancellation after the run and drop the state the cell built before it
            // was interrupted; the cell observes the token through the ambient one instead.
            var state = _state is null
                ? await script.RunAsync(globals: null, catchException: _ => true, CancellationToken.None).ConfigureAwait(false)
                : await script.RunFromAsync(_state, catchException: _ => true, CancellationToken.None).ConfigureAwait(false);
            _state = state;
            if (state.Exception is { } exception) return new ExecutionResult(count, null, CellErrors.Exception(exception));
            return new ExecutionResult(count, state.ReturnValue is { } value ? cell.Format(value) : null, null);
        }
        catch (OperationCanceledException exception)
        {
            return new ExecutionResult(count, null, CellErrors.Exception(exception));
        }
        catch (CompilationErrorException exception)
        {
            return new ExecutionResult(count, null, CellErrors.Compilation(exception.Diagnostics));
        }
        catch (Exception exception)
        {
            // Whatever else escapes (a value's ToString, a reference resolver) is the cell's error, never the session's.
            return new ExecutionResult(count, null, CellErrors.Exception(exception));
        }
    }

    /// <summary>The script for <paramref name="code"/> as the next submission, compiled lazily (nothing runs).</summary>
    private Script<object> Submission(string code) => Continue(code, _options);

    private Script<object> Continue(string code, ScriptOptions options) =>
        _state is { } state ? state.Script.ContinueWith<object>(code, options) : CSharpScript.Create<object>(code, options);

    /// <summary>The shared framework's assemblies (what a console app can use without packages) and NotebookKeras's.</summary>
    private static ImmutableArray<MetadataReference> DefaultReferences()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal));
        Assembly[] ours = [typeof(Runtime.Tensors.Tensor).Assembly, typeof(Visualizers.Tensors.TensorPreview).Assembly, typeof(Dsl.Keras).Assembly, typeof(ScriptSession).Assembly];
        return [.. framework.Concat(ours.Select(a => a.Location)).Distinct(StringComparer.Ordinal).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
