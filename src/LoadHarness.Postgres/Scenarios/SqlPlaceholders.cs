using System.Text;

namespace LoadHarness.Postgres.Scenarios;

/// <summary>
/// Rewrites <c>@name</c> placeholders to PostgreSQL's positional <c>$n</c> (n from the parameter's position), outside
/// string literals, quoted identifiers and comments; <c>::type</c> casts and <c>$n</c> already written stay. The result
/// is what pg_stat_statements shows for the prepared statement.
/// </summary>
public static class SqlPlaceholders
{
    public static string ToPositional(string sql, IReadOnlyList<string> names, out IReadOnlyList<string> unknown)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(names);
        var missing = new List<string>();
        var sb = new StringBuilder(sql.Length);
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c is '\'' or '"')
            {
                var end = sql.IndexOf(c, i + 1);
                end = end < 0 ? sql.Length - 1 : end;
                sb.Append(sql, i, end - i + 1);
                i = end;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length - 1 : end;
                sb.Append(sql, i, end - i + 1);
                i = end;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? sql.Length - 1 : end + 1;
                sb.Append(sql, i, end - i + 1);
                i = end;
            }
            else if (c == '@' && i + 1 < sql.Length && (char.IsAsciiLetter(sql[i + 1]) || sql[i + 1] == '_') && (i == 0 || !IsWordChar(sql[i - 1])))
            {
                var start = i + 1;
                var end = start;
                while (end < sql.Length && IsWordChar(sql[end]))
                {
                    end++;
                }

                var name = sql[start..end];
                var index = names.ToList().FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    missing.Add(name);
                    sb.Append(sql, i, end - i);
                }
                else
                {
                    sb.Append('$').Append(index + 1);
                }

                i = end - 1;
            }
            else
            {
                sb.Append(c);
            }
        }

        unknown = missing;
        return sb.ToString();
    }

    /// <summary>The highest <c>$n</c> in the (rewritten) SQL outside literals and comments, 0 when none.</summary>
    public static int HighestPositional(string sql)
    {
        var highest = 0;
        for (var i = 0; i < sql.Length; i++)
        {
            if (sql[i] is '\'' or '"')
            {
                var end = sql.IndexOf(sql[i], i + 1);
                i = end < 0 ? sql.Length : end;
            }
            else if (sql[i] == '$' && i + 1 < sql.Length && char.IsAsciiDigit(sql[i + 1]) && (i == 0 || !IsWordChar(sql[i - 1])))
            {
                var n = 0;
                var j = i + 1;
                while (j < sql.Length && char.IsAsciiDigit(sql[j]) && n < 100_000)
                {
                    n = (n * 10) + (sql[j] - '0');
                    j++;
                }

                highest = Math.Max(highest, n);
                i = j - 1;
            }
        }

        return highest;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
