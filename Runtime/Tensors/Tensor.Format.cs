using System.Globalization;
using System.Text;

namespace NotebookKeras.Runtime.Tensors;

// ToString follows NumPy's repr (numpy/core/arrayprint.py with its default options), so printed tensors read like the arrays
// of the Python tutorials: nested brackets, columns aligned by a common element width, rows wrapped at 75 characters, and
// more than 1000 elements elided to the first and last 3 items of each axis.
public sealed partial class Tensor
{
    private const string ReprPrefix = "tensor(";
    private const int LineWidth = 75;
    private const int Threshold = 1000;
    private const int EdgeItems = 3;
    private const int MaxFractionDigits = 8;

    /// <summary>
    /// NumPy-style text: <c>tensor([[1., 2.],\n        [3., 4.]], shape=(2, 2), dtype=float32)</c>.
    /// </summary>
    public override string ToString()
    {
        var tail = $"shape={Shape}, dtype={DType.KerasName()})";
        // As numpy's repr: the body wraps as if followed by ",", and the tail moves to its own line when it would overflow.
        var text = ReprPrefix + FormatBody(LineWidth - 1) + ",";
        var lastLine = text.Length - (text.LastIndexOf('\n') + 1);
        var spacer = lastLine + tail.Length + 1 > LineWidth ? "\n" + new string(' ', ReprPrefix.Length) : " ";
        return text + spacer + tail;
    }

    private string FormatBody(int lineWidth)
    {
        if (Size == 0) return "[]";
        var summarize = Size > Threshold;
        var strides = Shape.Strides();
        var shown = new List<int>();
        CollectShown(0, 0, summarize, strides, shown);
        Func<int, string> element;
        if (DType == DType.Int32)
        {
            var ints = Ints;
            var width = 0;
            foreach (var i in shown) width = Math.Max(width, ints[i].ToString(CultureInfo.InvariantCulture).Length);
            element = i => Ints[i].ToString(CultureInfo.InvariantCulture).PadLeft(width);
        }
        else
        {
            var floats = Floats;
            var values = new float[shown.Count];
            for (var k = 0; k < values.Length; k++) values[k] = floats[shown[k]];
            var format = new FloatFormat(values);
            element = i => format.Format(Floats[i]);
        }
        var hanging = new string(' ', ReprPrefix.Length + 1);
        return FormatAxis(0, 0, hanging, lineWidth, summarize, strides, element);
    }

    /// <summary>Flat indices of the elements printed (all, or the edge items of each axis when summarizing).</summary>
    private void CollectShown(int axis, int offset, bool summarize, int[] strides, List<int> shown)
    {
        if (axis == Rank)
        {
            shown.Add(offset);
            return;
        }
        foreach (var i in ShownIndices(Shape[axis], summarize))
            CollectShown(axis + 1, offset + i * strides[axis], summarize, strides, shown);
    }

    private static IEnumerable<int> ShownIndices(int n, bool summarize)
    {
        var elide = summarize && 2 * EdgeItems < n;
        for (var i = 0; i < n; i++)
        {
            if (!elide || i < EdgeItems || i >= n - EdgeItems) yield return i;
        }
    }

    // numpy's _formatArray: the last axis lays elements out in wrapped lines; outer axes put one sub-array per line, with a
    // blank line between blocks of rank >= 2.
    private string FormatAxis(int axis, int offset, string hanging, int width, bool summarize, int[] strides, Func<int, string> element)
    {
        if (axis == Rank) return element(offset);
        var n = Shape[axis];
        var elide = summarize && 2 * EdgeItems < n;
        var nextHanging = hanging + " ";
        var s = new StringBuilder();
        if (axis == Rank - 1)
        {
            var elementWidth = width - 1;
            var line = new StringBuilder(hanging);
            var first = true;
            foreach (var i in ShownIndices(n, summarize))
            {
                if (!first) line.Append(", ");
                if (elide && i == n - EdgeItems)
                {
                    ExtendLine(s, line, "...", elementWidth, hanging);
                    line.Append(", ");
                }
                ExtendLine(s, line, FormatAxis(axis + 1, offset + i * strides[axis], nextHanging, width - 1, summarize, strides, element), elementWidth, hanging);
                first = false;
            }
            s.Append(line);
        }
        else
        {
            var separator = "," + new string('\n', Rank - axis - 1);
            var first = true;
            foreach (var i in ShownIndices(n, summarize))
            {
                if (!first) s.Append(separator);
                if (elide && i == n - EdgeItems) s.Append(hanging).Append("...").Append(separator);
                s.Append(hanging).Append(FormatAxis(axis + 1, offset + i * strides[axis], nextHanging, width - 1, summarize, strides, element));
                first = false;
            }
        }
        return "[" + s.ToString(hanging.Length, s.Length - hanging.Length) + "]";
    }

    private static void ExtendLine(StringBuilder s, StringBuilder line, string word, int width, string hanging)
    {
        // Wrap only when it helps: a line holding just the indent takes the word however long it is.
        if (line.Length + word.Length > width && line.Length > hanging.Length)
        {
            s.Append(line.ToString().TrimEnd()).Append('\n');
            line.Clear().Append(hanging);
        }
        line.Append(word);
    }

    /// <summary>
    /// numpy's FloatingFormat with the defaults (precision 8, floatmode "maxprec"): the shortest text that round-trips the
    /// float32, positional with at most 8 fraction digits, or scientific when the magnitudes span too far.
    /// </summary>
    private sealed class FloatFormat
    {
        private readonly bool _scientific;
        private readonly int _padLeft;
        private readonly int _padRight;
        private readonly int _precision;
        private readonly int _exponentDigits;

        public FloatFormat(float[] values)
        {
            float maxAbs = 0, minAbs = float.PositiveInfinity;
            bool anyFinite = false, negativeInfinity = false;
            foreach (var v in values)
            {
                if (!float.IsFinite(v))
                {
                    negativeInfinity |= float.IsNegativeInfinity(v);
                    continue;
                }
                anyFinite = true;
                var a = MathF.Abs(v);
                if (a == 0) continue;
                maxAbs = MathF.Max(maxAbs, a);
                minAbs = MathF.Min(minAbs, a);
            }
            _scientific = maxAbs > 0 && (maxAbs >= 1e8f || minAbs < 1e-4f || maxAbs / minAbs > 1000f);

            if (_scientific)
            {
                foreach (var v in values)
                {
                    if (!float.IsFinite(v)) continue;
                    var (digits, exponent) = Mantissa(v);
                    _padLeft = Math.Max(_padLeft, float.IsNegative(v) ? 2 : 1);
                    _precision = Math.Max(_precision, digits.Length - 1);
                    _exponentDigits = Math.Max(_exponentDigits, Math.Max(2, Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).Length));
                }
                _padRight = _exponentDigits + 2 + _precision;
            }
            else if (anyFinite)
            {
                foreach (var v in values)
                {
                    if (!float.IsFinite(v)) continue;
                    var (integer, fraction) = Positional(v);
                    _padLeft = Math.Max(_padLeft, integer.Length);
                    _padRight = Math.Max(_padRight, fraction.Length);
                }
            }
            if (values.Any(v => !float.IsFinite(v)))
            {
                var offset = _padRight + 1;
                _padLeft = Math.Max(_padLeft, Math.Max(3 - offset, 3 + (negativeInfinity ? 1 : 0) - offset));
            }
        }

        public string Format(float v)
        {
            if (!float.IsFinite(v))
            {
                var text = float.IsNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
                return text.PadLeft(_padLeft + _padRight + 1);
            }
            if (_scientific)
            {
                var (digits, exponent) = Mantissa(v);
                if (digits.Length - 1 < _precision && digits != "0")
                {
                    // Every element shows the same number of digits: the extra ones are the exact value's, correctly rounded.
                    (digits, var point) = Digits(Math.Abs((double)v).ToString("E" + _precision, CultureInfo.InvariantCulture));
                    exponent = point - 1;
                }
                var mantissa = (float.IsNegative(v) ? "-" : "") + digits[0];
                return mantissa.PadLeft(_padLeft) + "." + digits[1..].PadRight(_precision, '0') + "e" + (exponent < 0 ? "-" : "+")
                    + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).PadLeft(_exponentDigits, '0');
            }
            var (integer, fraction) = Positional(v);
            return integer.PadLeft(_padLeft) + "." + fraction.PadRight(_padRight);
        }

        /// <summary>Integer part (with sign) and fraction digits of the positional text, at most 8 fraction digits.</summary>
        private static (string Integer, string Fraction) Positional(float v)
        {
            var (digits, point) = Shortest(v);
            if (digits.Length - point > MaxFractionDigits || point > digits.Length)
            {
                // As Dragon4 does, print the exact value instead: rounded when the shortest digits pass the precision, and in
                // full for large integers, whose shortest digits would end in zeros that are not the value's.
                var exact = Math.Abs((double)v).ToString("F" + (point > digits.Length ? 0 : MaxFractionDigits), CultureInfo.InvariantCulture);
                (digits, point) = Digits(exact);
            }
            var sign = float.IsNegative(v) ? "-" : "";
            if (digits.Length == 0) return (sign + "0", "");
            var integer = point <= 0 ? "0" : digits.Length >= point ? digits[..point] : digits + new string('0', point - digits.Length);
            var fraction = point >= digits.Length ? "" : point < 0 ? new string('0', -point) + digits : digits[point..];
            return (sign + integer, fraction);
        }

        /// <summary>Scientific notation: the significant digits d0d1... (at least "0") and the exponent of d0.d1...</summary>
        private static (string Digits, int Exponent) Mantissa(float v)
        {
            var (digits, point) = Shortest(v);
            return digits.Length == 0 ? ("0", 0) : (digits, point - 1);
        }

        /// <summary>The shortest round-trip decimal digits of |v| (no leading or trailing zeros; empty for 0) and the position of
        /// the decimal point relative to the first digit (|v| = 0.d1d2... x 10^point).</summary>
        private static (string Digits, int Point) Shortest(float v) =>
            Digits(MathF.Abs(v).ToString("R", CultureInfo.InvariantCulture));

        private static (string Digits, int Point) Digits(string text)
        {
            var e = text.IndexOfAny(['E', 'e']);
            var exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var mantissa = e < 0 ? text : text[..e];
            var dot = mantissa.IndexOf('.');
            var integer = dot < 0 ? mantissa : mantissa[..dot];
            var digits = (integer + (dot < 0 ? "" : mantissa[(dot + 1)..])).TrimEnd('0');
            var point = integer.Length + exponent;
            var leading = digits.Length - digits.TrimStart('0').Length;
            return (digits[leading..], point - leading);
        }
    }
}
