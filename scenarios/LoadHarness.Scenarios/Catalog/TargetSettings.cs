namespace LoadHarness.Scenarios.Catalog;

/// <summary>
/// Where the load goes (the config's <c>Target</c> section). Both empty = the embedded default: the
/// command starts a throwaway PostgreSQL and the sample API and fills these in before scenarios are built.
/// </summary>
public sealed record TargetSettings
{
    /// <summary>Base URL of the HTTP API under test, e.g. http://127.0.0.1:5080.</summary>
    public string? ApiBaseUrl { get; init; }

    /// <summary>Npgsql connection string of the database under test (a role that may read the tables).</summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// The application's Prometheus endpoint (e.g. http://127.0.0.1:5080/metrics), scraped every second during the run:
    /// its database pool (OpenTelemetry's db.client.connection.*) becomes <c>app.pool_usage</c>, and every metric named in
    /// <see cref="Metrics"/> a series <c>app.&lt;name&gt;</c>. The embedded default sets it to the sample API's.
    /// </summary>
    public string? MetricsUrl { get; init; }

    /// <summary>Prometheus metric names to keep from <see cref="MetricsUrl"/> (summed over their labels), as series <c>app.&lt;name&gt;</c>.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = [];

    /// <summary>Embedded default only: the API's own (non-owner, RLS-bound) role, to measure what RLS costs.</summary>
    public string? ApiRoleConnectionString { get; init; }

    /// <summary>True when the command started the targets itself (embedded default).</summary>
    public bool IsEmbedded { get; init; }
}
