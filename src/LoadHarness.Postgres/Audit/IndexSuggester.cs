using System.Globalization;

namespace LoadHarness.Postgres.Audit;

/// <summary>
/// Turns the statements that filter a table into an index: equality columns first (most distinct values first), then a
/// range or the ORDER BY; literal conditions become a partial index's predicate. A boolean compared with a parameter
/// (pg_stat_statements hides which value) becomes a predicate on its rarer value when that value is at most 35 % of
/// the rows (unread notifications, not active keys), else it is left out.
/// </summary>
internal static class IndexSuggester
{
    private const double RareValueShare = 0.35;

    public static IndexSuggestion? Suggest(
        TableAudit table, IReadOnlyList<ColumnInfo> columns, IReadOnlyList<IndexDefinition> indexes, IEnumerable<(QueryShape Shape, StatementAudit Statement)> statements)
    {
        foreach (var (shape, statement) in statements.OrderByDescending(s => s.Statement.TotalMs).ThenByDescending(s => s.Statement.Calls))
        {
            if (Build(table, columns, shape, statement) is { } suggestion && !AlreadyIndexed(suggestion, shape, indexes))
            {
                return suggestion;
            }
        }

        return null;
    }

    private static IndexSuggestion? Build(TableAudit table, IReadOnlyList<ColumnInfo> columns, QueryShape shape, StatementAudit statement)
    {
        var byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var keys = new List<string>();
        var predicates = new List<string>();
        string? remark = null;
        foreach (var name in shape.Equality.Where(byName.ContainsKey))
        {
            var column = byName[name];
            if (column.Type != "boolean")
            {
                keys.Add(name);
                continue;
            }

            if (column.TrueFraction is { } share && Math.Min(share, 1 - share) <= RareValueShare)
            {
                var rarer = share < 0.5;
                predicates.Add($"{name} = {(rarer ? "true" : "false")}");
                remark = string.Create(CultureInfo.InvariantCulture,
                    $"{name} = {(rarer ? "true" : "false")} holds for {100 * Math.Min(share, 1 - share):0} % of the rows: a partial index on the rarer value the query asks for");
            }
            else
            {
                remark = $"{name} is left out: both of its values are common";
            }
        }

        keys = [.. keys.OrderByDescending(k => Distinct(byName[k], table.LiveRows))];
        foreach (var (column, condition) in shape.Literals.Where(l => byName.ContainsKey(l.Column)))
        {
            predicates.Add(condition);
        }

        if (shape.Range.FirstOrDefault(byName.ContainsKey) is { } range)
        {
            keys.Add(range);
        }
        else if (shape.OrderBy.Count > 0 && shape.OrderBy.All(o => byName.ContainsKey(o.Column)))
        {
            keys.AddRange(shape.OrderBy.Where(o => !keys.Contains(o.Column)).Select(o => o.Descending ? o.Column + " DESC" : o.Column));
        }

        if (keys.Count == 0)
        {
            return null;
        }

        var predicate = predicates.Count == 0 ? null : string.Join(" AND ", predicates.Distinct(StringComparer.Ordinal));
        return new IndexSuggestion(keys.Select(k => AuditNames.Quote(k.Split(' ')[0]) + (k.EndsWith(" DESC", StringComparison.Ordinal) ? " DESC" : "")).ToArray(),
            predicate, Shorten(statement.Query), statement.Calls, remark);
    }

    /// <summary>An existing valid index already starts with the equality columns (under the same or no predicate).</summary>
    private static bool AlreadyIndexed(IndexSuggestion suggestion, QueryShape shape, IReadOnlyList<IndexDefinition> indexes)
    {
        var leading = suggestion.KeyColumns.Select(k => k.Split(' ')[0].Trim('"')).ToArray();
        var equality = shape.Equality.Intersect(leading, StringComparer.Ordinal).ToArray();
        var count = Math.Max(1, equality.Length);
        var wanted = leading.Take(count).ToHashSet(StringComparer.Ordinal);
        return indexes.Any(index => index.IsValid
            && index.KeyColumns.Count >= count
            && index.KeyColumns.Take(count).ToHashSet(StringComparer.Ordinal).SetEquals(wanted)
            && (index.Predicate is null || Normalize(index.Predicate) == Normalize(suggestion.Predicate)));
    }

    private static double Distinct(ColumnInfo column, long rows) => column.DistinctValues switch
    {
        null => 0,
        > 0 and var n => n,
        var n => -n.Value * rows,
    };

    internal static string Normalize(string? predicate) =>
        predicate is null ? "" : new string(predicate.Where(c => c is not ('(' or ')' or ' ')).ToArray()).ToLowerInvariant();

    internal static string Shorten(string query)
    {
        var text = string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 160 ? text : text[..157] + "...";
    }
}
