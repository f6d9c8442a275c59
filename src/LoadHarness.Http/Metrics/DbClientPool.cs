namespace LoadHarness.Http.Metrics;

/// <summary>
/// A database client's connection pool as the OpenTelemetry semantic conventions name it (Npgsql 10 exports them):
/// <c>db.client.connection.count</c> by <c>db.client.connection.state</c> (idle | used), <c>db.client.connection.max</c>
/// and <c>db.client.connection.pending_requests</c>, in Prometheus form (dots as underscores), summed over the pools.
/// </summary>
public static class DbClientPool
{
    public const string CountMetric = "db_client_connection_count";
    public const string MaxMetric = "db_client_connection_max";
    public const string PendingMetric = "db_client_connection_pending_requests";
    public const string StateLabel = "db_client_connection_state";

    /// <summary>Used, idle, max and pending connections over every pool, or null when the scrape has no pool metrics.</summary>
    public static (double Used, double Idle, double Max, double? Pending)? Read(IReadOnlyList<PrometheusSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var counts = samples.Where(s => s.Name == CountMetric).ToArray();
        var max = samples.Where(s => s.Name == MaxMetric).ToArray();
        if (counts.Length == 0 || max.Length == 0)
        {
            return null;
        }

        var pending = samples.Where(s => s.Name == PendingMetric).ToArray();
        return (
            counts.Where(s => s.Label(StateLabel) == "used").Sum(s => s.Value),
            counts.Where(s => s.Label(StateLabel) == "idle").Sum(s => s.Value),
            max.Sum(s => s.Value),
            pending.Length == 0 ? null : pending.Sum(s => s.Value));
    }
}
