using LoadHarness.Core.Thresholds;

namespace LoadHarness.Core.Results;

/// <summary>
/// A named figure sampled over the run (every second): database connections by state, the application's pool usage.
/// Charted by <see cref="Group"/>; a threshold with a statistic (<c>app.pool_usage: max &lt; 0.8</c>) is judged on its
/// points when no <see cref="Measurement"/> of that name and statistic exists.
/// </summary>
public sealed record MeasurementSeries
{
    /// <summary>The series' name, e.g. <c>db.connections</c>, <c>app.pool_usage</c>, <c>db.connections.state(active)</c>.</summary>
    public required string Name { get; init; }

    public ThresholdUnit Unit { get; init; } = ThresholdUnit.Number;

    /// <summary>The chart it is drawn in (series of one group share a chart), e.g. "Database connections".</summary>
    public string Group { get; init => field = value ?? ""; } = "";

    /// <summary>Samples in time order; <see cref="SeriesPoint.TimeSec"/> counts from the start of the load.</summary>
    public IReadOnlyList<SeriesPoint> Points { get; init => field = value ?? []; } = [];
}

/// <summary>One sample of a <see cref="MeasurementSeries"/>.</summary>
public sealed record SeriesPoint(double TimeSec, double Value);
