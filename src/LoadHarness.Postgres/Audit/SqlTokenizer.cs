namespace LoadHarness.Postgres.Audit;

/// <summary>Splits a statement into <see cref="SqlToken"/>s with their parenthesis depth; comments are dropped.</summary>
internal static class SqlTokenizer
{
    public static List<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        var depth = 0;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && Next(sql, i) == '-')
            {
                i = sql.IndexOf('\n', i) is var end and >= 0 ? end : sql.Length;
            }
            else if (c == '/' && Next(sql, i) == '*')
            {
                i = sql.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : sql.Length;
            }
            else if (c == '\'')
            {
                var start = i++;
                while (i < sql.Length && (sql[i] != '\'' || Next(sql, i) == '\''))
                {
                    i += sql[i] == '\'' ? 2 : 1;
                }

                i = Math.Min(i + 1, sql.Length);
                tokens.Add(new(SqlTokenKind.String, sql[start..i], depth));
            }
            else if (c == '"')
            {
                var start = ++i;
                while (i < sql.Length && (sql[i] != '"' || Next(sql, i) == '"'))
                {
                    i += sql[i] == '"' ? 2 : 1;
                }

                tokens.Add(new(SqlTokenKind.QuotedIdentifier, sql[start..Math.Min(i, sql.Length)].Replace("\"\"", "\"", StringComparison.Ordinal), depth));
                i = Math.Min(i + 1, sql.Length);
            }
            else if (c == '$' && char.IsDigit(Next(sql, i)))
            {
                var start = i++;
                while (i < sql.Length && char.IsDigit(sql[i]))
                {
                    i++;
                }

                tokens.Add(new(SqlTokenKind.Parameter, sql[start..i], depth));
            }
            else if (char.IsDigit(c))
            {
                var start = i;
                while (i < sql.Length && (char.IsDigit(sql[i]) || sql[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new(SqlTokenKind.Number, sql[start..i], depth));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$'))
                {
                    i++;
                }

                tokens.Add(new(SqlTokenKind.Word, sql[start..i], depth));
            }
            else if (c == '(')
            {
                tokens.Add(new(SqlTokenKind.Symbol, "(", depth++));
                i++;
            }
            else if (c == ')')
            {
                depth = Math.Max(0, depth - 1);
                tokens.Add(new(SqlTokenKind.Symbol, ")", depth));
                i++;
            }
            else
            {
                var two = i + 1 < sql.Length ? sql.Substring(i, 2) : "";
                var symbol = two is "<=" or ">=" or "<>" or "!=" or "::" ? two : c.ToString();
                tokens.Add(new(SqlTokenKind.Symbol, symbol, depth));
                i += symbol.Length;
            }
        }

        return tokens;
    }

    private static char Next(string s, int i) => i + 1 < s.Length ? s[i + 1] : '\0';
}
