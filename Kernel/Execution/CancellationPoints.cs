using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NotebookKeras.Kernel.Execution;

/// <summary>
/// Makes a cell's loops interruptible: every loop body starts by checking the ambient cancellation token, so interrupting a cell
/// stops <c>while (true) { … }</c> at its next iteration without the user polling a token. The check is inserted on an existing
/// line, so line numbers in stack traces stay the cell's own.
/// </summary>
internal sealed class CancellationPoints : CSharpSyntaxRewriter
{
    private static readonly StatementSyntax Check = SyntaxFactory.ParseStatement(
        "global::NotebookKeras.Runtime.Training.AmbientCancellation.Token.ThrowIfCancellationRequested();");

    private bool _changed;

    /// <summary>The code with a cancellation check at the top of every loop body, or null when it has no loop.</summary>
    public static string? Insert(string code, CSharpParseOptions options)
    {
        var root = CSharpSyntaxTree.ParseText(code, options).GetRoot();
        var rewriter = new CancellationPoints();
        var rewritten = rewriter.Visit(root)!;
        return rewriter._changed ? rewritten.ToFullString() : null;
    }

    public override SyntaxNode? Visit(SyntaxNode? node) => base.Visit(node) switch
    {
        WhileStatementSyntax loop => loop.WithStatement(Guard(loop.Statement)),
        DoStatementSyntax loop => loop.WithStatement(Guard(loop.Statement)),
        ForStatementSyntax loop => loop.WithStatement(Guard(loop.Statement)),
        ForEachStatementSyntax loop => loop.WithStatement(Guard(loop.Statement)),
        ForEachVariableStatementSyntax loop => loop.WithStatement(Guard(loop.Statement)),
        var other => other,
    };

    private StatementSyntax Guard(StatementSyntax body)
    {
        _changed = true;
        return body is BlockSyntax block ? block.WithStatements(block.Statements.Insert(0, Check)) : SyntaxFactory.Block(Check, body);
    }
}
