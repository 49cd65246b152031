namespace NotebookKeras.Runtime.Training;

/// <summary>The valid names closest to a misspelt one (by edit distance, ignoring case and separators), for error messages.</summary>
internal static class NameSuggestions
{
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> candidates, int count = 3)
    {
        var key = Simplify(name);
        return candidates
            .Where(c => c.Length > 0 && char.IsLower(c[0]))
            .Select(c => (Name: c, Distance: Distance(key, Simplify(c))))
            .OrderBy(p => p.Distance).ThenBy(p => p.Name.Length)
            .Take(count)
            .Select(p => p.Name)
            .ToArray();
    }

    private static string Simplify(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    // Levenshtein distance with two rows.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
