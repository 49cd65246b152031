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
        var rewritten = rewriter.Visit(root);
        return rewriter._changed ? rewritten.ToFullString() : null;
    }

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    private StatementSyntax Guard(StatementSyntax body)
    {
        _changed = true;
        return body is BlockSyntax block ? block.WithStatements(block.Statements.Insert(0, Check)) : SyntaxFactory.Block(Check, body);
    }
}
