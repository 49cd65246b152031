using System.Globalization;
using System.Text;

namespace NotebookKeras.Runtime.Tensors;

/// <summary>The kinds of Python literal a <c>.npy</c> header can hold.</summary>
internal enum NpyLiteralKind
{
    String,
    Int,
    Bool,
    None,
    Tuple,
    List,
    Dict,
}

/// <summary>
/// A Python literal parsed from a <c>.npy</c> header, which is the <c>repr</c> of a dict of str, bool and tuples of int
/// (structured dtypes add lists of tuples). Parsed by hand rather than evaluated: a file must never run anything.
/// <see cref="Source"/> keeps the literal's text so errors can quote what the file said.
/// </summary>
internal sealed class NpyLiteral
{
    // Deeper nesting than any header NumPy writes; the limit keeps a hostile "((((..." from overflowing the stack.
    private const int MaxDepth = 32;

    private NpyLiteral(NpyLiteralKind kind, string source, object? value)
    {
        Kind = kind;
        Source = source;
        Value = value;
    }

    public NpyLiteralKind Kind { get; }

    /// <summary>The literal's text as written in the header.</summary>
    public string Source { get; }

    /// <summary>string, long, bool, null, <see cref="IReadOnlyList{T}"/> of items, or list of (key, value) pairs for a dict.</summary>
    public object? Value { get; }

    public IReadOnlyList<NpyLiteral> Items => (IReadOnlyList<NpyLiteral>)Value!;

    public IReadOnlyList<(NpyLiteral Key, NpyLiteral Value)> Entries => (IReadOnlyList<(NpyLiteral, NpyLiteral)>)Value!;

    public override string ToString() => Source;

    /// <summary>Parses one literal filling <paramref name="text"/> (surrounding whitespace allowed).</summary>
    /// <exception cref="NpyFormatException">The text is not a Python literal; the message quotes the header.</exception>
    public static NpyLiteral Parse(string text, string sourceName)
    {
        var parser = new Parser(text, sourceName);
        parser.SkipSpace();
        var value = parser.ParseValue(0);
        parser.SkipSpace();
        if (!parser.AtEnd) parser.Fail("unexpected text after the value");
        return value;
    }

    private sealed class Parser(string text, string sourceName)
    {
        private int _pos;

        public bool AtEnd => _pos >= text.Length;

        private char Peek => _pos < text.Length ? text[_pos] : '\0';

        public void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
        }

        public NpyLiteral ParseValue(int depth)
        {
            if (depth > MaxDepth) Fail($"nesting deeper than {MaxDepth} levels");
            var start = _pos;
            switch (Peek)
            {
                case '{':
                    return Make(NpyLiteralKind.Dict, start, ParseDict(depth));
                case '[':
                    return Make(NpyLiteralKind.List, start, ParseSequence(']', depth, out _));
                case '(':
                    {
                        var items = ParseSequence(')', depth, out var sawComma);
                        // "(3)" is the int 3 in Python, not a tuple: only a comma (or "()") makes a tuple.
                        if (items.Count == 1 && !sawComma) return items[0];
                        return Make(NpyLiteralKind.Tuple, start, items);
                    }
                case '\'' or '"':
                    return Make(NpyLiteralKind.String, start, ParseString());
                case '-' or '+' or (>= '0' and <= '9'):
                    return Make(NpyLiteralKind.Int, start, ParseInt());
            }
            var word = ParseWord();
            return word switch
            {
                "True" => Make(NpyLiteralKind.Bool, start, true),
                "False" => Make(NpyLiteralKind.Bool, start, false),
                "None" => Make(NpyLiteralKind.None, start, null),
                "" => throw Error(AtEnd ? "unexpected end of header" : $"unexpected character '{Peek}'"),
                _ => throw Error($"unexpected name '{word}'", start),
            };
        }

        private NpyLiteral Make(NpyLiteralKind kind, int start, object? value) => new(kind, text[start.._pos], value);

        private List<(NpyLiteral, NpyLiteral)> ParseDict(int depth)
        {
            _pos++; // '{'
            var entries = new List<(NpyLiteral, NpyLiteral)>();
            while (true)
            {
                SkipSpace();
                if (Peek == '}') break;
                var key = ParseValue(depth + 1);
                SkipSpace();
                Expect(':');
                SkipSpace();
                var value = ParseValue(depth + 1);
                entries.Add((key, value));
                SkipSpace();
                if (Peek == ',')
                {
                    _pos++;
                    continue;
                }
                if (Peek != '}') Fail(AtEnd ? "unexpected end of header, expected ',' or '}'" : $"expected ',' or '}}', found '{Peek}'");
            }
            _pos++; // '}'
            return entries;
        }

        private List<NpyLiteral> ParseSequence(char close, int depth, out bool sawComma)
        {
            _pos++; // opening bracket
            sawComma = false;
            var items = new List<NpyLiteral>();
            while (true)
            {
                SkipSpace();
                if (Peek == close) break;
                items.Add(ParseValue(depth + 1));
                SkipSpace();
                if (Peek == ',')
                {
                    sawComma = true;
                    _pos++;
                    continue;
                }
                if (Peek != close) Fail(AtEnd ? $"unexpected end of header, expected ',' or '{close}'" : $"expected ',' or '{close}', found '{Peek}'");
            }
            _pos++; // closing bracket
            return items;
        }

        private string ParseString()
        {
            var quote = text[_pos++];
            var sb = new StringBuilder();
            while (true)
            {
                if (AtEnd || Peek is '\n' or '\r') Fail("unterminated string");
                var c = text[_pos++];
                if (c == quote) return sb.ToString();
                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }
                if (AtEnd) Fail("unterminated string");
                var e = text[_pos++];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case '0': sb.Append('\0'); break;
                    case '\\' or '\'' or '"': sb.Append(e); break;
                    case 'x': sb.Append(ParseHex(2)); break;
                    case 'u': sb.Append(ParseHex(4)); break;
                    default: sb.Append('\\').Append(e); break; // Python keeps unknown escapes verbatim
                }
            }
        }

        private char ParseHex(int digits)
        {
            if (_pos + digits > text.Length ||
                !int.TryParse(text.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                throw Error("bad escape in string");
            _pos += digits;
            return (char)code;
        }

        private long ParseInt()
        {
            var start = _pos;
            if (Peek is '-' or '+') _pos++;
            var digitsStart = _pos;
            while (Peek is >= '0' and <= '9') _pos++;
            if (_pos == digitsStart) Fail("expected digits after the sign", start);
            var digits = text.AsSpan(start, _pos - start);
            // Python 2 wrote long ints as "3L"; NumPy still reads such version 1.0/2.0 files.
            if (Peek is 'L' or 'l') _pos++;
            if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                throw Error($"integer {digits} is out of range", start);
            return value;
        }

        private string ParseWord()
        {
            var start = _pos;
            while (char.IsAsciiLetterOrDigit(Peek) || Peek == '_') _pos++;
            return text[start.._pos];
        }

        private void Expect(char c)
        {
            if (Peek != c) Fail(AtEnd ? $"unexpected end of header, expected '{c}'" : $"expected '{c}', found '{Peek}'");
            _pos++;
        }

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        public void Fail(string problem, int? at = null) => throw Error(problem, at);

        private NpyFormatException Error(string problem, int? at = null) =>
            new(sourceName, $"malformed header: {problem} at position {at ?? _pos} in {Quote(text)}");
    }

    /// <summary>The header text for an error message: trailing padding trimmed, long headers shortened.</summary>
    internal static string Quote(string header)
    {
        var t = header.TrimEnd();
        return t.Length <= 200 ? $"\"{t}\"" : $"\"{t[..200]}...\" ({t.Length} characters)";
    }
}
