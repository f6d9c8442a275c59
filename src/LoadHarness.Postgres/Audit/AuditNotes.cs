namespace LoadHarness.Postgres.Audit;

/// <summary>How to read an audit's figures and what it could not see, in words.</summary>
internal static class AuditNotes
{
    public static IReadOnlyList<string> Build(AuditContext context, StatsSnapshot? baseline)
    {
        var server = context.Current.Server;
        var notes = new List<string> { "Window: " + context.Window.Describe() + "." };
        if (!context.Window.IsInterval)
        {
            notes.Add("For the traffic of one period only: --interval 60s takes a snapshot, waits, takes another and reports the difference; nothing is reset.");
        }
        else if (baseline is not null && context.Current.TransactionsCommitted - baseline.TransactionsCommitted <= 2)
        {
            notes.Add("No transactions were committed in this database during the window (besides the audit's own): there was no traffic to judge.");
        }

        if (context.Rollup.ResetSeen)
        {
            notes.Add("Some counters went down during the window (a pg_stat_reset() or a restart by someone else): for those relations the figures are since that reset.");
        }

        notes.Add(server.Major >= 15
            ? "Statistics are flushed lazily: a session's counters reach the views when it goes idle (at most about once a second; a long transaction only at its end). "
              + "The audit called pg_stat_force_next_flush() for its own session and read every view in one snapshot (stats_fetch_consistency = snapshot)."
            : "Statistics reach the views through the statistics collector, up to about half a second late (PostgreSQL 13–14); a long transaction's counters arrive at its end.");
        if (server.ParallelWorkersPerGather > 0)
        {
            notes.Add("A parallel sequential scan counts once per worker and the leader, each reading a share of the table: rows per scan are per worker, so \"large\" is judged against the table size times the workers.");
        }

        if (!server.TrackCounts)
        {
            notes.Add("track_counts is off: table and index counters stay zero; turn it on (postgresql.conf) for a meaningful audit.");
        }

        if (server.Major is < 13 or > 17)
        {
            notes.Add(Fmt.Invariant($"PostgreSQL {server.Major}: the audit is written for 13–17; some figures may be missing."));
        }

        if (!server.CanReadAllStats)
        {
            var hidden = context.Current.Connections.Hidden;
            notes.Add($"Role {server.Role} is not a member of pg_monitor (nor pg_read_all_stats): "
                + (hidden > 0 ? Fmt.Invariant($"{hidden} other sessions' states are hidden, ") : "")
                + "other roles' statement texts are hidden, and column statistics of tables it may not read are missing. "
                + $"GRANT pg_monitor TO {server.Role}; gives an audit everything it reads (it changes nothing).");
        }

        if (context.StatementsAvailable)
        {
            notes.Add("Slow statements are top-level ones (toplevel, PostgreSQL 14+), DDL and maintenance (CREATE, VACUUM, COPY, ...) left out; index suggestions read every level, statements inside functions included.");
        }

        notes.Add("Sizes come from pg_class.relpages (as of the last VACUUM/ANALYZE): the audit takes no lock on a table.");
        if (server.Major < 16)
        {
            notes.Add("last_seq_scan and last_idx_scan exist from PostgreSQL 16 on: this server has no time of the last scan.");
        }

        notes.AddRange(context.Current.Notes);
        return notes;
    }
}
