namespace LoadHarness.Postgres.Audit;

/// <summary>
/// Turns one or two snapshots into the window's figures: counters minus the baseline's (a counter that went down was
/// reset in between: the current value is used and <see cref="ResetSeen"/> says so), partitions summed into their
/// partitioned table and partition indexes into their partitioned index, statements matched by (role, queryid, toplevel).
/// </summary>
internal sealed class CounterRollup
{
    public CounterRollup(StatsSnapshot current, StatsSnapshot? baseline)
    {
        var before = baseline?.Tables.ToDictionary(t => t.Oid) ?? [];
        var tables = current.Tables.Select(t => before.TryGetValue(t.Oid, out var b) ? Subtract(t, b) : t).ToArray();
        RootOf = current.Tables.ToDictionary(t => t.Oid, t => t.RootOid);
        Tables = tables.GroupBy(t => t.RootOid).Select(g => (g.Key, Sum(g.Key, g.ToArray()))).ToDictionary(x => x.Key, x => x.Item2);

        var beforeIndexes = baseline?.Indexes.ToDictionary(i => i.Oid) ?? [];
        var indexes = current.Indexes.Select(i => beforeIndexes.TryGetValue(i.Oid, out var b) ? Subtract(i, b) : i).ToArray();
        var byOid = indexes.ToDictionary(i => i.Oid);
        Indexes = indexes
            .GroupBy(i => byOid.ContainsKey(i.RootOid) ? i.RootOid : i.Oid)
            .Select(g => Fold(byOid[g.Key], g.Where(i => i.Oid != g.Key).ToArray()))
            .ToArray();

        var beforeStatements = baseline?.Statements.GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First()) ?? [];
        Statements = current.Statements
            .Select(s => beforeStatements.TryGetValue(s.Key, out var b) ? Subtract(s, b) : s)
            .Where(s => s.Calls > 0)
            .Select(s => new StatementAudit
            {
                QueryId = s.QueryId,
                Role = s.Role,
                Query = s.Query,
                TopLevel = s.TopLevel,
                Calls = s.Calls,
                TotalMs = s.TotalMs,
                MaxMs = s.MaxMs,
                Rows = s.Rows,
                SharedBlocksHit = s.SharedBlocksHit,
                SharedBlocksRead = s.SharedBlocksRead,
            })
            .ToArray();
    }

    /// <summary>Tables by root oid: a partitioned table with its partitions summed.</summary>
    public IReadOnlyDictionary<long, TableAudit> Tables { get; }

    /// <summary>Physical table oid → the root of its partition tree.</summary>
    public IReadOnlyDictionary<long, long> RootOf { get; }

    /// <summary>Indexes with their window counters, partition indexes folded into their partitioned index.</summary>
    public IReadOnlyList<(IndexDefinition Definition, int Partitions)> Indexes { get; }

    public IReadOnlyList<StatementAudit> Statements { get; }

    public bool ResetSeen { get; private set; }

    /// <summary>The table an index belongs to (a local index of a partition: the partitioned table).</summary>
    public TableAudit? TableOf(IndexDefinition index) =>
        Tables.TryGetValue(RootOf.GetValueOrDefault(index.TableOid, index.TableOid), out var table) ? table : null;

    private TableCounters Subtract(TableCounters now, TableCounters then)
    {
        if (now.SeqScans < then.SeqScans || now.SeqRowsRead < then.SeqRowsRead || (now.IndexScans ?? 0) < (then.IndexScans ?? 0)
            || now.Updates < then.Updates || now.Inserts < then.Inserts || now.HeapBlocksHit < then.HeapBlocksHit)
        {
            ResetSeen = true;
            return now;
        }

        return now with
        {
            SeqScans = now.SeqScans - then.SeqScans,
            SeqRowsRead = now.SeqRowsRead - then.SeqRowsRead,
            IndexScans = now.IndexScans is { } scans ? scans - (then.IndexScans ?? 0) : null,
            IndexRowsFetched = now.IndexRowsFetched - then.IndexRowsFetched,
            Inserts = now.Inserts - then.Inserts,
            Updates = now.Updates - then.Updates,
            HotUpdates = now.HotUpdates - then.HotUpdates,
            Deletes = now.Deletes - then.Deletes,
            HeapBlocksRead = now.HeapBlocksRead - then.HeapBlocksRead,
            HeapBlocksHit = now.HeapBlocksHit - then.HeapBlocksHit,
            IndexBlocksRead = Math.Max(0, now.IndexBlocksRead - then.IndexBlocksRead),
            IndexBlocksHit = Math.Max(0, now.IndexBlocksHit - then.IndexBlocksHit),
        };
    }

    private IndexDefinition Subtract(IndexDefinition now, IndexDefinition then)
    {
        if ((now.Scans ?? 0) < (then.Scans ?? 0) || now.BlocksHit < then.BlocksHit)
        {
            ResetSeen = true;
            return now;
        }

        return now with
        {
            Scans = now.Scans is { } scans ? scans - (then.Scans ?? 0) : null,
            TuplesRead = Math.Max(0, now.TuplesRead - then.TuplesRead),
            BlocksRead = Math.Max(0, now.BlocksRead - then.BlocksRead),
            BlocksHit = now.BlocksHit - then.BlocksHit,
        };
    }

    private StatementCounters Subtract(StatementCounters now, StatementCounters then)
    {
        if (now.Calls < then.Calls)
        {
            ResetSeen = true;
            return now;
        }

        return now with
        {
            Calls = now.Calls - then.Calls,
            TotalMs = Math.Max(0, now.TotalMs - then.TotalMs),
            Rows = Math.Max(0, now.Rows - then.Rows),
            SharedBlocksHit = Math.Max(0, now.SharedBlocksHit - then.SharedBlocksHit),
            SharedBlocksRead = Math.Max(0, now.SharedBlocksRead - then.SharedBlocksRead),
        };
    }

    private static TableAudit Sum(long rootOid, TableCounters[] parts)
    {
        var root = parts.FirstOrDefault(p => p.Oid == rootOid);
        var first = parts[0];
        var partitions = parts.Count(p => p.Oid != rootOid && p.Kind != "p");
        var indexScans = parts.Where(p => p.IndexScans is not null).Select(p => p.IndexScans!.Value).ToArray();
        return new TableAudit
        {
            Schema = first.RootSchema,
            Name = first.RootName,
            Kind = (root?.Kind ?? "p") switch { "p" => "partitioned", "m" => "materialized view", _ => "table" },
            Partitions = partitions,
            SeqScans = parts.Sum(p => p.SeqScans),
            SeqRowsRead = parts.Sum(p => p.SeqRowsRead),
            IndexScans = indexScans.Length == 0 ? null : indexScans.Sum(),
            IndexRowsFetched = parts.Sum(p => p.IndexRowsFetched),
            Inserts = parts.Sum(p => p.Inserts),
            Updates = parts.Sum(p => p.Updates),
            HotUpdates = parts.Sum(p => p.HotUpdates),
            Deletes = parts.Sum(p => p.Deletes),
            LiveRows = parts.Sum(p => p.LiveRows),
            HeapPages = parts.Sum(p => p.HeapPages),
            DeadRows = parts.Sum(p => p.DeadRows),
            HeapBlocksRead = parts.Sum(p => p.HeapBlocksRead),
            HeapBlocksHit = parts.Sum(p => p.HeapBlocksHit),
            IndexBlocksRead = parts.Sum(p => p.IndexBlocksRead),
            IndexBlocksHit = parts.Sum(p => p.IndexBlocksHit),
            TotalBytes = parts.Sum(p => p.TotalBytes),
            LastSeqScan = parts.Max(p => p.LastSeqScan),
            LastAutovacuum = parts.Max(p => p.LastAutovacuum),
            LastVacuum = parts.Max(p => p.LastVacuum),
            FillFactor = root?.FillFactor ?? first.FillFactor,
        };
    }

    private static (IndexDefinition, int) Fold(IndexDefinition root, IndexDefinition[] children)
    {
        if (children.Length == 0)
        {
            return (root, 0);
        }

        var scans = children.Where(c => c.Scans is not null).Select(c => c.Scans!.Value).Append(root.Scans ?? 0).Sum();
        return (root with
        {
            Scans = scans,
            TuplesRead = root.TuplesRead + children.Sum(c => c.TuplesRead),
            BlocksRead = root.BlocksRead + children.Sum(c => c.BlocksRead),
            BlocksHit = root.BlocksHit + children.Sum(c => c.BlocksHit),
            Bytes = root.Bytes + children.Sum(c => c.Bytes),
            LastScan = children.Select(c => c.LastScan).Append(root.LastScan).Max(),
        }, children.Length);
    }
}
