namespace LoadHarness.Postgres.Audit;

/// <summary>The server, database and role an audit ran against, and what the role may see.</summary>
/// <param name="VersionNumber">server_version_num, e.g. 150008.</param>
/// <param name="Version">server_version, e.g. "15.8 (Debian 15.8-1)".</param>
/// <param name="Database">current_database().</param>
/// <param name="Role">current_user.</param>
/// <param name="IsSuperuser">Whether the role is a superuser.</param>
/// <param name="CanReadAllStats">Member of pg_monitor or pg_read_all_stats (or superuser): sees every session and statement text.</param>
/// <param name="StatsReset">pg_stat_database.stats_reset of this database (null: never reset).</param>
/// <param name="TrackCounts">track_counts: without it every counter stays zero.</param>
/// <param name="ParallelWorkersPerGather">max_parallel_workers_per_gather (parallel scans count once per worker).</param>
public sealed record ServerFacts(
    int VersionNumber,
    string Version,
    string Database,
    string Role,
    bool IsSuperuser,
    bool CanReadAllStats,
    DateTimeOffset? StatsReset,
    bool TrackCounts,
    int ParallelWorkersPerGather)
{
    /// <summary>The major version (13, 14, ...).</summary>
    public int Major => VersionNumber / 10_000;
}
