namespace LoadHarness.Core.Results;

/// <summary>
/// The report sections that measure a run's figures (<see cref="Measurement"/>s): a threshold on <c>db.*</c>,
/// <c>app.*</c>, <c>explain(...)</c> or <c>http.retries</c> reads its figure from the section of that id, whose notes say
/// why a figure has no data. One map for the producers (their section ids), the HTML report's links and the reasons.
/// </summary>
public static class FigureSections
{
    public const string Database = "database";
    public const string AppMetrics = "app-metrics";
    public const string Explain = "explain";
    public const string HttpRetries = "http-retries";

    /// <summary>The measurement of the HTTP transports' resends, one count per process (merged segments add theirs).</summary>
    public const string RetriesMeasurement = "http.retries";

    /// <summary>The id of the section that measures <paramref name="metric"/> (<c>db.statement(x) mean</c>, ...), or null for a request metric.</summary>
    public static string? Of(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.StartsWith("db.", StringComparison.Ordinal) ? Database
            : metric.StartsWith("app.", StringComparison.Ordinal) ? AppMetrics
            : metric.StartsWith("explain(", StringComparison.Ordinal) ? Explain
            : metric.StartsWith(RetriesMeasurement, StringComparison.Ordinal) ? HttpRetries
            : null;
    }
}
