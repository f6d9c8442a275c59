namespace LoadHarness.Postgres.Audit;

/// <summary>Client connections at the (last) snapshot against max_connections (minus the superuser reserve).</summary>
/// <param name="Total">Client backends, all databases.</param>
/// <param name="Active">Of those, running a statement (only sessions the role may see; see <see cref="Hidden"/>).</param>
/// <param name="IdleInTransaction">Idle in a transaction (holding locks and snapshots).</param>
/// <param name="Hidden">Sessions whose state the role may not see (needs pg_monitor / pg_read_all_stats).</param>
/// <param name="MaxConnections">max_connections.</param>
/// <param name="Reserved">superuser_reserved_connections (and reserved_connections on 16+).</param>
public sealed record ConnectionAudit(long Total, long Active, long IdleInTransaction, long Hidden, int MaxConnections, int Reserved)
{
    /// <summary>Connections usable by ordinary roles.</summary>
    public int Available => Math.Max(1, MaxConnections - Reserved);

    /// <summary>Total / available, in percent (the seed's target: below 80 %).</summary>
    public double UsagePercent => 100.0 * Total / Available;
}
