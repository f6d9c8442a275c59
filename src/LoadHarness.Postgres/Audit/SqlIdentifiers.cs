using System.Text.RegularExpressions;

namespace LoadHarness.Postgres.Audit;

/// <summary>Which of a table's columns an SQL expression (an index predicate or expression, as pg_get_expr prints it) mentions.</summary>
internal static partial class SqlIdentifiers
{
    public static IEnumerable<string> ColumnsIn(string? expression, IReadOnlyCollection<string> columns)
    {
        if (string.IsNullOrEmpty(expression))
        {
            return [];
        }

        var withoutLiterals = StringLiteral().Replace(expression, "''");
        var words = Identifier().Matches(withoutLiterals)
            .Select(m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value.Replace("\"\"", "\"", StringComparison.Ordinal) : m.Groups["plain"].Value.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        return columns.Where(words.Contains);
    }

    [GeneratedRegex("'(?:[^']|'')*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex("\"(?<quoted>(?:[^\"]|\"\")+)\"|(?<plain>[A-Za-z_][A-Za-z0-9_$]*)")]
    private static partial Regex Identifier();
}
