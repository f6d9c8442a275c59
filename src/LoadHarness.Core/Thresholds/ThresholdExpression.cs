using System.Globalization;

namespace LoadHarness.Core.Thresholds;

/// <summary>
/// A parsed threshold expression. Grammar (case-insensitive, spaces free):
/// <code>
/// expression := [ metric ':' ] stat op number [ 'ms' | 's' | '%' ]
/// metric     := latency | http_req_duration | OkLatency | FailLatency | requests | http_reqs | OkRequest
///             | FailRequest | http_req_failed | errors | checks | iterations | StatusCode '(' code ')'
/// stat       := p(N) | pN | avg | mean | med | min | max | rate | percent | count | rps | dropped | checks
/// op         := &lt; | &lt;= | &gt; | &gt;= | == | !=
/// </code>
/// Without a metric: p(N)/avg/med/min/max judge the latency of every request (ms), <c>rate</c> the error rate (0..1),
/// <c>rps</c> and <c>count</c> all requests, <c>dropped</c> dropped iterations, <c>checks</c> the check pass rate.
/// NBomber's ThresholdSettings map as <c>OkLatency: p75 &lt; 80</c>, <c>FailRequest: Percent &lt; 10</c>,
/// <c>OkRequest: RPS &gt;= 30</c>, <c>StatusCode(500): Percent &lt; 5</c> (see <see cref="FromNBomber"/>).
/// </summary>
public sealed record ThresholdExpression(
    ThresholdMetric Metric,
    ThresholdStat Stat,
    double Percentile,
    int? StatusCode,
    ThresholdOperator Operator,
    double Limit,
    string Text)
{
    /// <summary>A short name of what is judged: "p(95)", "rate", "OkLatency p(75)", "StatusCode(500) percent".</summary>
    public string MetricName
    {
        get
        {
            var stat = Stat == ThresholdStat.Percentile
                ? "p(" + Percentile.ToString("0.###", CultureInfo.InvariantCulture) + ")"
                : Stat.ToString().ToLowerInvariant();
            return (Metric, Stat) switch
            {
                (ThresholdMetric.Latency, _) => stat,
                (ThresholdMetric.FailedRequests, ThresholdStat.Rate) => "rate",
                (ThresholdMetric.Requests, ThresholdStat.Rps or ThresholdStat.Count) => stat,
                (ThresholdMetric.Iterations, ThresholdStat.Dropped) => "dropped",
                (ThresholdMetric.Checks, ThresholdStat.Rate) => "checks",
                (ThresholdMetric.StatusCode, _) => $"StatusCode({StatusCode}) {stat}",
                _ => $"{Metric} {stat}",
            };
        }
    }

    /// <summary>True for latency statistics (judged in ms).</summary>
    public bool IsLatency => Metric is ThresholdMetric.Latency or ThresholdMetric.OkLatency or ThresholdMetric.FailLatency;

    /// <summary>The unit of the observed value and the limit: ms for latency statistics, 0..1 for rates, 0..100 for percents.</summary>
    public ThresholdUnit Unit => Stat switch
    {
        ThresholdStat.Count or ThresholdStat.Dropped => ThresholdUnit.Number,
        _ when IsLatency => ThresholdUnit.Milliseconds,
        ThresholdStat.Percent => ThresholdUnit.Percent,
        ThresholdStat.Rate => ThresholdUnit.Fraction,
        ThresholdStat.Rps => ThresholdUnit.PerSecond,
        _ => ThresholdUnit.Number,
    };

    public static ThresholdExpression Parse(string expression) => new ThresholdParser(expression ?? "").Parse();

    public static bool TryParse(string expression, out ThresholdExpression? parsed, out ThresholdParseException? error)
    {
        try
        {
            parsed = Parse(expression);
            error = null;
            return true;
        }
        catch (ThresholdParseException e)
        {
            parsed = null;
            error = e;
            return false;
        }
    }

    /// <summary>
    /// NBomber's ThresholdSettings entry: key OkLatency/FailLatency/OkRequest/FailRequest/StatusCode and its expression
    /// ("p75 &lt; 80", "Percent &lt; 10", "RPS &gt;= 30"); <paramref name="statusCode"/> for StatusCode entries.
    /// </summary>
    public static string FromNBomber(string key, string expression, string? statusCode = null) =>
        string.Equals(key, "StatusCode", StringComparison.OrdinalIgnoreCase)
            ? $"StatusCode({statusCode}): {expression}"
            : $"{key}: {expression}";

    public bool Compare(double observed) => Operator switch
    {
        ThresholdOperator.Less => observed < Limit,
        ThresholdOperator.LessOrEqual => observed <= Limit,
        ThresholdOperator.Greater => observed > Limit,
        ThresholdOperator.GreaterOrEqual => observed >= Limit,
        ThresholdOperator.Equal => Math.Abs(observed - Limit) < 1e-9,
        _ => Math.Abs(observed - Limit) >= 1e-9,
    };

    public static string OperatorText(ThresholdOperator op) => op switch
    {
        ThresholdOperator.Less => "<",
        ThresholdOperator.LessOrEqual => "<=",
        ThresholdOperator.Greater => ">",
        ThresholdOperator.GreaterOrEqual => ">=",
        ThresholdOperator.Equal => "==",
        _ => "!=",
    };
}
