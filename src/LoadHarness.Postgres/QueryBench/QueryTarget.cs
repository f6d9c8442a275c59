using System.Globalization;
using System.Text.RegularExpressions;

namespace LoadHarness.Postgres.QueryBench;

/// <summary>
/// A query's target on its EXPLAIN ANALYZE execution time: "p(95) &lt; 5", "median &lt; 10", "max &lt; 50", "avg &lt; 3",
/// or a bare number of milliseconds, which means p(95) &lt; that number.
/// </summary>
/// <param name="Statistic">"p(95)", "median", "max" or "avg".</param>
/// <param name="Percentile">The percentile (0..100) for p(N); 50 for median, 100 for max; 0 for avg.</param>
/// <param name="ThresholdMs">The bound, in milliseconds (exclusive).</param>
public sealed partial record QueryTarget(string Statistic, double Percentile, double ThresholdMs)
{
    public static QueryTarget Milliseconds(double ms) => new("p(95)", 95, ms);

    public static bool TryParse(string? text, out QueryTarget? target, out string? error)
    {
        target = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty (e.g. \"p(95) < 5\" or 5)";
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare))
        {
            return Positive(bare, out target, out error, () => Milliseconds(bare));
        }

        var match = Expression().Match(text.Trim());
        if (!match.Success)
        {
            error = $"'{text}' is not a target (e.g. \"p(95) < 5\", \"median < 10\", \"max < 50\", \"avg < 3\" or a number of ms)";
            return false;
        }

        var ms = double.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture);
        var stat = match.Groups["stat"].Value.ToLowerInvariant();
        if (match.Groups["p"].Success)
        {
            var p = double.Parse(match.Groups["p"].Value, CultureInfo.InvariantCulture);
            if (p is <= 0 or > 100)
            {
                error = $"'{text}': the percentile must be above 0 and at most 100";
                return false;
            }

            return Positive(ms, out target, out error, () => new QueryTarget(string.Create(CultureInfo.InvariantCulture, $"p({p:0.##})"), p, ms));
        }

        return Positive(ms, out target, out error, () => stat switch
        {
            "median" or "med" => new QueryTarget("median", 50, ms),
            "max" => new QueryTarget("max", 100, ms),
            _ => new QueryTarget("avg", 0, ms),
        });
    }

    /// <summary>The statistic of a set of execution times.</summary>
    public double Measure(IReadOnlyList<double> sortedMs) =>
        Statistic == "avg" ? sortedMs.Average() : Percentiles.Of(sortedMs, Percentile);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Statistic} < {ThresholdMs:0.###} ms");

    private static bool Positive(double ms, out QueryTarget? target, out string? error, Func<QueryTarget> make)
    {
        if (!(ms > 0) || double.IsInfinity(ms))
        {
            target = null;
            error = string.Create(CultureInfo.InvariantCulture, $"{ms} ms: a target must be a positive number of milliseconds");
            return false;
        }

        target = make();
        error = null;
        return true;
    }

    [GeneratedRegex(@"^(?:(?<stat>p)\((?<p>\d+(?:\.\d+)?)\)|(?<stat>median|med|max|avg))\s*<\s*(?<ms>\d+(?:\.\d+)?)\s*(?:ms)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Expression();
}
