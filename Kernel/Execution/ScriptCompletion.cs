using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using NotebookKeras.Kernel.Formatting;

namespace NotebookKeras.Kernel.Execution;

/// <summary>
/// Completion and inspection for a cell, from the semantic model of the cell compiled as the session's next submission (so the
/// variables of earlier cells are known): after <c>model.</c> the members of the model's type, elsewhere the names in scope.
/// </summary>
internal static class ScriptCompletion
{
    public static CompletionResult Complete(Script script, string code, int cursor, CancellationToken token)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var start = cursor;
        while (start > 0 && IsIdentifierPart(code[start - 1])) start--;
        var prefix = code[start..cursor];
        var (model, root) = Analyze(script, token);

        IEnumerable<ISymbol> symbols;
        var dot = start - 1;
        while (dot >= 0 && char.IsWhiteSpace(code[dot])) dot--;
        if (dot >= 0 && code[dot] == '.')
        {
            var parent = root.FindToken(dot).Parent;
            symbols = parent switch
            {
                MemberAccessExpressionSyntax access => Members(model, access.Expression, start),
                QualifiedNameSyntax qualified => Members(model, qualified.Left, start),
                _ => [],
            };
        }
        else symbols = model.LookupSymbols(start);

        var matches = symbols
            .Where(s => s.CanBeReferencedByName && !s.IsImplicitlyDeclared && s.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        return new CompletionResult(matches, start, cursor);
    }

    public static MimeBundle? Inspect(Script script, string code, int cursor, CancellationToken token)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var (model, root) = Analyze(script, token);
        // The cursor usually sits just after the name being inspected.
        var position = cursor > 0 && (cursor == code.Length || !IsIdentifierPart(code[cursor])) ? cursor - 1 : cursor;
        var node = root.FindToken(position).Parent;
        if (node is null) return null;
        var info = model.GetSymbolInfo(node, token);
        var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault() ?? model.GetDeclaredSymbol(node, token);
        if (symbol is null) return null;
        var text = symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
        if (Summary(symbol) is { Length: > 0 } summary) text += Environment.NewLine + Environment.NewLine + summary;
        return new MimeBundle(new Dictionary<string, string> { [DisplayFormatter.PlainText] = text });
    }

    private static (SemanticModel Model, SyntaxNode Root) Analyze(Script script, CancellationToken token)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Single();
        return (compilation.GetSemanticModel(tree), tree.GetRoot(token));
    }

    // After "x.": a type or namespace lists its static members and nested types; a value lists its instance members.
    private static IEnumerable<ISymbol> Members(SemanticModel model, ExpressionSyntax left, int position)
    {
        var symbol = model.GetSymbolInfo(left).Symbol;
        if (symbol is INamespaceSymbol ns) return model.LookupNamespacesAndTypes(position, ns);
        if (symbol is ITypeSymbol type) return model.LookupStaticMembers(position, type);
        var valueType = model.GetTypeInfo(left).Type;
        return valueType is null ? [] : model.LookupSymbols(position, valueType, includeReducedExtensionMethods: true).Where(s => !s.IsStatic);
    }

    private static string? Summary(ISymbol symbol)
    {
        var xml = symbol.GetDocumentationCommentXml();
        if (string.IsNullOrWhiteSpace(xml)) return null;
        try
        {
            var summary = XDocument.Parse(xml).Descendants("summary").FirstOrDefault();
            return summary is null ? null : string.Join(" ", summary.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static bool IsIdentifierPart(char c) => SyntaxFacts.IsIdentifierPartCharacter(c);
}
