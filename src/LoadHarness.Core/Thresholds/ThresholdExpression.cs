using System.Globalization;

namespace LoadHarness.Core.Thresholds;

/// <summary>
/// A parsed threshold expression. Grammar (case-insensitive, spaces free):
/// <code>
/// expression := [ metric [ '{' tag ':' value { ',' tag ':' value } '}' ] ':' ] stat op number [ 'ms' | 's' | '%' ]
/// metric     := latency | http_req_duration | OkLatency | FailLatency | requests | http_reqs | OkRequest
///             | FailRequest | http_req_failed | errors | checks | iterations | StatusCode '(' code ')'
/// measurement := name [ '(' argument ')' ] [ ':' stat ] op number [ 'ms' | 's' | '%' ]   (name has a dot, or is explain)
/// stat       := p(N) | pN | avg | mean | med | min | max | rate | percent | count | rps | dropped | checks
/// op         := &lt; | &lt;= | &gt; | &gt;= | == | !=
/// </code>
/// Without a metric: p(N)/avg/med/min/max judge the latency of every request (ms), <c>rate</c> the error rate (0..1),
/// <c>rps</c> and <c>count</c> all requests, <c>dropped</c> dropped iterations, <c>checks</c> the check pass rate.
/// A measurement (<see cref="ThresholdMetric.Measurement"/>) judges a named figure of the run: without a statistic its
/// value (<c>db.index_hit_ratio &gt; 0.99</c>, <c>db.seq_scans(notifications) == 0</c>), with one the measurement named
/// <c>name.stat</c> (<c>db.statement(unread_count): mean &lt; 5</c> reads <c>db.statement(unread_count).mean</c>) or else
/// that statistic of the series <c>name</c> (<c>app.pool_usage: max &lt; 0.8</c>); the limit is in the measurement's unit.
/// <c>explain(query): p(95) &lt; 5</c> reads <c>explain(query).p95</c>: the config's Queries section run with EXPLAIN ANALYZE
/// once the load has ended (the command measures it).
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
    /// <summary>The step a k6 tag filter names (<c>http_req_duration{name:profile}</c>), or null.</summary>
    public string? StepTag { get; init; }

    /// <summary>The scenario a k6 tag filter names (<c>{scenario:api}</c>), or null.</summary>
    public string? ScenarioTag { get; init; }

    /// <summary>The measurement's name (<see cref="ThresholdMetric.Measurement"/> only), e.g. <c>db.connections</c>.</summary>
    public string? Measurement { get; init; }

    /// <summary>The unit written after the limit of a measurement threshold (ms, s, %), or null.</summary>
    public ThresholdUnit? WrittenUnit { get; init; }

    /// <summary>
    /// The measurement a threshold reads: its name without a statistic, else <c>name.stat</c> with stat one of
    /// <c>mean</c>, <c>med</c>, <c>min</c>, <c>max</c>, <c>p95</c> (<c>p99.9</c>); null for other metrics.
    /// </summary>
    public string? MeasurementKey => Measurement is null ? null
        : Stat == ThresholdStat.Value ? Measurement
        : Measurement + "." + Stat switch
        {
            ThresholdStat.Percentile => "p" + Percentile.ToString("0.###", CultureInfo.InvariantCulture),
            ThresholdStat.Avg => "mean",
            _ => Stat.ToString().ToLowerInvariant(),
        };

    /// <summary>A short name of what is judged: "p(95)", "rate", "OkLatency p(75)", "StatusCode(500) percent", "db.connections max".</summary>
    public string MetricName
    {
        get
        {
            var stat = Stat == ThresholdStat.Percentile
                ? "p(" + Percentile.ToString("0.###", CultureInfo.InvariantCulture) + ")"
                : Stat.ToString().ToLowerInvariant();
            return (Metric, Stat) switch
            {
                (ThresholdMetric.Measurement, ThresholdStat.Value) => Measurement!,
                (ThresholdMetric.Measurement, ThresholdStat.Avg) => $"{Measurement} mean",
                (ThresholdMetric.Measurement, _) => $"{Measurement} {stat}",
                (ThresholdMetric.Latency, _) => stat,
                (ThresholdMetric.IterationDuration, _) => "iteration_duration " + stat,
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
    public bool IsLatency => IsLatencyMetric(Metric);

    /// <summary>The metrics whose figures are durations: requests' latency (all, ok, failed) and whole iterations'.</summary>
    internal static bool IsLatencyMetric(ThresholdMetric metric) =>
        metric is ThresholdMetric.Latency or ThresholdMetric.OkLatency or ThresholdMetric.FailLatency or ThresholdMetric.IterationDuration;

    /// <summary>The unit of the observed value and the limit: ms for latency statistics, 0..1 for rates, 0..100 for percents.</summary>
    /// <remarks>A measurement's unit is its own (known when judged); from the expression alone, the unit written after the limit.</remarks>
    public ThresholdUnit Unit => Metric == ThresholdMetric.Measurement ? WrittenUnit ?? ThresholdUnit.Number : Stat switch
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

    public bool Compare(double observed) => Compare(observed, Limit);

    /// <summary>Compares with a given limit (a measurement's limit written in % against a fraction is divided by 100).</summary>
    public bool Compare(double observed, double limit) => Operator switch
    {
        ThresholdOperator.Less => observed < limit,
        ThresholdOperator.LessOrEqual => observed <= limit,
        ThresholdOperator.Greater => observed > limit,
        ThresholdOperator.GreaterOrEqual => observed >= limit,
        ThresholdOperator.Equal => Math.Abs(observed - limit) < 1e-9,
        _ => Math.Abs(observed - limit) >= 1e-9,
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
