using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace NotebookKeras.Kernel.Execution;

/// <summary>
/// Compile errors and exceptions as a cell reports them: positions relative to the cell, and stack traces cut down to the
/// frames of code written in cells (Roslyn's and the async machinery's frames say nothing to the person who wrote the cell).
/// </summary>
internal static class CellErrors
{
    public const string CompilationErrorName = "CompilationError";
    public const string CancelledName = nameof(OperationCanceledException);

    /// <summary>The error for a cell that does not compile: one "(line,column): error CSxxxx: message" per error.</summary>
    public static ExecutionError Compilation(IEnumerable<Diagnostic> diagnostics)
    {
        var lines = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Format).ToArray();
        return new ExecutionError(CompilationErrorName, lines.Length > 0 ? lines[0] : "the cell does not compile", lines);
    }

    /// <summary>"(2,5): error CS0103: The name 'x' does not exist in the current context", positions 1-based within the cell.</summary>
    public static string Format(Diagnostic diagnostic)
    {
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        var severity = diagnostic.Severity.ToString().ToLowerInvariant();
        return string.Create(CultureInfo.InvariantCulture,
            $"({start.Line + 1},{start.Character + 1}): {severity} {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}");
    }

    /// <summary>The error for an exception a cell threw: its type, message, inner exceptions and the cells' frames.</summary>
    public static ExecutionError Exception(Exception exception)
    {
        exception = Unwrap(exception);
        var traceback = new List<string> { $"{exception.GetType().FullName}: {exception.Message}" };
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
            traceback.Add($" ---> {inner.GetType().FullName}: {inner.Message}");
        traceback.AddRange(CellFrames(exception));
        var name = exception is OperationCanceledException ? CancelledName : exception.GetType().Name;
        return new ExecutionError(name, exception.Message, traceback);
    }

    private static Exception Unwrap(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    exception = aggregate.InnerExceptions[0];
                    break;
                case TargetInvocationException { InnerException: { } inner }:
                    exception = inner;
                    break;
                default:
                    return exception;
            }
        }
    }

    private static IEnumerable<string> CellFrames(Exception exception)
    {
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: true).GetFrames())
        {
            var method = frame.GetMethod();
            if (method?.DeclaringType is not { } type || !IsCellAssembly(type.Assembly)) continue;
            var file = frame.GetFileName() is { Length: > 0 } path ? Path.GetFileName(path) : "cell";
            var line = frame.GetFileLineNumber();
            yield return line > 0
                ? string.Create(CultureInfo.InvariantCulture, $"   at {Describe(method, type)} in {file}:line {line}")
                : $"   at {Describe(method, type)} in {file}";
        }
    }

    /// <summary>Roslyn names each submission's assembly "ℛ*guid#n-m".</summary>
    private static bool IsCellAssembly(Assembly assembly) => assembly.GetName().Name?.StartsWith("ℛ*", StringComparison.Ordinal) == true;

    // The cell's top-level code runs in the state machine of Submission#n.<Initialize>; async methods in "<Name>d__k" machines.
    private static string Describe(MethodBase method, Type type)
    {
        if (type.Name.Contains("<Initialize>", StringComparison.Ordinal)) return "<cell>";
        if (method.Name == "MoveNext" && type.Name.StartsWith('<') && type.Name.IndexOf('>') is > 1 and var close)
            return type.Name[1..close];
        var parameters = string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name));
        return $"{method.Name}({parameters})";
    }
}
