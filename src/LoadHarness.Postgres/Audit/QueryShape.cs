namespace LoadHarness.Postgres.Audit;

/// <summary>
/// What a simple one-table statement filters, sorts and (for an UPDATE) changes, read from its normalized text
/// (pg_stat_statements replaces constants with $n): enough to suggest an index and to know which columns updates change.
/// Statements over several tables (joins, FROM lists, CTEs) give no shape.
/// </summary>
internal sealed record QueryShape
{
    public required string Verb { get; init; }

    public string? Schema { get; init; }

    public required string Table { get; init; }

    /// <summary>Columns compared for equality with a parameter (or a PL/pgSQL variable): col = $1, col IN (...), col = ANY($1).</summary>
    public IReadOnlyList<string> Equality { get; init; } = [];

    /// <summary>Columns compared with a range: &lt;, &gt;, BETWEEN.</summary>
    public IReadOnlyList<string> Range { get; init; } = [];

    /// <summary>Conditions with a literal: (column, condition), e.g. ("is_read", "is_read = false"), ("end_date", "end_date IS NULL").</summary>
    public IReadOnlyList<(string Column, string Condition)> Literals { get; init; } = [];

    /// <summary>ORDER BY columns and direction.</summary>
    public IReadOnlyList<(string Column, bool Descending)> OrderBy { get; init; } = [];

    /// <summary>Columns an UPDATE sets.</summary>
    public IReadOnlyList<string> SetColumns { get; init; } = [];

    private static readonly HashSet<string> ClauseEnd = new(StringComparer.OrdinalIgnoreCase)
    {
        "order", "group", "limit", "offset", "for", "returning", "union", "except", "intersect", "fetch", "window", "having",
    };

    private static readonly HashSet<string> NotAnAlias = new(StringComparer.OrdinalIgnoreCase)
    {
        "where", "order", "group", "limit", "offset", "for", "join", "inner", "left", "right", "full", "cross", "natural",
        "union", "except", "intersect", "fetch", "window", "having", "returning", "on", "using", "tablesample", "set",
    };

    public static QueryShape? Parse(string sql)
    {
        var t = SqlTokenizer.Tokenize(sql);
        if (t.Count < 3)
        {
            return null;
        }

        var verb = t[0].Text.ToLowerInvariant();
        int at;
        switch (verb)
        {
            case "select":
                at = t.FindIndex(x => x.Depth == 0 && x.Is("from"));
                break;
            case "delete" when t[1].Is("from"):
                at = 1;
                break;
            case "update":
                at = 0;
                break;
            default:
                return null;
        }

        if (at < 0)
        {
            return null;
        }

        var i = at + 1;
        if (i < t.Count && t[i].Is("only"))
        {
            i++;
        }

        if (!ReadName(t, ref i, out var schema, out var table))
        {
            return null;
        }

        string? alias = null;
        if (i < t.Count && t[i].Is("as"))
        {
            i++;
        }

        if (i < t.Count && t[i].IsIdentifier && !NotAnAlias.Contains(t[i].Text))
        {
            alias = t[i++].Identifier;
        }

        var names = new Names(table, alias);
        var set = new List<string>();
        if (verb == "update")
        {
            if (i >= t.Count || !t[i].Is("set"))
            {
                return null;
            }

            i = ReadSet(t, i + 1, set);
        }

        if (i < t.Count && (t[i].Text == "," || t[i].Is("join") || t[i].Is("inner") || t[i].Is("left") || t[i].Is("right")
            || t[i].Is("full") || t[i].Is("cross") || t[i].Is("natural") || t[i].Is("using") || t[i].Is("from")))
        {
            return set.Count > 0 ? new QueryShape { Verb = verb, Schema = schema, Table = table, SetColumns = set } : null;
        }

        var shape = new Builder();
        if (i < t.Count && t[i].Is("where"))
        {
            var end = t.FindIndex(i + 1, x => x.Depth == 0 && x.Kind == SqlTokenKind.Word && ClauseEnd.Contains(x.Text));
            end = end < 0 ? t.Count : end;
            if (!ReadWhere(t.GetRange(i + 1, end - i - 1), names, shape))
            {
                return new QueryShape { Verb = verb, Schema = schema, Table = table, SetColumns = set };
            }

            i = end;
        }

        if (i + 1 < t.Count && t[i].Is("order") && t[i + 1].Is("by"))
        {
            ReadOrderBy(t, i + 2, names, shape.Order);
        }

        return new QueryShape
        {
            Verb = verb,
            Schema = schema,
            Table = table,
            Equality = shape.Equality.Distinct(StringComparer.Ordinal).ToArray(),
            Range = shape.Range.Distinct(StringComparer.Ordinal).ToArray(),
            Literals = shape.Literals,
            OrderBy = shape.Order,
            SetColumns = set,
        };
    }

    private static bool ReadName(List<SqlToken> t, ref int i, out string? schema, out string table)
    {
        schema = null;
        table = "";
        if (i >= t.Count || !t[i].IsIdentifier || (t[i].Kind == SqlTokenKind.Word && NotAnAlias.Contains(t[i].Text)))
        {
            return false;
        }

        table = t[i++].Identifier;
        if (i + 1 < t.Count && t[i].Text == "." && t[i + 1].IsIdentifier)
        {
            schema = table;
            table = t[i + 1].Identifier;
            i += 2;
        }

        return i >= t.Count || t[i].Text != "(";   // a function in FROM is not a table
    }

    private static int ReadSet(List<SqlToken> t, int i, List<string> set)
    {
        var expectColumn = true;
        for (; i < t.Count; i++)
        {
            var token = t[i];
            if (token.Depth == 0 && (token.Is("where") || token.Is("from") || token.Is("returning")))
            {
                return i;
            }

            if (token.Depth == 0 && token.Text == ",")
            {
                expectColumn = true;
            }
            else if (expectColumn && token.IsIdentifier && i + 1 < t.Count && (t[i + 1].Text is "=" or "." or "["))
            {
                set.Add(t[i + 1].Text == "." && i + 2 < t.Count ? t[i + 2].Identifier : token.Identifier);
                expectColumn = false;
            }
            else if (expectColumn && token.Text == "(" && token.Depth == 0)
            {
                // (a, b) = (...): every name up to the closing parenthesis
                for (i++; i < t.Count && t[i].Depth > 0; i++)
                {
                    if (t[i].IsIdentifier)
                    {
                        set.Add(t[i].Identifier);
                    }
                }

                expectColumn = false;
            }
        }

        return i;
    }

    private static bool ReadWhere(List<SqlToken> where, Names names, Builder shape)
    {
        if (where.Count == 0)
        {
            return true;
        }

        var baseDepth = where.Min(x => x.Depth);
        if (where.Any(x => x.Depth == baseDepth && x.Is("or")))
        {
            return false;
        }

        var current = new List<SqlToken>();
        var inBetween = false;
        foreach (var token in where)
        {
            if (token.Depth == baseDepth && token.Is("between"))
            {
                inBetween = true;
            }

            if (token.Depth == baseDepth && token.Is("and") && !inBetween)
            {
                SqlCondition.Read(current, names, shape);
                current = [];
                continue;
            }

            if (token.Depth == baseDepth && token.Is("and"))
            {
                inBetween = false;
            }

            current.Add(token);
        }

        SqlCondition.Read(current, names, shape);
        return true;
    }

    private static void ReadOrderBy(List<SqlToken> t, int i, Names names, List<(string, bool)> order)
    {
        while (i < t.Count)
        {
            var start = i;
            if (!names.TryColumn(t, ref i, out var column))
            {
                return;
            }

            var descending = false;
            if (i < t.Count && (t[i].Is("asc") || t[i].Is("desc")))
            {
                descending = t[i].Is("desc");
                i++;
            }

            if (i + 1 < t.Count && t[i].Is("nulls"))
            {
                i += 2;
            }

            order.Add((column, descending));
            if (i >= t.Count || t[i].Text != "," || i == start)
            {
                return;
            }

            i++;
        }
    }

    /// <summary>The conditions collected so far.</summary>
    internal sealed class Builder
    {
        public List<string> Equality { get; } = [];

        public List<string> Range { get; } = [];

        public List<(string, string)> Literals { get; } = [];

        public List<(string, bool)> Order { get; } = [];
    }

    /// <summary>The statement's table and alias: which qualified names are its columns.</summary>
    internal sealed record Names(string Table, string? Alias)
    {
        /// <summary>Reads col, alias.col or table.col at <paramref name="i"/>; another qualifier is not this table's column.</summary>
        public bool TryColumn(List<SqlToken> t, ref int i, out string column)
        {
            column = "";
            if (i >= t.Count || !t[i].IsIdentifier || t[i].IsLiteral)
            {
                return false;
            }

            if (i + 2 < t.Count && t[i + 1].Text == "." && t[i + 2].IsIdentifier)
            {
                var qualifier = t[i].Identifier;
                if (qualifier != Table && qualifier != Alias)
                {
                    return false;
                }

                column = t[i + 2].Identifier;
                i += 3;
                return true;
            }

            column = t[i++].Identifier;
            return true;
        }
    }
}
