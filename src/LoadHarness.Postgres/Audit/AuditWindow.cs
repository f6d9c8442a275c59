namespace LoadHarness.Postgres.Audit;

/// <summary>
/// What the counters cover: the whole lifetime of the statistics (since <see cref="From"/>, the last reset, or since the
/// server's statistics began when never reset) or the delta between two snapshots (an interval audit).
/// </summary>
/// <param name="IsInterval">True for a delta of two snapshots; false for cumulative counters.</param>
/// <param name="From">The first snapshot (interval) or the statistics' last reset (lifetime; null when never reset).</param>
/// <param name="To">When the (last) snapshot was taken, by the server's clock.</param>
public sealed record AuditWindow(bool IsInterval, DateTimeOffset? From, DateTimeOffset To)
{
    /// <summary>Seconds covered, when known.</summary>
    public double? Seconds => From is { } from ? Math.Max(0, (To - from).TotalSeconds) : null;

    /// <summary>"the 60 s between two snapshots" or "since the statistics were reset on 2024-12-16 09:00 UTC".</summary>
    public string Describe() => IsInterval
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the {Seconds:0.#} s between two snapshots (counter deltas; pg_stat_reset() is never called)")
        : From is { } reset
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"cumulative counters since the statistics were last reset ({reset.UtcDateTime:yyyy-MM-dd HH:mm} UTC)")
            : "cumulative counters since the statistics began (never reset)";
}
