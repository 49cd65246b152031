using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using NotebookKeras.Visualizers;
using NotebookKeras.Visualizers.Training;

namespace NotebookKeras.Interactive;

/// <summary>
/// A live output of a .NET Interactive submission: a displayed value (DisplayedValueProduced, HTML and plain text), then its
/// updates (DisplayedValueUpdated with the same id).
/// </summary>
internal sealed class SubmissionLiveOutput(KernelInvocationContext context) : LiveOutput
{
    private DisplayedValue? _display;

    /// <summary>A live output in the submission running on this flow, or null outside one.</summary>
    public static LiveOutput? InCurrentSubmission() => KernelInvocationContext.Current is { IsComplete: false } context ? new SubmissionLiveOutput(context) : null;

    // Named explicitly: System.DisplayExtensions.Display(object) would bind with the context as the value.
    protected override void Show(Visual visual) =>
        _display = KernelInvocationContextExtensions.Display(context, visual, HtmlFormatter.MimeType, PlainTextFormatter.MimeType);

    protected override void Update(Visual visual) =>
        (_display ?? throw new InvalidOperationException("SubmissionLiveOutput: Update before Show.")).Update(visual);

    // The end actions of each running submission; run by the extension's middleware once the submission's code has run (or,
    // where that middleware is not in the pipeline, when the context completes).
    private static readonly ConditionalWeakTable<KernelInvocationContext, List<Action>> s_endActions = [];

    public override void OnEnd(Action action)
    {
        var actions = s_endActions.GetValue(context, c =>
        {
            c.OnComplete(End);
            return [];
        });
        lock (actions) actions.Add(action);
    }

    /// <summary>Runs the end actions registered for <paramref name="context"/>'s submission, once.</summary>
    public static void End(KernelInvocationContext context)
    {
        if (!s_endActions.TryGetValue(context, out var actions)) return;
        Action[] pending;
        lock (actions)
        {
            pending = [.. actions];
            actions.Clear();
        }
        foreach (var action in pending) action();
    }
}
