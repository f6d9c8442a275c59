namespace LoadHarness.Postgres.Audit;

/// <summary>What every critique reads: the window's figures, the catalog and the statements' shapes.</summary>
internal sealed class AuditContext
{
    public AuditContext(StatsSnapshot current, StatsSnapshot? baseline, AuditOptions options)
    {
        Current = current;
        Options = options;
        Rollup = new CounterRollup(current, baseline);
        Window = baseline is null
            ? new AuditWindow(false, current.Server.StatsReset, current.TakenAt)
            : new AuditWindow(true, baseline.TakenAt, current.TakenAt);
        Shapes = Rollup.Statements
            .Where(s => !s.Query.StartsWith('<'))
            .Select(s => (Shape: QueryShape.Parse(s.Query), Statement: s))
            .Where(x => x.Shape is not null)
            .Select(x => (x.Shape!, x.Statement))
            .ToArray();
    }

    public StatsSnapshot Current { get; }

    public AuditOptions Options { get; }

    public CounterRollup Rollup { get; }

    public AuditWindow Window { get; }

    public List<AuditFinding> Findings { get; } = [];

    /// <summary>Verdicts per index oid, for the index table.</summary>
    public Dictionary<long, List<string>> Verdicts { get; } = [];

    public IReadOnlyList<(QueryShape Shape, StatementAudit Statement)> Shapes { get; }

    public bool StatementsAvailable => Current.StatementsAvailability == StatementsAvailability.Available;

    public IReadOnlyList<ColumnInfo> ColumnsOf(long tableOid) => Current.Columns.Where(c => c.TableOid == tableOid).ToArray();

    /// <summary>The table's own indexes (a partitioned table: its partitioned indexes), with window counters.</summary>
    public IReadOnlyList<IndexDefinition> IndexesOf(long tableOid) =>
        Rollup.Indexes.Select(i => i.Definition).Where(i => i.TableOid == tableOid).ToArray();

    /// <summary>Statements over this table, with their shapes.</summary>
    public IEnumerable<(QueryShape Shape, StatementAudit Statement)> ShapesOf(TableAudit table) =>
        Shapes.Where(s => s.Shape.Table == table.Name && (s.Shape.Schema is null || s.Shape.Schema == table.Schema));

    /// <summary>Columns the window's UPDATE statements on this table set (null: unknown without pg_stat_statements).</summary>
    public IReadOnlySet<string>? UpdatedColumns(TableAudit table) => StatementsAvailable
        ? ShapesOf(table).Where(s => s.Shape.Verb == "update").SelectMany(s => s.Shape.SetColumns).ToHashSet(StringComparer.Ordinal)
        : null;

    public void Verdict(IndexDefinition index, string verdict)
    {
        if (!Verdicts.TryGetValue(index.Oid, out var list))
        {
            Verdicts[index.Oid] = list = [];
        }

        if (!list.Contains(verdict))
        {
            list.Add(verdict);
        }
    }

    public void Add(AuditSeverity severity, string kind, string subject, string message, string? sql = null) =>
        Findings.Add(new AuditFinding(severity, kind, subject, message, sql));

    /// <summary>"in the 60 s window" or "since 2024-12-16" for messages.</summary>
    public string WindowWords => Window.IsInterval
        ? Fmt.Invariant($"in the {Window.Seconds:0.#} s window")
        : Window.From is { } from ? Fmt.Invariant($"since {from.UtcDateTime:yyyy-MM-dd HH:mm} UTC") : "since the statistics began";
}
