using System.Globalization;
using LoadHarness.Core.Load;

namespace LoadHarness.Http.Checks;

/// <summary>
/// Parses <c>[label:] expression</c> where expression is <c>status OP int</c>, <c>duration OP duration</c>,
/// <c>body [not] contains text</c>, <c>header NAME [not] contains text</c> or <c>header NAME [not] exists</c>.
/// OP is one of == != &lt; &lt;= &gt; &gt;=; a bare duration number is milliseconds; text may be quoted.
/// </summary>
internal static class HttpCheckParser
{
    private static readonly string[] Keywords = ["status", "duration", "body", "header"];

    public static HttpCheck Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return ParseExpression(text, text, 0, null);
        }
        catch (HttpCheckParseException) when (text.IndexOf(':', StringComparison.Ordinal) > 0)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var label = text[..colon].Trim();
            try
            {
                return label.Length == 0
                    ? throw new HttpCheckParseException(text, 0, "the label before ':' is empty")
                    : ParseExpression(text, text[(colon + 1)..], colon + 1, label);
            }
            catch (HttpCheckParseException) when (StartsWithKeyword(text.AsSpan(0, colon)))
            {
                // "body contains x:y" that is wrong for another reason: report the whole expression's error.
                return ParseExpression(text, text, 0, null);
            }
        }
    }

    private static bool StartsWithKeyword(ReadOnlySpan<char> span)
    {
        var trimmed = span.TrimStart();
        foreach (var keyword in Keywords)
        {
            if (trimmed.StartsWith(keyword, StringComparison.OrdinalIgnoreCase)
                && (trimmed.Length == keyword.Length || char.IsWhiteSpace(trimmed[keyword.Length]) || "=!<>".Contains(trimmed[keyword.Length], StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static HttpCheck ParseExpression(string full, string expression, int offset, string? label)
    {
        var reader = new Reader(full, expression, offset);
        reader.SkipSpaces();
        var keywordAt = reader.Position;
        var keyword = reader.Word();
        var trimmed = expression.Trim();
        switch (keyword.ToLowerInvariant())
        {
            case "status":
            {
                var op = reader.Operator();
                reader.SkipSpaces();
                var at = reader.Position;
                var number = reader.Rest();
                if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code < 100 || code > 599)
                {
                    throw reader.ErrorAt(at, number.Length == 0 ? "expected a status code" : $"'{number}' is not a status code (100-599)");
                }

                return new HttpCheck(label ?? trimmed, trimmed, HttpCheckKind.Status, op, code, null, null, false);
            }

            case "duration":
            {
                var op = reader.Operator();
                reader.SkipSpaces();
                var at = reader.Position;
                var value = reader.Rest();
                double ms;
                if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bare))
                {
                    ms = bare;
                }
                else if (value.Length > 0 && DurationParser.TryParse(value, out var duration, out _))
                {
                    ms = duration.TotalMilliseconds;
                }
                else
                {
                    throw reader.ErrorAt(at, value.Length == 0 ? "expected a duration (e.g. 200ms, 0.2s)" : $"'{value}' is not a duration (e.g. 200ms, 0.2s, 200)");
                }

                return new HttpCheck(label ?? trimmed, trimmed, HttpCheckKind.Duration, op, ms, null, null, false);
            }

            case "body":
            {
                var negated = reader.Contains();
                var text = reader.Text();
                return new HttpCheck(label ?? trimmed, trimmed, HttpCheckKind.BodyContains, CheckOperator.Equal, 0, null, text, negated);
            }

            case "header":
            {
                reader.SkipSpaces();
                var nameAt = reader.Position;
                var name = reader.Word();
                if (name.Length == 0 || !IsToken(name))
                {
                    throw reader.ErrorAt(nameAt, "expected a header name");
                }

                reader.SkipSpaces();
                var verbAt = reader.Position;
                var negated = false;
                var verb = reader.Word();
                if (verb.Equals("not", StringComparison.OrdinalIgnoreCase))
                {
                    negated = true;
                    reader.SkipSpaces();
                    verbAt = reader.Position;
                    verb = reader.Word();
                }

                if (verb.Equals("exists", StringComparison.OrdinalIgnoreCase))
                {
                    reader.ExpectEnd();
                    return new HttpCheck(label ?? trimmed, trimmed, HttpCheckKind.HeaderExists, CheckOperator.Equal, 0, name, null, negated);
                }

                if (!verb.Equals("contains", StringComparison.OrdinalIgnoreCase))
                {
                    throw reader.ErrorAt(verbAt, "expected 'contains' or 'exists'");
                }

                var text = reader.Text();
                return new HttpCheck(label ?? trimmed, trimmed, HttpCheckKind.HeaderContains, CheckOperator.Equal, 0, name, text, negated);
            }

            default:
                throw reader.ErrorAt(keywordAt, keyword.Length == 0
                    ? "expected status, duration, body or header"
                    : $"unknown check '{keyword}' (expected status, duration, body or header)");
        }
    }

    private static bool IsToken(string name)
    {
        foreach (var c in name)
        {
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Reader(string full, string expression, int offset)
    {
        private int index;

        /// <summary>The position in the full text (label included).</summary>
        public int Position => offset + index;

        public void SkipSpaces()
        {
            while (index < expression.Length && char.IsWhiteSpace(expression[index]))
            {
                index++;
            }
        }

        public string Word()
        {
            var start = index;
            while (index < expression.Length && !char.IsWhiteSpace(expression[index]) && "=!<>".IndexOf(expression[index], StringComparison.Ordinal) < 0)
            {
                index++;
            }

            return expression[start..index];
        }

        public CheckOperator Operator()
        {
            SkipSpaces();
            var at = Position;
            var rest = expression.AsSpan(index);
            (CheckOperator Op, int Length)? found =
                rest.StartsWith("==") ? (CheckOperator.Equal, 2)
                : rest.StartsWith("!=") ? (CheckOperator.NotEqual, 2)
                : rest.StartsWith("<=") ? (CheckOperator.LessOrEqual, 2)
                : rest.StartsWith(">=") ? (CheckOperator.GreaterOrEqual, 2)
                : rest.StartsWith("<") ? (CheckOperator.Less, 1)
                : rest.StartsWith(">") ? (CheckOperator.Greater, 1)
                : null;
            if (found is null)
            {
                throw ErrorAt(at, "expected an operator (==, !=, <, <=, >, >=)");
            }

            index += found.Value.Length;
            return found.Value.Op;
        }

        /// <summary><c>contains</c> or <c>not contains</c>; true when negated.</summary>
        public bool Contains()
        {
            SkipSpaces();
            var at = Position;
            var word = Word();
            var negated = false;
            if (word.Equals("not", StringComparison.OrdinalIgnoreCase))
            {
                negated = true;
                SkipSpaces();
                at = Position;
                word = Word();
            }

            if (!word.Equals("contains", StringComparison.OrdinalIgnoreCase))
            {
                // k6's `r.body === 'ok'` has no operator here (Word stops at one): a body is checked for what it contains.
                throw ErrorAt(at, word.Length == 0 && index < expression.Length && "=!<>".Contains(expression[index], StringComparison.Ordinal)
                    ? "a body takes no operator: write 'body contains TEXT' or 'body not contains TEXT'"
                    : "expected 'contains' (body contains TEXT, body not contains TEXT)");
            }

            return negated;
        }

        /// <summary>The rest as text: quoted ("..." or '...') or bare, trimmed; never empty.</summary>
        public string Text()
        {
            SkipSpaces();
            var at = Position;
            var rest = expression[index..].TrimEnd();
            index = expression.Length;
            if (rest.Length >= 1 && (rest[0] == '"' || rest[0] == '\''))
            {
                if (rest.Length < 2 || rest[^1] != rest[0])
                {
                    var other = rest[0] == '"' ? '\'' : '"';
                    throw ErrorAt(at, $"unterminated quoted text (a text that starts with {rest[0]} is read as quoted: to look for {rest}, wrap it in {other}: {other}{rest}{other})");
                }

                rest = rest[1..^1];
            }

            if (rest.Length == 0)
            {
                throw ErrorAt(at, "expected the text to look for");
            }

            return rest;
        }

        public string Rest()
        {
            var rest = expression[index..].Trim();
            index = expression.Length;
            return rest;
        }

        public void ExpectEnd()
        {
            SkipSpaces();
            if (index < expression.Length)
            {
                throw ErrorAt(Position, $"unexpected '{expression[index..].Trim()}'");
            }
        }

        public HttpCheckParseException ErrorAt(int position, string reason) => new(full, position, reason);
    }
}
