namespace LoadHarness.Cli.Embedded;

/// <summary>How <see cref="EmbeddedTarget"/> prepares the throwaway database and the sample API.</summary>
public sealed record EmbeddedTargetOptions
{
    /// <summary>Seeded users (the seed's "ready for scale": 10,000). Businesses are users / 10.</summary>
    public int SeedUsers { get; init; } = 10_000;

    /// <summary>Apply db/003_performance_indexes.sql before the run (false = the audit's "before" state).</summary>
    public bool ApplyIndexMigration { get; init; } = true;

    /// <summary>Start samples/TargetApi as a child process (false: database only, <c>ApiBaseUrl</c> stays null).</summary>
    public bool StartApi { get; init; } = true;

    /// <summary>
    /// The sample API's Max Pool Size (Npgsql's default 100 when null): a pool smaller than the VUs shows as
    /// <c>app.pool_usage</c> near 1 (GlobalCustomSettings.ApiMaxPoolSize).
    /// </summary>
    public int? ApiMaxPoolSize { get; init; }

    /// <summary>
    /// Connections the sample API opens at startup and keeps (its Minimum Pool Size; at most its Max Pool Size), as a
    /// service in use has its pool open: default 100, the seed's VUs (GlobalCustomSettings.ApiWarmConnections; 0: cold).
    /// </summary>
    public int ApiWarmConnections { get; init; } = DefaultApiWarmConnections;

    public const int DefaultApiWarmConnections = 100;

    /// <summary>Progress lines ("seeded 10000 users in 11.2 s") and, on failure, the API's stderr.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>How long the API may take to answer GET /health.</summary>
    public TimeSpan ApiStartTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
