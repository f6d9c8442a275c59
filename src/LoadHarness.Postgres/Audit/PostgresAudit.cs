namespace LoadHarness.Postgres.Audit;

/// <summary>
/// The audit on any PostgreSQL 13–17: read-only, never resets a counter. Without an interval it reports the lifetime
/// counters; with one it takes a snapshot, waits, takes another and reports the difference. A role with pg_monitor is
/// enough; parts it may not read become notes.
/// </summary>
public static class PostgresAudit
{
    public const string ApplicationName = "loadharness:audit";

    /// <summary>One snapshot of every counter the audit reads.</summary>
    public static async Task<StatsSnapshot> SnapshotAsync(string connectionString, AuditOptions? options = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await AuditConnection.OpenAsync(connectionString, ApplicationName, cancellationToken).ConfigureAwait(false);
        return await StatsSnapshotReader.TakeAsync(connection, options ?? new AuditOptions(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Audits the database: lifetime counters when <paramref name="interval"/> is null, else the delta of two snapshots
    /// <paramref name="interval"/> apart (<paramref name="onWaiting"/> is told when the wait starts).
    /// </summary>
    public static async Task<AuditReport> RunAsync(string connectionString, AuditOptions? options = null, TimeSpan? interval = null,
        TimeProvider? time = null, Action<TimeSpan>? onWaiting = null, CancellationToken cancellationToken = default)
    {
        options ??= new AuditOptions();
        await using var connection = await AuditConnection.OpenAsync(connectionString, ApplicationName, cancellationToken).ConfigureAwait(false);
        if (interval is not { } wait || wait <= TimeSpan.Zero)
        {
            return AuditAnalyzer.Analyze(await StatsSnapshotReader.TakeAsync(connection, options, cancellationToken).ConfigureAwait(false), null, options);
        }

        var first = await StatsSnapshotReader.TakeAsync(connection, options, cancellationToken).ConfigureAwait(false);
        onWaiting?.Invoke(wait);
        await Task.Delay(wait, time ?? TimeProvider.System, cancellationToken).ConfigureAwait(false);
        var second = await StatsSnapshotReader.TakeAsync(connection, options, cancellationToken).ConfigureAwait(false);
        return AuditAnalyzer.Analyze(second, first, options);
    }
}
