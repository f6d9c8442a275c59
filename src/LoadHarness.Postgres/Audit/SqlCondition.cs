namespace LoadHarness.Postgres.Audit;

/// <summary>One AND-ed condition of a WHERE: which column it constrains and how (equality, range, literal).</summary>
internal static class SqlCondition
{
    private static readonly HashSet<string> RangeOperators = ["<", ">", "<=", ">="];

    public static void Read(List<SqlToken> tokens, QueryShape.Names names, QueryShape.Builder shape)
    {
        while (tokens.Count >= 2 && tokens[0].Text == "(" && tokens[^1].Text == ")" && tokens[0].Depth == tokens[^1].Depth
               && tokens.Skip(1).SkipLast(1).All(x => x.Depth > tokens[0].Depth))
        {
            tokens = tokens.GetRange(1, tokens.Count - 2);
        }

        if (tokens.Count == 0)
        {
            return;
        }

        var i = 0;
        if (tokens[0].Is("not"))
        {
            i = 1;
            if (names.TryColumn(tokens, ref i, out var negated) && i == tokens.Count)
            {
                shape.Literals.Add((negated, $"{negated} = false"));
            }

            return;
        }

        if (names.TryColumn(tokens, ref i, out var column))
        {
            ReadAfterColumn(tokens, i, column, shape);
            return;
        }

        // $1 = col
        if (Operand(tokens, 0) is { } end && end < tokens.Count && tokens[end].Text == "=")
        {
            var j = end + 1;
            if (tokens[0].Kind == SqlTokenKind.Parameter && names.TryColumn(tokens, ref j, out var reversed) && j == tokens.Count)
            {
                shape.Equality.Add(reversed);
            }
        }
    }

    private static void ReadAfterColumn(List<SqlToken> t, int i, string column, QueryShape.Builder shape)
    {
        if (i == t.Count)
        {
            shape.Literals.Add((column, $"{column} = true"));   // a bare boolean column
            return;
        }

        var op = t[i];
        if (op.Is("is"))
        {
            var rest = string.Join(' ', t.Skip(i + 1).Select(x => x.Text.ToUpperInvariant()));
            if (rest is "NULL" or "NOT NULL" or "TRUE" or "FALSE" or "NOT TRUE" or "NOT FALSE")
            {
                shape.Literals.Add((column, $"{column} IS {rest}"));
            }

            return;
        }

        if (op.Is("in") || (op.Text == "=" && i + 1 < t.Count && t[i + 1].Is("any")))
        {
            shape.Equality.Add(column);
            return;
        }

        if (op.Is("between"))
        {
            shape.Range.Add(column);
            return;
        }

        if (op.Kind != SqlTokenKind.Symbol || Operand(t, i + 1) != t.Count)
        {
            return;   // an expression, a function, a second column: not something an index on this column serves simply
        }

        var value = t[i + 1];
        if (op.Text == "=")
        {
            if (value.IsLiteral)
            {
                shape.Literals.Add((column, $"{column} = {value.Text.ToLowerInvariant()}"));
            }
            else if (value.Kind == SqlTokenKind.Parameter || value.IsIdentifier)
            {
                // $1, or a PL/pgSQL variable (the audit cannot tell it from a column of another table: there is none here)
                shape.Equality.Add(column);
            }
        }
        else if (RangeOperators.Contains(op.Text))
        {
            shape.Range.Add(column);
        }
    }

    /// <summary>Where an operand starting at <paramref name="i"/> ends: a value with optional ::type casts.</summary>
    private static int? Operand(List<SqlToken> t, int i)
    {
        if (i >= t.Count || (t[i].Kind == SqlTokenKind.Symbol))
        {
            return null;
        }

        i++;
        while (i + 1 < t.Count && t[i].Text == "::" && t[i + 1].IsIdentifier)
        {
            i += 2;
            while (i < t.Count && t[i].Text is "[" or "]")
            {
                i++;
            }
        }

        return i;
    }
}
