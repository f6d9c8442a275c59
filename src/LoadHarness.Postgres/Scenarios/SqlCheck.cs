using System.Globalization;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Postgres.Scenarios;

/// <summary>A check on the rows a query read: <c>[label ':'] rows op N</c>, op one of &lt; &lt;= &gt; &gt;= == !=.</summary>
public sealed record SqlCheck(string Label, ThresholdOperator Operator, long Rows)
{
    private static readonly (string Token, ThresholdOperator Op)[] Operators =
    [
        ("<=", ThresholdOperator.LessOrEqual), (">=", ThresholdOperator.GreaterOrEqual), ("==", ThresholdOperator.Equal),
        ("!=", ThresholdOperator.NotEqual), ("<", ThresholdOperator.Less), (">", ThresholdOperator.Greater), ("=", ThresholdOperator.Equal),
    ];

    public bool Passes(long rows) => Operator switch
    {
        ThresholdOperator.Less => rows < Rows,
        ThresholdOperator.LessOrEqual => rows <= Rows,
        ThresholdOperator.Greater => rows > Rows,
        ThresholdOperator.GreaterOrEqual => rows >= Rows,
        ThresholdOperator.Equal => rows == Rows,
        _ => rows != Rows,
    };

    /// <summary>Parses a check; <paramref name="error"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string text, out SqlCheck? check, out string? error)
    {
        check = null;
        error = null;
        var colon = (text ?? "").LastIndexOf(':');
        var label = colon > 0 ? text![..colon].Trim() : (text ?? "").Trim();
        var body = (colon > 0 ? text![(colon + 1)..] : text ?? "").Trim();
        if (!body.StartsWith("rows", StringComparison.OrdinalIgnoreCase))
        {
            error = $"'{text}' is not a check (rows >= 1, rows == 1, 'label: rows > 0')";
            return false;
        }

        var rest = body[4..].TrimStart();
        foreach (var (token, op) in Operators)
        {
            if (rest.StartsWith(token, StringComparison.Ordinal))
            {
                var number = rest[token.Length..].Trim();
                if (!long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rows) || rows < 0)
                {
                    error = $"'{text}': '{number}' is not a row count";
                    return false;
                }

                check = new SqlCheck(label, op, rows);
                return true;
            }
        }

        error = $"'{text}': expected a comparison after 'rows' (<, <=, >, >=, ==, !=)";
        return false;
    }

    public static SqlCheck Parse(string text) =>
        TryParse(text, out var check, out var error) ? check! : throw new FormatException(error);
}
